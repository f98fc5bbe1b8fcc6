"""The dashboard in a real browser (Playwright driving Debian's Chromium) against a real uvicorn server: markers
appear, the event-type filter and a timeline brush narrow the table, and the event panel highlights the evidence.

Needs `apt-get install chromium fonts-dejavu-core` and `pip install playwright` (no `playwright install`)."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_factory import Spec

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

HAVE_PLAYWRIGHT = importlib.util.find_spec("playwright") is not None

pytestmark = [
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="the Python package playwright is not installed "
                       "(pip install playwright)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
                       reason=f"{CHROMIUM} is missing (apt-get install chromium fonts-dejavu-core)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    external: list[str] = []
    pg.on("request", lambda req: None if req.url.startswith(server) or req.url.startswith("data:")
          else external.append(req.url))
    yield pg
    context.close()
    assert not errors, errors
    assert not external, external


def rows(page: Any) -> int:
    return int(page.locator("#events tbody tr").count())


def wait_loaded(page: Any, before: str | None) -> None:
    page.wait_for_function("prev => document.body.getAttribute('data-loaded') !== prev", arg=before)


def test_dashboard_filters_brush_and_evidence(page: Any, server: str, dataset: list[Spec]) -> None:
    page.goto(server + "/")
    page.wait_for_selector(".ew-marker, .ew-cluster", timeout=15000)
    page.wait_for_selector("#timeline svg rect.bar")
    # the offline base layer: ~177 Natural Earth country outlines drawn as SVG paths (no tiles)
    page.wait_for_function("document.querySelectorAll('#map svg path:not(.ew-marker)').length > 150")
    assert page.locator("#map img.leaflet-tile").count() == 0
    assert rows(page) == len(dataset)

    # event-type filter
    loaded = page.get_attribute("body", "data-loaded")
    page.select_option("select[name=event_type]", "Battles")
    wait_loaded(page, loaded)
    battles = [s for s in dataset if s.event_type == "Battles"]
    assert rows(page) == len(battles)
    assert set(page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()) == {"Battles"}
    assert "event_type=Battles" in page.url

    # brush the first third of the timeline
    box = page.locator("#timeline svg").bounding_box()
    assert box is not None
    loaded = page.get_attribute("body", "data-loaded")
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, y, steps=5)
    page.mouse.up()
    wait_loaded(page, loaded)
    brushed = rows(page)
    assert 0 < brushed < len(battles)
    assert "date_from=" in page.url and "date_to=" in page.url
    date_to = page.input_value("input[name=date_to]")
    assert all(d <= date_to for d in page.locator("#events tbody tr td:nth-child(1)").all_inner_texts())

    # open an event from the table: the panel shows its evidence highlighted in the article text
    first = page.locator("#events tbody tr").first
    event_id = first.get_attribute("data-id")
    first.click()
    mark = page.locator("#panel .article-text mark").first
    mark.wait_for(timeout=10000)
    event = httpx.get(f"{server}/api/events/{event_id}").json()
    evidence = event["evidence"]["event_type"]
    assert mark.get_attribute("title") == "event_type"
    assert mark.inner_text() == evidence["text"]
    assert f"event={event_id}" in page.url

    # the permalink restores filters and the selected event
    permalink = page.url
    page.goto("about:blank")
    page.goto(permalink)
    page.wait_for_selector("#panel .article-text mark", timeout=15000)
    assert page.input_value("select[name=event_type]") == "Battles"
    assert rows(page) == brushed
    assert page.locator("#events tbody tr.selected").get_attribute("data-id") == event_id


def test_marker_click_opens_panel(page: Any, server: str) -> None:
    page.goto(server + "/#country=Fiji")
    marker = page.locator("path.ew-marker").first
    marker.wait_for(timeout=15000)
    marker.click(force=True)
    page.wait_for_selector("#panel .article-text mark", timeout=10000)
    assert "Suva" in page.inner_text("#panel #event-fields")


def test_admin1_actor_and_weapon_filters(page: Any, server: str, dataset: list[Spec]) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    assert page.locator("select[name=admin1] option[value=Nineveh]").count() == 1
    loaded = page.get_attribute("body", "data-loaded")
    page.select_option("select[name=admin1]", "Nineveh")
    wait_loaded(page, loaded)
    nineveh = [s for s in dataset if s.admin1 == "Nineveh"]
    assert rows(page) == len(nineveh) > 0
    loaded = page.get_attribute("body", "data-loaded")
    page.fill("input[name=actor]", "islamic")
    page.press("input[name=actor]", "Enter")
    wait_loaded(page, loaded)
    both = [s for s in nineveh if "Islamic" in s.actor1]
    assert rows(page) == len(both) > 0
    assert set(page.locator("#events tbody tr td:nth-child(6)").all_inner_texts()) == {s.actor1 for s in both}
    loaded = page.get_attribute("body", "data-loaded")
    page.select_option("select[name=admin1]", "")
    page.fill("input[name=actor]", "")
    page.fill("input[name=weapon]", "ied")
    page.press("input[name=weapon]", "Enter")
    wait_loaded(page, loaded)
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === "
                           f"{sum(1 for s in dataset if s.weapon == 'IED')}")
    assert "weapon=ied" in page.url and "admin1" not in page.url
    assert page.locator("#weapons option[value=firearm]").count() == 1
    assert page.locator("#cap-notice").is_hidden()


def test_says_when_more_events_match_than_are_loaded(page: Any, server: str, dataset: list[Spec]) -> None:
    page.goto(server + "/?max_events=10#country=Iraq")
    notice = page.locator("#cap-notice")
    notice.wait_for(state="visible", timeout=15000)
    iraq = sum(1 for s in dataset if s.country == "Iraq")
    assert f"Showing 10 of {iraq} matching events" in notice.inner_text()
    assert rows(page) == 10
    assert page.inner_text("#summary").startswith(f"{iraq} events")
    loaded = page.get_attribute("body", "data-loaded")
    page.select_option("select[name=country]", "Fiji")  # fewer than the cap: no notice
    wait_loaded(page, loaded)
    assert notice.is_hidden()
    assert rows(page) == sum(1 for s in dataset if s.country == "Fiji")


def test_map_and_timeline_follow_the_window_size(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("#timeline svg rect.bar")
    wide = int(page.get_attribute("#timeline svg", "width") or 0)
    page.set_viewport_size({"width": 900, "height": 900})
    page.wait_for_function("w => Number(document.querySelector('#timeline svg').getAttribute('width')) < w", arg=wide)
    narrow = int(page.get_attribute("#timeline svg", "width") or 0)
    assert abs(narrow - page.locator("#timeline").evaluate("e => e.clientWidth")) <= 2
    assert page.locator("#timeline svg rect.bar").count() > 0
    assert page.locator(".ew-marker, .ew-cluster").count() > 0
    map_box = page.locator("#map").bounding_box()
    assert map_box is not None and map_box["width"] < 900
