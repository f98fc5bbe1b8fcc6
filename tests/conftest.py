"""Shared fixtures: the development data in ../shared (present in CI) and one extractor per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"
SEED = SHARED / "seed" / "000_03603f846eb35a1f.txt"


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from eventwire.services import get_extractor

    return get_extractor()


needs_shared = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not available")
