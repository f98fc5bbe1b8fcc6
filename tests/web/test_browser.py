"""The dashboard in a real browser (Playwright driving Debian's Chromium) against a real uvicorn server: markers
appear, the event-type filter and a timeline brush narrow the table, and the event panel highlights the evidence.
Over a store filled by ingesting small hand-written articles: the panel shows claims and relations, new events
arriving while the page is open are offered (and loaded), and the escalation section draws its weekly bars.

Needs `apt-get install chromium fonts-dejavu-core` and `pip install playwright` (no `playwright install`)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_factory import Spec
from live_server import serve

from eventwire.model import Article
from eventwire.store import open_store

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


@contextmanager
def open_page(browser: Any, base: str) -> Iterator[Any]:
    """A fresh page that fails the test on a script error or on any request to another host than `base`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    external: list[str] = []
    pg.on("request", lambda req: None if req.url.startswith(base) or req.url.startswith("data:")
          else external.append(req.url))
    try:
        yield pg
    finally:
        context.close()
    assert not errors, errors
    assert not external, external


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    with open_page(browser, server) as pg:
        yield pg


def rows(page: Any) -> int:
    return int(page.locator("#events tbody tr").count())


def wait_loaded(page: Any, before: str | None) -> None:
    page.wait_for_function("prev => document.body.getAttribute('data-loaded') !== prev", arg=before)


def opened(page: Any, server: str) -> None:
    """The dashboard, loaded with its events."""
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")


def choose(page: Any, select_name: str, value: str) -> None:
    """Pick a value of a select filter and wait for the view to reload."""
    loaded = page.get_attribute("body", "data-loaded")
    page.select_option(f"select[name={select_name}]", value)
    wait_loaded(page, loaded)


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


def test_sub_event_type_filter(page: Any, server: str, dataset: list[Spec]) -> None:
    opened(page, server)
    counts: dict[str, int] = {}
    for spec in dataset:
        counts[spec.sub_event_type] = counts.get(spec.sub_event_type, 0) + 1
    sub_type = max(sorted(counts), key=lambda k: counts[k])
    assert page.locator(f"select[name=sub_event_type] option[value='{sub_type}']").count() == 1
    choose(page, "sub_event_type", sub_type)
    assert rows(page) == counts[sub_type] < len(dataset)
    assert set(page.locator("#events tbody tr td:nth-child(3)").all_inner_texts()) == {sub_type}
    assert "sub_event_type=" in page.url


def test_back_forward_and_a_pasted_link_restore_the_view(page: Any, server: str, dataset: list[Spec]) -> None:
    opened(page, server)
    choose(page, "event_type", "Battles")
    battles = sum(1 for s in dataset if s.event_type == "Battles")
    assert rows(page) == battles
    choose(page, "admin1", "Nineveh")
    both = sum(1 for s in dataset if s.event_type == "Battles" and s.admin1 == "Nineveh")
    assert rows(page) == both < battles

    loaded = page.get_attribute("body", "data-loaded")
    page.go_back()
    wait_loaded(page, loaded)
    assert rows(page) == battles and "admin1" not in page.url
    assert page.input_value("select[name=admin1]") == "" and page.input_value("select[name=event_type]") == "Battles"
    loaded = page.get_attribute("body", "data-loaded")
    page.go_forward()
    wait_loaded(page, loaded)
    assert rows(page) == both and page.input_value("select[name=admin1]") == "Nineveh"

    # a link pasted into this open tab (only the part after # changes: no reload)
    other = sorted({s.event_type for s in dataset} - {"Battles"})[0]
    loaded = page.get_attribute("body", "data-loaded")
    page.evaluate("t => { location.hash = new URLSearchParams({event_type: t}).toString(); }", other)
    wait_loaded(page, loaded)
    assert rows(page) == sum(1 for s in dataset if s.event_type == other) > 0
    assert page.input_value("select[name=event_type]") == other
    assert page.input_value("select[name=admin1]") == ""


def test_download_menu_saves_the_current_view(page: Any, server: str, dataset: list[Spec]) -> None:
    opened(page, server)
    choose(page, "event_type", "Battles")
    battles = [s for s in dataset if s.event_type == "Battles"]
    page.click("#download summary")
    with page.expect_download() as saving:
        page.click("#download-csv")
    download = saving.value
    assert download.suggested_filename == "eventwire-events.csv"
    with open(download.path(), encoding="utf-8") as handle:
        saved = list(csv.DictReader(handle))
    assert len(saved) == len(battles) == rows(page) and {r["event_type"] for r in saved} == {"Battles"}
    with page.expect_download() as saving:
        page.click("#download-geojson")
    with open(saving.value.path(), encoding="utf-8") as handle:
        assert len(json.load(handle)["features"]) == len(battles)


