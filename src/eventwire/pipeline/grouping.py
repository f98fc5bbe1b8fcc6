"""Stage `grouping`: mentions of one incident within an article merge into one - same type family, compatible
place and date. Mentions that only refer to an incident ("responsibility for the attack") join one, never stand
alone; arrests at a demonstration belong to it; mentions too thinly supported are dropped."""

from __future__ import annotations

import re
from dataclasses import replace

from eventwire.geo import haversine_km
from eventwire.model import Evidence, Place
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import COUNT_FIELDS, Draft
from eventwire.pipeline.event_counts import combined, stated, vague
from eventwire.pipeline.event_places import PLACE_SPECIFICITY
from eventwire.pipeline.lexicon import pattern, words
from eventwire.pipeline.quantities import CountMention
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage

STAGE_NAME = "grouping"
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PROTEST_SEVERITY = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
_CROWD = pattern("crowd_words")
_INTERVENTION = pattern("intervention_words")
_CUSTODY = pattern("custody_words")
_CROWD_VIOLENCE = pattern("crowd_violence_acts")
_ARMED_PEOPLE = words("armed_people")
_WORD = re.compile(r"[a-z]+")
_CAUSE_BEFORE = re.compile(r"\b(?:following|after)\b[^,.;]*$")
_SIDES_OF_A_CROWD = frozenset({None, "civilians", "protesters", "rioters"})
_FORCES_KINDS = frozenset({"state forces", "external forces"})  # (peacekeepers policing a crowd: KFOR, UNIFIL)

R_SAME_INCIDENT = rule("grouping.same_incident")
R_SAME_DAY = rule("grouping.score_same_day")
R_SAME_PLACE = rule("grouping.score_same_place")
R_PLACE_KM = rule("grouping.same_place_km")
R_REFERENCE = rule("grouping.reference_joins_only")
R_DISTRICT_HOLDS = rule("grouping.district_holds_place")
R_REFERENCE_TOLL = rule("grouping.definite_subject_of_toll_stands")
R_ARRESTS = rule("grouping.arrests_at_protest")
R_PROTESTED_ARREST = rule("grouping.protested_arrest")
R_MIN_CONFIDENCE = rule("grouping.min_confidence")
R_ONE_PROTEST = rule("grouping.one_protest_one_place")
R_WEAK_ANY = rule("grouping.weak_joins_violence")
R_TWO_GUESSES = rule("grouping.two_guessed_dates")
R_GUESS_DAY_BEFORE = rule("grouping.guessed_date_day_before")
R_SETTING_COUNTRY = rule("grouping.setting_place_only_country")
R_BOOST = rule("grouping.confidence_boost")
R_WEAK_TAKES = rule("grouping.weak_takes_type")
R_SEVERITY = rule("grouping.worst_protest_severity")
R_PLACE = rule("grouping.more_specific_place")
R_DATE = rule("grouping.stated_date")
R_LOWEST = rule("grouping.lowest_toll")
R_FULLER_SUM = rule("grouping.fuller_sum_of_groups")
R_ATTACKERS_ADD = rule("grouping.attackers_killed_add")
R_PEOPLE_TOTAL = rule("grouping.total_of_people_covers_groups")
R_STATED_OVER_VAGUE = rule("grouping.stated_toll_over_vague")
_ATTACKER_NOUNS = words("attacker_nouns")
_PEOPLE = frozenset({"people", "person", "persons", "individual"})  # a total: "seven people", not "seven"
_WHOLE_NOUNS = _PEOPLE | {"", "other", "others"}  # counts that may hold any group of the dead
R_FILL_ACTOR = rule("grouping.fill_actor")
R_DISPLAY = rule("grouping.display_line_joins")
R_TEASER = rule("grouping.trailing_teaser")
R_ONE_DEMONSTRATION = rule("grouping.one_demonstration")
R_FORCES_AT_CROWD = rule("grouping.forces_at_demonstration")
MIN_CONFIDENCE = R_MIN_CONFIDENCE.limit  # below this a mention is too thinly supported to report as an incident
SAME_PLACE_KM = R_PLACE_KM.limit  # within an article, reports this close on the same day are one incident


def run(ctx: ArticleContext) -> None:
    ctx.merged = merge_drafts(ctx.drafts)


