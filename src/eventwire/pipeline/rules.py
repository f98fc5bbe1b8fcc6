"""Rules: the named, switchable decisions of the extraction core.

Every special case the stages apply - a filter that drops a trigger, a bonus that ranks a place, the branch
that types an attack - is a `Rule` with a stable id (`field.short_name`), the field it decides, a one-line
reason, its weight or threshold where it scores, and example sentences it must fire on and must not fire on.
The rules are data: their catalogue is `data/rules/*.toml` (one file per stage), read once at import; the
code that applies a rule asks the catalogue for it by id (`rule("location.dateline")`), so a rule cannot be
applied without being documented, and a catalogue entry no code asks for is caught by the tests.

A rule *fires* when its condition holds and it is switched on: `if cond and RULE.applies(): ...`. Firing is
logged per process (`mark` / `since`), which gives each field of an event the ids of the rules behind its
value (the evidence trace), tells which rules fired on which article (ablation), and lets a switched-off rule
(`disabled(...)`) behave as if its condition never held.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

# What a rule may decide: the fields of an event, plus whether a trigger reports an incident at all, whether a
# span names a place, and how mentions of one article group into incidents.
FIELDS: tuple[str, ...] = (
    "incident", "event_type", "weapon", "toponym", "location", "event_date", "counts", "actors", "claims",
    "relations", "grouping", "confidence",
)
EXAMPLE_PUBLISHED = dt.date(2024, 5, 16)  # a Thursday: the publication date of rule examples unless they say
_ID = re.compile(r"^(?P<field>[a-z_]+)\.[a-z0-9_]+$")


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence (or a short text) a rule must fire on, or must not."""

    text: str
    published: dt.date | None = EXAMPLE_PUBLISHED