def test_api_docs_render_offline(page: Any, server: str) -> None:
    # open_page fails the test on any request to another host: the Swagger UI is served from the package
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path", timeout=15000)
    paths = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/export" in paths


def test_source_urls_are_links(page: Any, server: str) -> None:
    opened(page, server)
    page.locator("#events tbody tr").first.click()
    link = page.locator("#panel .source a").first
    link.wait_for(timeout=10000)
    assert (link.get_attribute("href") or "").startswith("http://news.test/")
    assert link.get_attribute("target") == "_blank" and "noopener" in (link.get_attribute("rel") or "")


def test_marker_click_opens_panel(page: Any, server: str) -> None:
    page.goto(server + "/#country=Fiji")
    marker = page.locator("path.ew-marker").first
    marker.wait_for(timeout=15000)
    marker.click(force=True)
    page.wait_for_selector("#panel .article-text mark", timeout=10000)
    assert "Suva" in page.inner_text("#panel #event-fields")


def test_map_draws_place_names_from_the_offline_gazetteer(page: Any, server: str, extractor: Any) -> None:
    page.goto(server + "/#country=Fiji")  # (the extractor fixture makes sure the gazetteer index is built)
    page.locator("path.ew-marker").first.wait_for(timeout=15000)
    page.wait_for_function("() => [...document.querySelectorAll('.ew-label span')].some(s => s.textContent === 'Suva')",
                           timeout=10000)
    names = page.locator(".ew-label span").all_inner_texts()
    assert len(names) == len(set(names)) or len(names) < 200  # (a view's names, not every place of the index)
    page.locator("path.ew-marker").first.click(force=True)  # the names do not catch the clicks
    page.wait_for_selector("#panel .article-text mark", timeout=10000)


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


# ---- over events extracted from hand-written articles ----

ROCKETS = Article(
    id="rockets", published=dt.date(2021, 7, 8),
    text="Insurgents launched 14 rockets at the Ain al-Asad airfield in Anbar on Wednesday, injuring two US soldiers, "
         "only nine days after deadly American airstrikes on militia arms stores close to Al-Qaim. Four fighters "
         "died in the 28 June air strikes. Nobody has claimed the attacks. State television blamed them on the "
         "Islamic Resistance in Iraq.")
DRONE = Article(
    id="drone", published=dt.date(2021, 7, 20),
    text="A drone struck a convoy of US forces near Erbil airport on Monday, wounding one contractor. The Islamic "
         "Resistance in Iraq claimed the attack in a statement.")
CHECKPOINT = Article(
    id="checkpoint", published=dt.date(2021, 7, 24),
    text="Gunmen killed two policemen at a checkpoint in Fallujah on Friday, police said.")


def ingest(db: Path, extractor: Any, *articles: Article) -> None:
    with open_store(db) as store:
        for article in articles:
            store.save_article(article, extractor.extract(article))


def events_of(base: str, **params: str) -> list[dict[str, Any]]:
    return list(httpx.get(f"{base}/api/events", params={"limit": "100", **params}).json()["events"])


