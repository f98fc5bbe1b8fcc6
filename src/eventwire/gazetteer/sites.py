"""Reader of the curated sites table (`data/sites.csv`: air bases, oil fields, camps, crossings ...); its
fingerprint is `freshness.sites_fingerprint`."""

from __future__ import annotations

import csv
import io
from importlib import resources


def sites_rows() -> list[dict[str, str]]:
    path = resources.files("eventwire.gazetteer") / "data" / "sites.csv"
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