class Rule:
    """One named decision. `applies()` is how code uses it: True (and logged) when the rule is switched on."""

    __slots__ = ("default", "enabled", "fires", "id", "not_fires", "reason", "stage", "threshold", "weight")

    def __init__(self, id: str, stage: str, reason: str, *, weight: float | None = None,
                 threshold: float | None = None, fires: tuple[Example, ...] = (),
                 not_fires: tuple[Example, ...] = (), default: bool = False) -> None:
        if _ID.match(id) is None or id.split(".", 1)[0] not in FIELDS:
            raise ValueError(f"rule id {id!r} is not 'field.short_name' with a field among {', '.join(FIELDS)}")
        self.id = id
        self.stage = stage
        self.reason = reason
        self.weight = weight
        self.threshold = threshold
        self.fires = fires
        self.not_fires = not_fires
        self.default = default  # what holds when no other rule does: logged for the trace, never switched off
        self.enabled = True

    @property
    def field(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def value(self) -> float:
        """The weight, else the threshold (for rules that score or compare)."""
        number = self.weight if self.weight is not None else self.threshold
        if number is None:
            raise ValueError(f"rule {self.id} has neither a weight nor a threshold")
        return number

    @property
    def limit(self) -> float:
        """The threshold (for rules that compare)."""
        if self.threshold is None:
            raise ValueError(f"rule {self.id} has no threshold")
        return self.threshold

    @property
    def points(self) -> float:
        """The weight (for rules that score)."""
        if self.weight is None:
            raise ValueError(f"rule {self.id} has no weight")
        return self.weight

    def applies(self) -> bool:
        """Whether the rule acts here: call it once its condition holds. Logs the firing. (A default rule
        always acts: code calls it only to log the fallback it takes.)"""
        if not self.enabled and not self.default:
            return False
        _LOG.append(self.id)
        return True

    def __repr__(self) -> str:
        return f"Rule({self.id!r})"


# -- the catalogue --------------------------------------------------------------------------------------------
def _examples(raw: object, published: dt.date | None, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ValueError(f"{where}: examples must be a list of strings")
    return tuple(Example(text, published) for text in raw)


def _load_catalogue() -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    folder = resources.files("eventwire.pipeline") / "data" / "rules"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        stage = str(data.get("stage", entry.name.removesuffix(".toml")))
        for raw in data.get("rule", []):
            where = f"{entry.name}: rule {raw.get('id')!r}"
            published = raw.get("published", EXAMPLE_PUBLISHED)
            if published == "none":
                published = None  # examples of what happens without a publication date
            elif not isinstance(published, dt.date):
                raise ValueError(f"{where}: published must be a date or \"none\"")
            item = Rule(str(raw["id"]), str(raw.get("stage", stage)), str(raw["reason"]),
                        weight=raw.get("weight"), threshold=raw.get("threshold"),
                        fires=_examples(raw.get("fires", []), published, where),
                        not_fires=_examples(raw.get("not_fires", []), published, where),
                        default=bool(raw.get("default", False)))
            if item.id in found:
                raise ValueError(f"{where}: the id is used twice")
            found[item.id] = item
    return found


RULES: dict[str, Rule] = _load_catalogue()
_ASKED: set[str] = set()  # ids some code asked for (the tests check that none is left over)


def rule(rule_id: str) -> Rule:
    """The catalogue's rule with this id (for code that applies it)."""
    try:
        found = RULES[rule_id]
    except KeyError:
        raise KeyError(f"no rule {rule_id!r} in the catalogue (pipeline/data/rules/*.toml)") from None
    _ASKED.add(rule_id)
    return found


def unused() -> list[str]:
    """Catalogue ids that no imported code asked for."""
    return sorted(set(RULES) - _ASKED)


def ids_matching(patterns: Iterable[str]) -> list[str]:
    """Rule ids for user-given ids or prefixes ("location." or "location.*" names a whole field); unknown
    names raise ValueError listing the nearest ids."""
    out: list[str] = []
    for raw in patterns:
        name = raw.strip()
        if not name:
            continue
        prefix = name[:-1] if name.endswith("*") else name
        if name in RULES:
            out.append(name)
        elif prefix.endswith(".") and any(i.startswith(prefix) for i in RULES):
            out.extend(i for i in RULES if i.startswith(prefix))
        else:
            from rapidfuzz import process

            near = [match for match, _score, _i in process.extract(name, list(RULES), limit=3, score_cutoff=60)]
            hint = f" (did you mean {', '.join(near)}?)" if near else " ('eventwire rules' lists them)"
            raise ValueError(f"unknown rule {name!r}{hint}")
    return list(dict.fromkeys(out))


@contextmanager
def disabled(rule_ids: Iterable[str]) -> Iterator[None]:
    """Switch the given rules off for the duration of the block (in this process). Default rules cannot be
    switched off (ValueError)."""
    chosen = [RULES[i] for i in rule_ids]
    defaults = [r.id for r in chosen if r.default]
    if defaults:
        raise ValueError(f"default rules cannot be switched off: {', '.join(defaults)}")
    before = [r.enabled for r in chosen]
    try:
        for r in chosen:
            r.enabled = False
        yield
    finally:
        for r, state in zip(chosen, before, strict=True):
            r.enabled = state


def set_disabled(rule_ids: Iterable[str]) -> None:
    """Switch rules off for the rest of the process (worker processes started for an evaluation)."""
    for r in RULES.values():
        r.enabled = True
    for i in rule_ids:
        RULES[i].enabled = False


# -- the firing log -------------------------------------------------------------------------------------------
# One list per process: extraction runs one article at a time per process (workers are processes). It is cut
# back at the start of every article (`reset`), so it never grows beyond one article's firings.
_LOG: list[str] = []


def reset() -> None:
    _LOG.clear()


def mark() -> int:
    """A position in the log; `since(mark)` gives the rules fired after it."""
    return len(_LOG)


def since(position: int) -> tuple[str, ...]:
    return tuple(_LOG[position:])


def fired() -> tuple[str, ...]:
    """Every firing since the last `reset`, in order (ids repeat)."""
    return tuple(_LOG)


def log(rule_id: str) -> None:
    """Record a firing decided elsewhere (a rule applied through a table rather than a condition)."""
    _LOG.append(rule_id)
