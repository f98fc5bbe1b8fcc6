"""Arguments of a trigger from the dependency parse: who did it (actor1) and to whom (actor2)."""

from __future__ import annotations

from typing import Any

from eventwire.model import Actor, Span
from eventwire.pipeline.actors import HEAD_KINDS, find_named_groups, normalize_actor

_AGENT_PREPS = frozenset({"by"})
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "upon"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})


def _phrase(tok: Any) -> Any:
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


_COLLECTIVES = frozenset({"group", "member", "crowd", "band", "number", "dozen", "hundred", "thousand", "score",
                          "couple", "pair", "gang"})


def _actor_head(tok: Any) -> Any:
    """The word that says who a phrase is ("militiamen" in "four Iran-backed militiamen", "people" in
    "a group of people")."""
    if tok.lemma_.lower() in _COLLECTIVES:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return _actor_head(pobj)
    if tok.lemma_.lower() in HEAD_KINDS:
        return tok
    for child in tok.children:
        if child.dep_ == "conj" and child.lemma_.lower() in HEAD_KINDS:
            return child
    return tok


def _to_actor(tok: Any, event_country: str | None, article_id: str) -> tuple[Actor, Span] | None:
    head = _actor_head(tok)
    if head.lower_ in ("nobody", "none") or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return None  # "no group has claimed the attack" names no one
    span = _phrase(head)
    actor = normalize_actor(span.text, head.lemma_, event_country)
    if actor is None:
        return None
    return actor, Span(span.start_char, span.end_char, span.text)


def find_actors(trigger_tok: Any, sent: Any, event_country: str | None, article_id: str,
                family: str) -> tuple[tuple[Actor, Span] | None, tuple[Actor, Span] | None]:
    """(actor1, actor2) for the trigger, each with the span that names it, from syntax then proximity."""
    actor1: tuple[Actor, Span] | None = None
    actor2: tuple[Actor, Span] | None = None
    tok = trigger_tok
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is not None:
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS and actor1 is None:
                subject = child
                if child.lower_ in ("that", "who", "which") and verb.dep_ == "relcl":
                    subject = verb.head  # "a group of people that attacked ...": the noun the clause modifies
                actor1 = _to_actor(subject, event_country, article_id)
            elif child.dep_ in _OBJECT_DEPS and actor2 is None:
                actor2 = _to_actor(child, event_country, article_id)
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and actor1 is None:
                        actor1 = _to_actor(pobj, event_country, article_id)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and actor2 is None:
                        actor2 = _to_actor(pobj, event_country, article_id)
        # "X were killed in an attack by Y": the subject of a passive is the target.
    else:
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and actor1 is None:
                actor1 = _modifier_actor(child, event_country, article_id)
            elif child.dep_ == "prep" and child.lower_ in _AGENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        actor1 = _to_actor(pobj, event_country, article_id) or actor1
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | {"between", "with"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and actor2 is None:
                        actor2 = _to_actor(pobj, event_country, article_id)
        head = tok.head
        if actor1 is None and head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj",):
            for child in head.children:
                if child.dep_ in _SUBJECT_DEPS:
                    actor1 = _to_actor(child, event_country, article_id)
    if family == "protest" and actor1 is None:
        actor1 = (_generic("Protesters", "protesters", event_country), Span(tok.idx, tok.idx + len(tok.text), tok.text))
    if family == "riot" and actor1 is None:
        actor1 = (_generic("Rioters", "rioters", event_country), Span(tok.idx, tok.idx + len(tok.text), tok.text))
    if actor1 is None:
        actor1 = _named_group_in(sent, event_country)
    if actor1 and actor2 and actor1[0].name == actor2[0].name and family != "clash":
        actor2 = None
    return actor1, actor2


def _modifier_actor(tok: Any, event_country: str | None, article_id: str) -> tuple[Actor, Span] | None:
    """"US airstrikes", "Russian shelling", "militant attack": the modifier names the perpetrator."""
    from eventwire.pipeline.actors import country_in_phrase

    text = tok.text
    code = country_in_phrase(text)
    if code is not None:
        actor = normalize_actor(f"{text} forces", "force", event_country)
        if actor is not None:
            return actor, Span(tok.idx, tok.idx + len(text), text)
    return _to_actor(tok, event_country, article_id)


def _generic(label: str, kind: str, country: str | None) -> Actor:
    return Actor(text=label.lower(), name=f"{label} ({country})" if country else label, kind=kind, country=country)


def _named_group_in(sent: Any, event_country: str | None) -> tuple[Actor, Span] | None:
    for _group, start, end in find_named_groups(sent.text):
        text = sent.text[start:end]
        actor = normalize_actor(text, "group", event_country)
        if actor:
            return actor, Span(sent.start_char + start, sent.start_char + end, text)
    return None