@pytest.fixture(scope="module")
def wire_server(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[str]:
    db = tmp_path_factory.mktemp("wire") / "events.db"
    ingest(db, extractor, ROCKETS, DRONE)
    with serve(db) as base:
        yield base


@pytest.fixture
def wire_page(browser: Any, wire_server: str) -> Iterator[Any]:
    with open_page(browser, wire_server) as pg:
        yield pg


def test_event_panel_shows_claims_and_opens_related_events(wire_page: Any, wire_server: str) -> None:
    page = wire_page
    (rockets,) = [e for e in events_of(wire_server) if e["article_ids"] == ["rockets"]
                  and e["sub_event_type"] == "Shelling/artillery/missile attack"]
    (follows,) = [r for r in rockets["relations"] if r["kind"] == "follows"]
    assert follows["event_id"] and follows["interval_days"] == 9
    strikes = httpx.get(f"{wire_server}/api/events/{follows['event_id']}").json()

    page.goto(wire_server + "/#country=Iraq")
    page.wait_for_selector("#events tbody tr")
    page.locator(f"#events tbody tr[data-id='{rockets['id']}']").click()
    page.wait_for_selector("#panel #claims li")
    claims = page.locator("#claims li").all_inner_texts()
    assert claims == ["Not claimed", "Attributed to Islamic Resistance in Iraq by State television (media)"]
    assert page.inner_text("#actor1-basis") == rockets["actor1_basis"] == "stated"
    # each claim's sentence is highlighted in the article text
    for i, claim in enumerate(rockets["claims"]):
        mark = page.locator(f"#panel .article-text mark[data-field='claim-{i}']")
        mark.wait_for(timeout=10000)
        assert mark.inner_text() == claim["evidence"]["text"]
        assert mark.get_attribute("title", timeout=1000).startswith("claim: ")
    assert page.locator("#panel .article-text mark[data-field='relation-0']").count() == 1

    # the relation is a link named after the stored event it points at
    link = page.locator("#relations li[data-kind=follows] a.event-link")
    label = f"{strikes['sub_event_type']} at {strikes['location']}, {strikes['event_date']}"
    page.wait_for_function("t => document.querySelector('#relations a.event-link')?.textContent === t", arg=label)
    assert page.inner_text("#relations li[data-kind=follows]") == f"follows {label} (9 days)"
    assert link.get_attribute("href") == f"#country=Iraq&event={strikes['id']}"  # a permalink of this view
    link.click()
    page.wait_for_function("id => location.hash.indexOf('event=' + id) >= 0", arg=strikes["id"])
    # (the panel is rebuilt on the way: until it is, there is no #event-fields to read)
    page.wait_for_function("d => (document.querySelector('#event-fields')?.textContent ?? '').indexOf(d) >= 0",
                           arg=strikes["event_date"])
    assert page.locator("#panel #claims").count() == 0
    assert page.locator("#events tbody tr.selected").get_attribute("data-id") == strikes["id"]


def test_new_events_are_offered_then_loaded_live(browser: Any, tmp_path: Path, extractor: Any) -> None:
    db = tmp_path / "events.db"
    ingest(db, extractor, ROCKETS)
    with serve(db) as base, open_page(browser, base) as page:
        page.goto(base + "/?poll=1#country=Iraq")
        page.wait_for_selector("#events tbody tr")
        before = {e["id"] for e in events_of(base, country="Iraq")}
        assert rows(page) == len(before)
        assert page.locator("#live-notice").is_hidden()

        ingest(db, extractor, DRONE)
        added = [e["id"] for e in events_of(base, country="Iraq") if e["id"] not in before]
        assert added
        notice = page.locator("#live-notice")
        notice.wait_for(state="visible", timeout=15000)
        word = "event" if len(added) == 1 else "events"
        assert notice.inner_text() == f"{len(added)} new {word} — show"
        assert rows(page) == len(before)  # nothing moves until asked
        loaded = page.get_attribute("body", "data-loaded")
        page.click("#live-show")
        wait_loaded(page, loaded)
        assert rows(page) == len(before) + len(added)
        assert sorted(page.locator("#events tbody tr.new").evaluate_all("rs => rs.map(r => r.dataset.id)")) \
            == sorted(added)
        assert page.locator("path.ew-marker.ew-new").count() == len(added)
        assert notice.is_hidden()
        assert "country=Iraq" in page.url and page.input_value("select[name=country]") == "Iraq"

        # with "Live" on, new events load by themselves
        page.check("#live")
        assert "live=1" in page.url
        loaded = page.get_attribute("body", "data-loaded")
        ingest(db, extractor, CHECKPOINT)
        wait_loaded(page, loaded)
        now = events_of(base, country="Iraq")
        assert len(now) > len(before) + len(added)
        page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === {len(now)}")
        newest = {e["id"] for e in now} - before - set(added)
        assert {r for r in page.locator("#events tbody tr.new").evaluate_all("rs => rs.map(r => r.dataset.id)")} \
            == newest
        assert notice.is_hidden()


def test_escalation_panel(wire_page: Any, wire_server: str) -> None:
    page = wire_page
    page.goto(wire_server + "/")
    page.wait_for_selector("#events tbody tr")
    assert page.locator("#esc-body").inner_text() == ""
    page.click("#escalation summary")
    page.wait_for_selector("#esc-chart svg rect.esc-bar.total")
    assert "esc=1" in page.url
    everything = httpx.get(f"{wire_server}/api/escalation").json()
    assert page.locator("#esc-summary li").all_inner_texts() == everything["summary"]
    assert page.locator("rect.esc-bar.total").count() == sum(1 for w in everything["weekly"] if w["events"])

    # two sides: bars stacked by direction, the change point, the pivots, the sequence with its links
    page.fill("#esc-form input[name=actor_a]", "United States")
    page.fill("#esc-form input[name=actor_b]", "Islamic Resistance")
    done = page.get_attribute("body", "data-escalation")
    page.click("#esc-form button[type=submit]")
    page.wait_for_function("prev => document.body.getAttribute('data-escalation') !== prev", arg=done)
    data = httpx.get(f"{wire_server}/api/escalation",
                     params={"actor_a": "United States", "actor_b": "Islamic Resistance"}).json()
    assert page.locator("#esc-summary li").all_inner_texts() == data["summary"]
    assert data["summary"][0].endswith("between United States and Islamic Resistance.")
    a_to_b = sum(1 for w in data["weekly"] if w["a_to_b"])
    b_to_a = sum(1 for w in data["weekly"] if w["b_to_a"])
    assert a_to_b > 0 and b_to_a > 0
    assert page.locator("rect.esc-bar.a_to_b").count() == a_to_b
    assert page.locator("rect.esc-bar.b_to_a").count() == b_to_a
    assert page.locator("rect.esc-bar.total").count() == 0
    assert (page.locator("#esc-chart line.change-point").count() == 1) == (data["change_point"] is not None)
    assert page.locator("#esc-pivots li").count() == len(data["pivots"]) > 0
    pivot = data["pivots"][0]
    assert (f"{float(pivot['before_per_week'])} per week in the {pivot['window_weeks']} weeks before, "
            f"{float(pivot['after_per_week'])} after") in page.inner_text("#esc-pivots li")
    assert page.locator("#esc-events tbody tr").count() == len(data["events"])
    assert "actor_a=United+States" in page.url or "actor_a=United%20States" in page.url
    linked = [e for e in data["events"] if e["relations"]]
    assert linked and "follows #" in page.inner_text(f"#esc-events tr[data-id='{linked[0]['id']}'] td.links")

    # a sequence row opens its event in the panel; the permalink restores the section and its sides
    page.locator(f"#esc-events tr[data-id='{linked[0]['id']}'] td").nth(3).click()
    page.wait_for_selector("#panel #relations li")
    assert f"event={linked[0]['id']}" in page.url
    # the chart was redrawn to the narrower section: nothing sticks out of the window
    assert page.locator("#esc-chart svg").evaluate("s => s.getBoundingClientRect().right") \
        <= page.locator("#escalation").evaluate("d => d.getBoundingClientRect().right")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    permalink = page.url
    page.goto("about:blank")
    page.goto(permalink)
    page.wait_for_selector("#esc-chart rect.esc-bar.b_to_a", timeout=15000)
    assert page.input_value("#esc-form input[name=actor_b]") == "Islamic Resistance"
    assert page.locator("#escalation").evaluate("d => d.open")


REVIEW_TOKEN = "reviewer-token-0123456789"


def test_review_tab_corrects_and_rejects_and_both_are_kept(browser: Any, tmp_path: Path) -> None:
    """Open the Review tab, correct a field in the event panel, reject another event with the keyboard, reload:
    both kept (and the store says so)."""
    from api_factory import fill, specs

    from eventwire.api.review_auth import Reviewers

    db = tmp_path / "review.db"
    fill(db, specs(6))
    tokens = tmp_path / "reviewers.txt"
    tokens.write_text(f"ana:{REVIEW_TOKEN}\n", encoding="utf-8")
    with serve(db, Reviewers.from_file(tokens)) as base, open_page(browser, base) as page:
        page.goto(base + "/")
        page.wait_for_selector("#events tbody tr")
        page.click("#review summary")
        page.wait_for_selector("#review-queue tbody tr")
        assert "give your token" in page.inner_text("#review-mode")
        page.fill("#review-auth input[name=token]", REVIEW_TOKEN)
        page.click("#review-auth button")
        first = page.get_attribute("#review-queue tbody tr:first-child", "data-id")
        page.click("#review-queue tbody tr:first-child")
        page.wait_for_selector("#review-form")
        assert page.locator("#review-form .evidence").count() == 11  # the evidence beside every field
        page.fill("#rv-fatalities", "12")
        page.fill("#rv-reason", "hospital list")
        page.click("#review-buttons button[data-action=save]")
        page.wait_for_function("() => (document.body.getAttribute('data-review-saved') || '').startsWith('save:')")
        page.wait_for_selector("#corrections li")
        assert "fatalities" in page.inner_text("#corrections") and page.inner_text("#review-state") == "corrected"
        second = page.get_attribute(f"#review-queue tbody tr:not([data-id='{first}'])", "data-id")
        page.click(f"#review-queue tbody tr[data-id='{second}']")
        page.wait_for_selector("#review-form")
        page.fill("#rv-reason", "a training exercise")
        page.locator("#panel h2").click()  # focus out of the reason field: the key goes to the page
        page.keyboard.press("r")
        page.wait_for_function("() => (document.body.getAttribute('data-review-saved') || '').startsWith('reject:')")
        page.reload()
        page.wait_for_selector("#events tbody tr")
        ids = page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.getAttribute('data-id'))")
        assert second not in ids and first in ids
        row = page.locator(f"#events tbody tr[data-id='{first}'] td").all_inner_texts()
        assert "12" in row
    with open_store(db) as store:
        assert store.event(first)["fatalities"] == 12 and store.event(second)["review"] == "rejected"
        assert [(c["author"], c["kind"]) for c in store.corrections()] == [("ana", "set"), ("ana", "reject")]
