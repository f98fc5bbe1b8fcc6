"""The dashboard is served by the API app: `/` is the page, `/static/...` its assets, and nothing it loads is
fetched from the internet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.app import WEB_DIR

EXTERNAL = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)
ASSETS = ["app.js", "app.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
          "vendor/leaflet/images/marker-icon.png", "vendor/topojson-client/topojson-client.min.js",
          "vendor/world-atlas/countries-110m.json"]


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_root_serves_the_dashboard(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<title>eventwire dashboard</title>" in r.text
    assert 'src="/static/app.js"' in r.text


@pytest.mark.parametrize("asset", ASSETS)
def test_static_assets_are_served(client: TestClient, asset: str) -> None:
    r = client.get(f"/static/{asset}")
    assert r.status_code == 200, asset
    assert r.content == (WEB_DIR / asset).read_bytes()


def test_every_referenced_local_asset_exists(client: TestClient) -> None:
    html = client.get("/").text
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs
    for ref in refs:
        assert ref.startswith("/static/"), ref
        assert client.get(ref).status_code == 200, ref


@pytest.mark.parametrize("name", ["index.html", "app.js", "app.css"])
def test_no_external_urls_in_own_files(name: str) -> None:
    text = (WEB_DIR / name).read_text(encoding="utf-8")
    assert not EXTERNAL.findall(text), name


DASHBOARD_PACKAGES = ("leaflet", "topojson-client", "world-atlas")


def test_vendored_files_load_nothing_external() -> None:
    """The dashboard's vendored code mentions URLs only in comments, the SVG namespace and Leaflet's (disabled)
    attribution. (Swagger UI, for /docs only, names many URLs in its bundle; the browser test of /docs fails on any
    request it makes to another host, and its validator is off.)"""
    allowed = {"http://www.w3.org/2000/svg", "https://leafletjs.com", "https://github.com/topojson/topojson-client",
               "https://bugs.chromium.org/p/chromium/issues/detail?id=600120",
               "https://bugzilla.mozilla.org/show_bug.cgi?id=888319"}
    for package in DASHBOARD_PACKAGES:
        for path in (WEB_DIR / "vendor" / package).rglob("*"):
            if path.suffix in {".js", ".css", ".json"}:
                found = set(re.findall(r"https?://[^\s\"')]+", path.read_text(encoding="utf-8")))
                assert found <= allowed, (path, found - allowed)
    for package in (*DASHBOARD_PACKAGES, "swagger-ui"):
        assert (WEB_DIR / "vendor" / package / "LICENSE").is_file()


def test_api_still_answers_json(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    missing = client.get("/static/nope.js")
    assert missing.status_code == 404