STAGE = Stage(STAGE_NAME, "mentions of one incident within the article merge into one",
              requires=("drafts",), assigns=("merged",), run=run)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Merge mentions of one incident: same type family, compatible place and date. Mentions that only refer
    to an incident ("responsibility for the attack") join one, never stand alone."""
    merged: list[Draft] = []
    # The headlines of other stories listed after the body tell no incident of this article.
    drafts = [d for d in drafts if not (d.after_body and R_TEASER.applies())]
    # The body's mentions first: references and headline or caption lines join the incidents they tell.
    restating = {id(d) for d in drafts if d.display_line and R_DISPLAY.applies()}
    for d in sorted(drafts, key=lambda x: (x.trigger.reference or id(x) in restating, x.trigger.start)):
        target = _best_target(merged, d, any_type=False)
        if target is None and id(d) in restating:
            target = _best_target(merged, d, any_type=True)
        if target is None:
            first_told = not any(m.trigger.start < d.trigger.start for m in merged)
            if d.trigger.reference and not (first_told and _tells_its_toll(d) and R_REFERENCE_TOLL.applies()) \
                    and R_REFERENCE.applies():
                continue
            merged.append(d)
            continue
        _absorb(target, d)
    merged = _fold_protest_arrests(merged)
    merged = _fold_forces_at_crowd(merged)
    return [m for m in merged if not (m.confidence < MIN_CONFIDENCE and R_MIN_CONFIDENCE.applies())]


def _tells_its_toll(d: Draft) -> bool:
    """"The clash killed two soldiers": an incident named with "the" whose own verb gives its toll, told before
    any other incident of the article, is its first telling, not a reference to one told before."""
    if "incident.definite_reference" not in d.trigger.rules or not d.trigger.subject_of_toll:
        return False
    return any(c.best > 0 for kind, c in d.counts.items() if kind in ("killed", "injured"))


# A mention is compared with the incidents told most recently, at most this many: a roundup of a hundred incidents
# is rare, and a text of thousands of listed ones must not make grouping quadratic.
MAX_INCIDENTS_COMPARED = 100


def _best_target(merged: list[Draft], d: Draft, *, any_type: bool) -> Draft | None:
    """The incident a mention joins: of a compatible type, place and date, the one of the same day and place
    first. With `any_type` (a headline or a caption): of any type, and a day apart will do."""
    target = None
    best_score = -1.0
    for m in merged[-MAX_INCIDENTS_COMPARED:]:
        if not ((any_type or _type_compatible(m, d)) and _place_compatible(_merge_place(m), _merge_place(d))
                and (_date_compatible(m, d) or (any_type and _day_apart(m, d)))):
            continue
        if not R_SAME_INCIDENT.applies():
            continue
        same_day = m.date and d.date and m.date.start == d.date.start and R_SAME_DAY.applies()
        same_place = m.place and d.place and m.place.place_id == d.place.place_id and R_SAME_PLACE.applies()
        score = (R_SAME_DAY.points if same_day else 0.0) + (R_SAME_PLACE.points if same_place else 0.0)
        if score > best_score:
            target, best_score = m, score
    return target


def _fold_protest_arrests(drafts: list[Draft]) -> list[Draft]:
    """Arrests made at a demonstration belong to the demonstration (its `captured`), which then is a protest
    with intervention, as ACLED codes it."""
    crowds = [d for d in drafts if d.event_type in ("Protests", "Riots")]
    if not crowds:
        return drafts
    kept: list[Draft] = []
    for d in drafts:
        if d.sub_event_type != "Arrests":
            kept.append(d)
            continue
        about_crowd = bool(_CROWD.search(d.sentence.text.lower()))
        same_spot = [c for c in crowds if c.place is not None and d.place is not None and d.place.kind != "country"
                     and c.place.kind != "country" and _place_compatible(c.place, d.place)]
        host = next((c for c in crowds if (c.paragraph == d.paragraph or about_crowd or not d.place_explicit
                                           or c in same_spot)
                     and _place_compatible(c.place, d.place) and _date_compatible(c, d)), None)
        if host is None or not R_ARRESTS.applies():
            kept.append(d)
            continue
        if not about_crowd and _protests_an_arrest(host) and R_PROTESTED_ARREST.applies():
            host.members += 1  # the arrest the crowd protests against: its cause, told again
            host.absorbed.extend([d.trigger, *d.absorbed])
            continue
        if host.sub_event_type == "Peaceful protest":
            host.sub_event_type = "Protest with intervention"
        count = d.counts.get("captured")
        if count is not None and "captured" not in host.counts:
            host.counts["captured"] = count
            host.evidence["captured"] = d.evidence["captured"]
        host.members += 1
    return kept


def _protests_an_arrest(d: Draft) -> bool:
    """Whether the demonstration is against an arrest or asks for someone's release."""
    return bool(_CUSTODY.search(d.grievance.lower()))


