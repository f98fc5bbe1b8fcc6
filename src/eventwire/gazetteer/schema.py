"""The gazetteer index's layout: its schema and version, shared by the builder that writes it and the
reader that queries it (which needs nothing else of the builder)."""

from __future__ import annotations

SCHEMA_VERSION = 9  # 9: a country is placed at its most populous place of the capital's name
# The match quality of a region's name borrowed from the town it is named after (see `names.seat_names`): such a
# name ("Riad" for the Riyadh region) says a region only where the words around say so ("rural Riad").
SEAT_NAME_QUALITY = 0.8

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    rowid INTEGER PRIMARY KEY,
    place_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    centre_latitude REAL,
    centre_longitude REAL
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, quality REAL NOT NULL);
CREATE TABLE skel (key TEXT NOT NULL, place INTEGER NOT NULL);
"""
