"""Where the gazetteer index lives and whether it is current: its default path and the fingerprints of the
inputs it is built from, which the writer records in its `meta` table and the reader compares.

Cheap to import (no builder code): the extraction pipeline opens the index through `gazetteer.index`, which
needs these but must not import the builder.
"""

from __future__ import annotations

import os
from importlib import metadata, resources
from pathlib import Path

from eventwire.gazetteer.schema import SCHEMA_VERSION


def default_index_path() -> Path:
    """Where the index lives: $EVENTWIRE_GAZETTEER, else the user's cache directory."""
    override = os.environ.get("EVENTWIRE_GAZETTEER")
    if override:
        return Path(override)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "eventwire" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def sites_fingerprint() -> str:
    """A hash of the curated sites table: the index is rebuilt when the table changes."""
    import hashlib

    path = resources.files("eventwire.gazetteer") / "data" / "sites.csv"
    data = path.read_bytes() if path.is_file() else b""
    return hashlib.sha256(data).hexdigest()[:16]


def airports_fingerprint() -> str:
    """The installed `airportsdata` version ("none" without it): the index is rebuilt when it changes."""
    try:
        return metadata.version("airportsdata")
    except metadata.PackageNotFoundError:
        return "none"