def _fold_forces_at_crowd(drafts: list[Draft]) -> list[Draft]:
    """Police or soldiers firing in an article about a demonstration, with no armed group told in the sentence
    ("after Tuesday's clashes, police opened fire with live bullets"), dealt with the crowd: the demonstration's
    intervention, not a battle of its own."""
    crowds = [d for d in drafts if d.event_type in ("Protests", "Riots")]
    if not crowds:
        return drafts
    kept: list[Draft] = []
    for d in drafts:
        # (a sentence that names no place of its own is about the article's demonstrations, wherever they were)
        host = next((c for c in crowds if _date_compatible(c, d) and (
            _place_compatible(c.place, d.place) or (not d.place_explicit and _same_country(c.place, d.place)))),
            None) if _forces_against_crowd(d) else None
        if host is None or not R_FORCES_AT_CROWD.applies():
            kept.append(d)
            continue
        if host.sub_event_type == "Peaceful protest":
            host.sub_event_type = "Protest with intervention"
            host.note_rule("event_type", R_FORCES_AT_CROWD.id)
        for kind, count in d.counts.items():
            if kind not in host.counts:
                host.counts[kind] = count
                host.evidence[COUNT_FIELDS[kind]] = d.evidence[COUNT_FIELDS[kind]]
        host.members += 1
        host.absorbed.extend([d.trigger, *d.absorbed])
    return kept


