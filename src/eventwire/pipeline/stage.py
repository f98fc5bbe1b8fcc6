"""The `Stage` type: one job of the extraction core, with what it reads and what it writes.

A stage is a function over the article's context (`ArticleContext`); `requires` and `assigns` name the context
attributes it reads and sets, so the pipeline can check its order (`check_order`) and `eventwire rules` can
list it. The ordered list of stages lives in `stages.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.pipeline.context import ArticleContext

# What an article context holds before any stage runs.
GIVEN = frozenset({"article", "nlp", "gazetteer"})


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    job: str  # one line: what the stage decides
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[ArticleContext], None]


def check_order(stages: Sequence[Stage]) -> None:
    """Raise ValueError when a stage requires what no earlier stage assigns, or two stages share a name."""
    available = set(GIVEN)
    names: set[str] = set()
    for stage in stages:
        if stage.name in names:
            raise ValueError(f"two stages are named {stage.name!r}")
        names.add(stage.name)
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        available.update(stage.assigns)
