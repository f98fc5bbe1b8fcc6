"""Arguments of a trigger from the dependency parse: who did it (actor1) and to whom (actor2).

Each way an argument is found is an `actors.*` rule (`data/rules/actors.toml`): the subject of an attack verb,
the agent of a passive, the object, an "on" / "against" phrase, the modifier of an attack noun ("US
airstrikes"); failing those, a named armed group in the sentence.
"""

from __future__ import annotations

from spacy.tokens import Span as Sentence
from spacy.tokens import Token

from eventwire.model import Actor, Span
from eventwire.pipeline import rules
from eventwire.pipeline.actors import HEAD_KINDS, country_in_phrase, find_named_groups, normalize_actor
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import dependents

_AGENT_PREPS = frozenset({"by"})
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "upon"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
_COLLECTIVES = words("collective_nouns")
_HELD_PLACES = words("held_places")
_REPELLING = words("repelling_verbs")
_TWO_SIDED = words("two_sided_lemmas")

R_SUBJECT = rule("actors.subject_is_actor1")
R_RELATIVE = rule("actors.relative_clause_subject")
R_OBJECT = rule("actors.object_is_actor2")
R_AGENT = rule("actors.passive_agent_is_actor1")
R_TARGET = rule("actors.target_phrase_is_actor2")
R_MODIFIER = rule("actors.modifier_is_actor1")
R_NOUN_AGENT = rule("actors.by_phrase_is_actor1")
R_NOUN_TARGET = rule("actors.noun_target_is_actor2")
R_LAUNCHER = rule("actors.subject_of_launch_verb")
R_PROTESTERS = rule("actors.protest_by_protesters")
R_RIOTERS = rule("actors.riot_by_rioters")
R_NAMED_GROUP = rule("actors.named_group_in_sentence")
R_NOT_BOTH = rule("actors.same_actor_not_both_sides")
R_COLLECTIVE = rule("actors.collective_head")
R_POSITIONS = rule("actors.positions_of_a_side")
R_WITH = rule("actors.with_phrase_is_other_side")
R_CONJOINED = rule("actors.conjoined_sides")
R_CONJOINED_OWNERS = rule("actors.forces_of_two_owners")
R_BETWEEN = rule("actors.between_sides")
R_VICTIMS = rule("actors.victims_of_toll")
R_VICTIMS_APART = rule("actors.victims_apart_in_time")
_VICTIM_VERBS = words("kill_verbs") | words("injure_verbs") | frozenset({"target"})
# "killed following an attack" is the attack's toll; "nine days after air strikes" tells another incident
_TIME_PREPS = frozenset({"after", "following"})
_EARLIER_PREPS = frozenset({"before", "since"})
_HAPPENING_VERBS = frozenset({"take", "occur", "erupt", "break", "happen", "ensue", "continue"})
R_REPELLED = rule("actors.repelling_side_is_target")
R_NO_ONE = rule("actors.no_one")

Found = tuple[Actor, Span, tuple[str, ...]]  # the actor, the words naming it, the rules behind it


