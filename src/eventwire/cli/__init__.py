"""The `eventwire` command line: a thin layer over `eventwire.services`, one module per group of commands."""

from __future__ import annotations

from eventwire.cli import extraction, gazetteer, quality, review, store
from eventwire.cli.common import main

__all__ = ["extraction", "gazetteer", "main", "quality", "review", "store"]

if __name__ == "__main__":  # pragma: no cover
    main()