def _same_country(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or a.country_code == b.country_code


def _forces_against_crowd(d: Draft) -> bool:
    """A battle whose only armed side is the state's, in a sentence that names no armed group."""
    if d.event_type != "Battles" or d.sub_event_type != "Armed clash":
        return False
    before = d.sentence.text[max(0, d.trigger.start - d.sentence.start - 60): d.trigger.start - d.sentence.start]
    if _CAUSE_BEFORE.search(before.lower()):
        return False  # "following two police shootings": what the crowd reacted to, not how it was policed
    kinds = ["forces" if a is not None and a.kind in _FORCES_KINDS else a.kind if a is not None else None
             for a in (d.actor1, d.actor2)]
    if kinds.count("forces") != 1 or not all(k in _SIDES_OF_A_CROWD or k == "forces" for k in kinds):
        return False
    said = set(_WORD.findall(d.sentence.text.lower()))
    return not said & _ARMED_PEOPLE


def _absorb(target: Draft, d: Draft) -> None:
    target.members += 1
    target.absorbed.extend([d.trigger, *d.absorbed])
    before = dict(target.evidence)
    if R_BOOST.applies():
        target.confidence = min(0.98, max(target.confidence, d.confidence) + R_BOOST.points)
    if target.weak and not d.weak and R_WEAK_TAKES.applies():
        target.event_type, target.sub_event_type, target.weapon = d.event_type, d.sub_event_type, d.weapon
        target.weak = False
        for key in ("event_type", "weapon"):
            if key in d.evidence:
                target.evidence[key] = d.evidence[key]
                target.note_rule(key, R_WEAK_TAKES.id)
    if _demonstration(target) and _demonstration(d) and {target.event_type, d.event_type} == {"Protests", "Riots"}:
        _type_demonstration(target, d)
    if target.event_type == d.event_type == "Protests" and \
            PROTEST_SEVERITY.index(d.sub_event_type or "Peaceful protest") > \
            PROTEST_SEVERITY.index(target.sub_event_type or "Peaceful protest") and R_SEVERITY.applies():
        target.sub_event_type = d.sub_event_type
        target.note_rule("event_type", R_SEVERITY.id)
    if (_specific(d.place) > _specific(target.place) or (d.place_explicit and not target.place_explicit
                                                         and _specific(d.place) >= _specific(target.place))) \
            and R_PLACE.applies():
        target.place, target.place_explicit = d.place, d.place_explicit
        target.place_from_setting = d.place_from_setting
        if "location" in d.evidence:
            target.evidence["location"] = d.evidence["location"]
            target.note_rule("location", R_PLACE.id)
    if d.date_explicit and (not target.date_explicit or (d.date and target.date and
                                                         d.date.time_precision < target.date.time_precision)) \
            and R_DATE.applies():
        target.date, target.date_explicit = d.date, True
        if "event_date" in d.evidence:
            target.evidence["event_date"] = d.evidence["event_date"]
            target.note_rule("event_date", R_DATE.id)
    for kind, count in d.counts.items():
        existing = target.counts.get(kind)
        key = COUNT_FIELDS[kind]
        if existing is None:
            target.counts[kind] = count
            target.evidence[key] = d.evidence[key]
        elif kind == "killed" and (joined := _toll_of_both(existing, count)) is not None:
            total, applied = joined
            target.counts[kind] = total
            if total is count:
                target.evidence[key] = d.evidence[key]
            else:
                ev = target.evidence[key]
                target.evidence[key] = Evidence(
                    ev.article_id, ev.span, min(ev.confidence, d.evidence[key].confidence),
                    f"killed: '{existing.text}' and, in another report of the incident, '{count.text}' add up to "
                    f"{total.best}", STAGE_NAME, ev.rules)
            target.note_rule(key, applied, STAGE_NAME)
        elif ((count.best < existing.best and count.best > 0 and (count.noun == existing.noun or (
                count.noun in _PEOPLE and "+" not in existing.noun and kind != "captured"))) or (
                existing.best == 0 and count.best > 0 and kind != "killed")) and R_LOWEST.applies():
            target.counts[kind] = count
            target.evidence[key] = d.evidence[key]
            target.note_rule(key, R_LOWEST.id)
    for role in ("actor1", "actor2"):
        if getattr(target, role) is None and getattr(d, role) is not None and R_FILL_ACTOR.applies():
            setattr(target, role, getattr(d, role))
            target.evidence[role] = d.evidence[role]
            target.note_rule(role, R_FILL_ACTOR.id)
    if d.decisions or target.decisions:
        _merge_decisions(target, d, before)


def _groups(count: CountMention) -> set[str]:
    return set(count.noun.split("+"))


def _toll_of_both(existing: CountMention, count: CountMention) -> tuple[CountMention, str] | None:
    """The dead of an incident told in two of its mentions, where the two figures count different people: (the
    incident's toll, the rule), or None when they may count the same people (then the lowest stands)."""
    if existing.best <= 0 or count.best <= 0:
        return None
    if vague(existing) and stated(count) and R_STATED_OVER_VAGUE.applies():
        return count, R_STATED_OVER_VAGUE.id  # "several killed" / "two civilians were killed": the stated figure
    if vague(existing) or vague(count):
        return None
    if "+" in count.noun and "+" not in existing.noun and count.best > existing.best \
            and R_FULLER_SUM.applies():
        return count, R_FULLER_SUM.id  # "two policemen died" / "two policemen and one attacker died"
    if count.noun in _PEOPLE and "+" not in existing.noun and existing.noun not in _WHOLE_NOUNS \
            and count.best > existing.best and R_PEOPLE_TOTAL.applies():
        return count, R_PEOPLE_TOTAL.id  # "six rebels were killed" / "the clash killed seven people"
    attackers = [bool(_groups(c) & _ATTACKER_NOUNS) for c in (existing, count)]
    if attackers[0] != attackers[1] and not ({existing.noun, count.noun} & _WHOLE_NOUNS) \
            and R_ATTACKERS_ADD.applies():
        return combined(existing, count), R_ATTACKERS_ADD.id  # "four guards were killed" / "two attackers died"
    return None


def _merge_decisions(target: Draft, d: Draft, before: dict[str, Evidence]) -> None:
    """(With explain) the joining mention's trigger becomes a candidate type of the incident, and a field the
    incident took from it keeps the candidates it was chosen among."""
    typed, joining = target.decisions.get("event_type"), d.decisions.get("event_type")
    if typed is not None and joining is not None:
        typed.options.extend(joining.options)
        if target.evidence.get("event_type") is not before.get("event_type"):
            typed.chosen = len(typed.options) - len(joining.options)
            typed.why = "taken from a more telling mention of the same incident"
    for key, ev in target.evidence.items():
        if key != "event_type" and ev is not before.get(key) and key in d.decisions:
            target.decisions[key] = d.decisions[key]


def _place_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.place_id == b.place_id:
        return True
    if a.country_code != b.country_code:
        return False
    if a.kind == "country" or b.kind == "country":
        return True
    if a.kind == "admin1" or b.kind == "admin1":
        return (a.admin1 or "") == (b.admin1 or "") or not a.admin1 or not b.admin1
    for region, place in ((a, b), (b, a)):
        if region.kind == "admin2" and place.kind != "admin2" and region.admin2 and place.admin2 == region.admin2 \
                and place.admin1 == region.admin1 and R_DISTRICT_HOLDS.applies():
            return True  # "in Batangas province ... in Balayan town": the town lies in the district named
    return _km(a, b) <= SAME_PLACE_KM and R_PLACE_KM.applies()


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _date_compatible(a: Draft, b: Draft) -> bool:
    """Same day; a date only guessed from the publication day also fits the day before it."""
    if a.date is None or b.date is None:
        return True
    if a.date.start == b.date.start:
        return True
    if a.date_explicit and b.date_explicit:
        return False
    if not a.date_explicit and not b.date_explicit:
        # two guesses (report day, publication day)
        return abs((a.date.start - b.date.start).days) <= 1 and R_TWO_GUESSES.applies()
    guessed, other = (a, b) if not a.date_explicit else (b, a)
    assert guessed.date is not None and other.date is not None
    return guessed.date.time_precision >= 2 and 0 <= (guessed.date.start - other.date.start).days <= 1 \
        and R_GUESS_DAY_BEFORE.applies()


def _day_apart(a: Draft, b: Draft) -> bool:
    """The dates are at most a day apart (a headline's date is often the report's, the body's the incident's)."""
    return a.date is not None and b.date is not None and abs((a.date.start - b.date.start).days) <= 1


def _type_compatible(a: Draft, b: Draft) -> bool:
    at_places = a.place is not None and b.place is not None and a.place.kind != "country" and \
        b.place.kind != "country"
    if a.event_type == b.event_type == "Protests" and at_places and R_ONE_PROTEST.applies():
        return True  # one demonstration told twice in one place: "protested" ... "police dispersed the crowd"
    if _demonstration(a) and _demonstration(b) and at_places and R_ONE_DEMONSTRATION.applies():
        return True  # "thousands marched" ... "protesters set tyres alight": one demonstration, a violent one
    if a.event_type == b.event_type:
        return a.sub_event_type == b.sub_event_type or None in (a.sub_event_type, b.sub_event_type) \
            or ((a.weak or b.weak) and R_WEAK_ANY.applies())
    return (a.weak or b.weak) and a.event_type in VIOLENT_TYPES and b.event_type in VIOLENT_TYPES \
        and R_WEAK_ANY.applies()


def _type_demonstration(target: Draft, d: Draft) -> None:
    """One demonstration told by a protest mention and a riot mention is a riot (the crowd did violence),
    unless the riot mention only tells how the police dealt with the crowd ("police fired tear gas to disperse
    the marchers"): then a protest with intervention."""
    if not R_ONE_DEMONSTRATION.applies():
        return
    riot = target if target.event_type == "Riots" else d
    protest = d if riot is target else target
    lower = riot.sentence.text.lower()
    sub_type: str | None
    if _INTERVENTION.search(lower) and not _CROWD_VIOLENCE.search(lower):
        severity = PROTEST_SEVERITY.index(protest.sub_event_type) \
            if protest.sub_event_type in PROTEST_SEVERITY else 0
        kept = protest
        sub_type = PROTEST_SEVERITY[max(severity, 1)]
    else:
        kept, sub_type = riot, riot.sub_event_type
    if target.event_type == kept.event_type and target.sub_event_type == sub_type:
        return
    target.event_type, target.sub_event_type, target.weapon = kept.event_type, sub_type, None
    target.evidence["event_type"] = kept.evidence["event_type"]
    target.evidence.pop("weapon", None)
    target.note_rule("event_type", R_ONE_DEMONSTRATION.id)


def _demonstration(d: Draft) -> bool:
    """A mention of a crowd: a protest or a riot (a riot's sentence may not say it was a demonstration, which
    the protest mention told beside it does)."""
    return d.event_type in ("Protests", "Riots")


def _specific(p: Place | None) -> int:
    if p is None:
        return -1
    return PLACE_SPECIFICITY.get(p.kind, 4)


def _merge_place(d: Draft) -> Place | None:
    """The place that decides whether a mention may join another: only the country of a place borrowed from a
    sentence that reported no incident (the paragraph's setting is a guess, not a reason to keep incidents
    apart)."""
    if d.place is not None and d.place_from_setting and R_SETTING_COUNTRY.applies():
        return replace(d.place, kind="country", place_id=f"country:{d.place.country_code}")
    return d.place