def _phrase(tok: Token) -> Sentence:
    """The noun phrase headed by `tok`: its left modifiers and compound/of-complements, not clauses."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "appos", "nummod", "amod") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i)
    # Do not swallow a preceding clause.
    while left < tok.i and tok.doc[left].dep_ in ("mark", "cc", "punct", "advmod", "prep"):
        left += 1
    return tok.doc[left: right + 1]


def _actor_head(tok: Token) -> Token:
    """The word that says who a phrase is ("militiamen" in "four Iran-backed militiamen", "people" in
    "a group of people", "forces" in "the positions of the government forces")."""
    lemma = tok.lemma_.lower()
    if lemma in _COLLECTIVES or lemma in _HELD_PLACES:
        for prep in dependents(tok):
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in dependents(prep):
                    if pobj.dep_ == "pobj" and (R_COLLECTIVE if lemma in _COLLECTIVES else R_POSITIONS).applies():
                        return _actor_head(pobj)
    if tok.lemma_.lower() in HEAD_KINDS:
        return tok
    for child in dependents(tok):
        if child.dep_ == "conj" and child.lemma_.lower() in HEAD_KINDS:
            return child
    return tok


def _to_actor(tok: Token, event_country: str | None, how: str) -> Found | None:
    """The actor a phrase names (`how`: the rule that found the phrase), with the rules that read it."""
    mark = rules.mark()
    head = _actor_head(tok)
    if (head.lower_ in ("nobody", "none") or any(c.dep_ == "det" and c.lower_ == "no" for c in dependents(head))) \
            and R_NO_ONE.applies():
        return None  # "no group has claimed the attack" names no one
    span = _phrase(head)
    actor = normalize_actor(span.text, head.lemma_, event_country)
    if actor is None:
        return None
    return actor, Span(span.start_char, span.end_char, span.text), (how, *rules.since(mark))


def find_actors(trigger_tok: Token, sent: Sentence, event_country: str | None, family: str,
                ) -> tuple[Found | None, Found | None]:
    """(actor1, actor2) for the trigger, each with the span that names it and the rules that found it, from
    syntax then proximity."""
    actor1: Found | None = None
    actor2: Found | None = None
    tok = trigger_tok
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is not None:
        for child in dependents(verb):
            if child.dep_ in _SUBJECT_DEPS and actor1 is None and R_SUBJECT.applies():
                subject = child
                if child.lower_ in ("that", "who", "which") and verb.dep_ == "relcl" and R_RELATIVE.applies():
                    subject = verb.head  # "a group of people that attacked ...": the noun the clause modifies
                actor1 = _to_actor(subject, event_country, R_SUBJECT.id)
            elif child.dep_ in _OBJECT_DEPS and actor2 is None and R_OBJECT.applies():
                actor2 = _to_actor(child, event_country, R_OBJECT.id)
            elif child.dep_ == "agent":
                for pobj in dependents(child):
                    if pobj.dep_ == "pobj" and actor1 is None and R_AGENT.applies():
                        actor1 = _to_actor(pobj, event_country, R_AGENT.id)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                for pobj in dependents(child):
                    if pobj.dep_ == "pobj" and actor2 is None and R_TARGET.applies():
                        actor2 = _to_actor(pobj, event_country, R_TARGET.id)
        two_sided = verb.lemma_.lower() in _TWO_SIDED
        if actor1 is not None and actor2 is None and two_sided:
            actor2 = _other_side(verb, event_country)
        if verb.lemma_.lower() in _REPELLING and actor1 is not None and R_REPELLED.applies():
            # "troops repelled an attack by militants": the attackers did it, to those who repelled them
            attackers = _agent_of_object(verb, event_country)
            actor1, actor2 = (attackers, actor1) if attackers is not None else (None, actor1)
    else:
        # "clashes took place between A and B": the sides hang on the verb the incident noun is the subject of
        sides_of = [*dependents(tok), *(c for c in dependents(tok.head) if c.lower_ == "between")] \
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _HAPPENING_VERBS else list(dependents(tok))
        for child in sides_of:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and actor1 is None and R_MODIFIER.applies():
                actor1 = _modifier_actor(child, event_country)
            elif child.dep_ == "prep" and child.lower_ in _AGENT_PREPS:
                for pobj in dependents(child):
                    if pobj.dep_ == "pobj" and R_NOUN_AGENT.applies():
                        actor1 = _to_actor(pobj, event_country, R_NOUN_AGENT.id) or actor1
            elif child.dep_ == "prep" and child.lower_ == "between" and actor1 is None:
                for pobj in dependents(child):
                    if pobj.dep_ == "pobj" and R_BETWEEN.applies():
                        # "clashes between the army and the rebels": one side each
                        actor1 = _to_actor(pobj, event_country, R_BETWEEN.id)
                        other = next((c for c in dependents(pobj) if c.dep_ == "conj"), None)
                        if other is not None and actor2 is None:
                            actor2 = _to_actor(other, event_country, R_BETWEEN.id)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | {"with"}:
                for pobj in dependents(child):
                    if pobj.dep_ == "pobj" and actor2 is None and R_NOUN_TARGET.applies():
                        actor2 = _to_actor(pobj, event_country, R_NOUN_TARGET.id)
        head = tok.head
        if actor1 is None and head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj",):
            for child in dependents(head):
                if child.dep_ in _SUBJECT_DEPS and R_LAUNCHER.applies():
                    actor1 = _to_actor(child, event_country, R_LAUNCHER.id)
    if family == "protest" and actor1 is None and R_PROTESTERS.applies():
        actor1 = (_generic("Protesters", "protesters", event_country), Span(tok.idx, tok.idx + len(tok.text), tok.text),
                  (R_PROTESTERS.id,))
    if family == "riot" and actor1 is None and R_RIOTERS.applies():
        actor1 = (_generic("Rioters", "rioters", event_country), Span(tok.idx, tok.idx + len(tok.text), tok.text),
                  (R_RIOTERS.id,))
    if actor2 is None and family not in ("protest", "riot"):
        actor2 = _victims_in(tok, sent, actor1, event_country)
    if actor1 is None and R_NAMED_GROUP.applies():
        actor1 = _named_group_in(sent, event_country)
        if actor1 is not None and actor2 is not None and actor1[0].name == actor2[0].name:
            if family == "clash":
                actor2 = None  # "Taliban fighters were killed when troops repulsed their attack": they attacked
            else:
                actor1 = None  # "Taliban fighters were killed by air strikes": the group named is the victim
    if actor1 and actor2 and actor1[0].name == actor2[0].name and family != "clash" and R_NOT_BOTH.applies():
        actor2 = None
    return actor1, actor2


def _victims_in(trigger: Token, sent: Sentence, actor1: Found | None, event_country: str | None) -> Found | None:
    """"Eight Taliban fighters were killed by air strikes", "shelling killed a QSD fighter", "air strikes
    targeting IS militants": whom the sentence's killing, wounding or targeting verb names as its victims, when
    that verb is the trigger's own ("rockets hit the base, injuring two soldiers, days after air strikes on
    militia stores": the soldiers are not the air strikes' victims)."""
    for tok in sent:
        if tok.lemma_.lower() not in _VICTIM_VERBS:
            continue
        if _apart_in_time(tok, trigger) and R_VICTIMS_APART.applies():
            continue
        for child in dependents(tok):
            if child.dep_ not in ("nsubjpass", "dobj"):
                continue
            found = _to_actor(child, event_country, R_VICTIMS.id)
            if found is not None and (actor1 is None or found[0].name != actor1[0].name) and R_VICTIMS.applies():
                return found
    return None


