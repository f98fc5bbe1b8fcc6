"""Where the shared development data lives (../shared beside the repository, as in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"
SEED = SHARED / "seed" / "000_03603f846eb35a1f.txt"

needs_shared = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not available")
