"""Shared fixtures: one extractor (model and gazetteer loaded once) per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from eventwire.services import get_extractor

    return get_extractor()