def _apart_in_time(verb: Token, trigger: Token) -> bool:
    """Whether a phrase of time stands between the verb and the trigger in the parse ("injuring two soldiers,
    days after air strikes on ...": the air strikes are another incident; "killed after an attack" is not)."""
    up_from_trigger = [trigger, *trigger.ancestors]
    up_from_verb = [verb, *verb.ancestors]
    common = next((t for t in up_from_trigger if t in up_from_verb), None)
    path = up_from_trigger[:up_from_trigger.index(common)] + up_from_verb[:up_from_verb.index(common)] \
        if common is not None else []
    return any(t.dep_ == "prep" and (t.lower_ in _EARLIER_PREPS or (
        t.lower_ in _TIME_PREPS and any(c.dep_ == "npadvmod" for c in dependents(t)))) for t in path)


def _other_side(verb: Token, event_country: str | None) -> Found | None:
    """The second side of a two-sided verb: "clashed with the rebels", "the army and the rebels clashed"."""
    for child in dependents(verb):
        if child.dep_ == "prep" and child.lower_ == "with":
            for pobj in dependents(child):
                if pobj.dep_ == "pobj" and R_WITH.applies():
                    return _to_actor(pobj, event_country, R_WITH.id)
        if child.dep_ in _SUBJECT_DEPS:
            other = next((c for c in dependents(child) if c.dep_ == "conj"), None)
            if other is not None and R_CONJOINED.applies():
                return _to_actor(other, event_country, R_CONJOINED.id)
            whose = _conjoined_owner(child, event_country)
            if whose is not None:
                return whose
    return None


def _conjoined_owner(subject: Token, event_country: str | None) -> Found | None:
    """"the forces of India and Pakistan exchanged fire": the second owner's forces are the other side."""
    for prep in dependents(subject):
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for owner in dependents(prep):
                other = next((c for c in dependents(owner) if c.dep_ == "conj"), None)
                if owner.dep_ == "pobj" and other is not None and R_CONJOINED_OWNERS.applies():
                    mark = rules.mark()
                    phrase = f"{subject.text} of {other.text}"
                    actor = normalize_actor(phrase, subject.lemma_, event_country)
                    if actor is not None:
                        return actor, Span(other.idx, other.idx + len(other.text), other.text), \
                            (R_CONJOINED_OWNERS.id, *rules.since(mark))
    return None


def _agent_of_object(verb: Token, event_country: str | None) -> Found | None:
    """"repelled an attack by militants": who made the attack that was repelled."""
    for obj in dependents(verb):
        if obj.dep_ in _OBJECT_DEPS:
            for prep in dependents(obj):
                if prep.dep_ == "prep" and prep.lower_ in ("by", "of", "from"):
                    for pobj in dependents(prep):
                        if pobj.dep_ == "pobj":
                            return _to_actor(pobj, event_country, R_REPELLED.id)
            if obj.dep_ == "dobj":
                return _modifier_actor_of(obj, event_country)
    return None


def _modifier_actor_of(noun: Token, event_country: str | None) -> Found | None:
    for child in dependents(noun):
        if child.dep_ in ("compound", "amod", "poss", "nmod"):
            found = _modifier_actor(child, event_country)
            if found is not None:
                return found
    return None


def _modifier_actor(tok: Token, event_country: str | None) -> Found | None:
    """"US airstrikes", "Russian shelling", "militant attack": the modifier names the perpetrator."""
    text = tok.text
    code = country_in_phrase(text)
    if code is not None:
        mark = rules.mark()
        actor = normalize_actor(f"{text} forces", "force", event_country)
        if actor is not None:
            return actor, Span(tok.idx, tok.idx + len(text), text), (R_MODIFIER.id, *rules.since(mark))
    return _to_actor(tok, event_country, R_MODIFIER.id)


def _generic(label: str, kind: str, country: str | None) -> Actor:
    return Actor(text=label.lower(), name=f"{label} ({country})" if country else label, kind=kind, country=country)


def _named_group_in(sent: Sentence, event_country: str | None) -> Found | None:
    for _group, start, end in find_named_groups(sent.text):
        text = sent.text[start:end]
        mark = rules.mark()
        actor = normalize_actor(text, "group", event_country)
        if actor:
            return actor, Span(sent.start_char + start, sent.start_char + end, text), \
                (R_NAMED_GROUP.id, *rules.since(mark))
    return None
