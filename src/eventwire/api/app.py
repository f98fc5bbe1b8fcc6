"""The JSON HTTP API: events (filtered, sorted, cursor-paginated, with the total on the first page; JSON, GeoJSON,
ACLED CSV, JSONL or PLOVER), one event with its sources, one article, stats for charts, health; the review queue,
the corrections made and, with reviewers' tokens, analysts' corrections. Every error has the body
`{"error": {"status": int, "code": str, "message": str}}`.

The API is a thin layer over `eventwire.services`; filtering, sorting and pagination live in the store.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import math
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import services
from eventwire.api.models import (
    ArticleModel,
    AuditModel,
    CorrectedModel,
    ErrorBodyModel,
    EventDetailModel,
    EventsPageModel,
    FieldsBody,
    HealthModel,
    MapLabelsModel,
    MergeBody,
    ReasonBody,
    ReviewQueueModel,
    SplitBody,
    StatsModel,
)
from eventwire.api.review_auth import MAX_FAILURES, Reviewers, failure_buckets
from eventwire.api.security import add_protection
from eventwire.export import NEEDS_ARTICLES, WRITERS
from eventwire.services.choices import UnknownValue, resolve_country, resolve_event_type, resolve_sub_event_type
from eventwire.services.map_labels import map_labels as map_label_service
from eventwire.store import EventFilter, InvalidCursor, is_url, parse_bbox, redact
from eventwire.store.base import MAX_STORED_INT

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

MAX_LIMIT = 1000
SWAGGER_UI = "/static/vendor/swagger-ui"
EXPORT_MAX_EVENTS = 100_000  # one download of the dashboard's view; beyond it, `eventwire export`
ExportFormat = Literal["csv", "geojson", "jsonl"]
EXPORT_SUFFIXES = {"csv": "csv", "geojson": "geojson", "jsonl": "jsonl"}
Sort = Literal["event_date", "-event_date", "fatalities", "-fatalities"]
Format = Literal["json", "geojson", "csv", "jsonl", "plover"]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "geojson": "application/geo+json", "plover": "application/x-ndjson"}
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         406: "not_acceptable",
         413: "payload_too_large", 415: "unsupported_media_type", 422: "validation_error",
         429: "too_many_requests", 500: "internal_error", 503: "unavailable"}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBodyModel, "description": HTTPStatus(status).phrase} for status in (400, 404, 422, 500)
}


def _package_version() -> str:
    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "0"


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_response(status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_PRINTABLE = r"^[^\x00-\x1f\x7f]+$"  # ids never hold control characters (PostgreSQL text cannot hold NUL)


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from None


def event_filter(
    date_from: Annotated[dt.date | None, Query(description="Earliest event date, YYYY-MM-DD.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Latest event date, YYYY-MM-DD.")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat (WGS84 degrees).", max_length=200,
                                      examples=["38.0,29.0,49.0,38.0"])] = None,
    country: Annotated[str | None, Query(description="Country name as ACLED writes it (any case, or an ISO or "
                                                     "common name); an unknown one is refused with the closest.",
                                         max_length=200)] = None,
    admin1: Annotated[str | None, Query(description="First-level region (any case).", max_length=200)] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type (any case).", max_length=200)] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type (any case).",
                                                max_length=200)] = None,
    actor: Annotated[str | None, Query(description="Substring of actor1 or actor2.", max_length=200)] = None,
    weapon: Annotated[str | None, Query(description="Weapon, e.g. firearm.", max_length=200)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_STORED_INT, description="At least this many deaths.")
                              ] = None,
    q: Annotated[str | None, Query(description="Words that must all occur (stemmed) in the evidence text.",
                                   max_length=500)] = None,
    geo_precision: Annotated[int | None, Query(ge=1, le=3)] = None,
    time_precision: Annotated[int | None, Query(ge=1, le=3)] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, description="Only events at least this likely to "
                                                  "be right (their `confidence`).")] = None,
    review: Annotated[Literal["open", "unreviewed", "accepted", "conflict", "corrected", "rejected", "all"] | None,
                      Query(description="Analysts' review state: accepted, corrected, conflict, rejected, "
                                        "unreviewed, open (unreviewed or in conflict) or all. Default: every event "
                                        "but the rejected (the review queue: open).")] = None,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, "date_from is later than date_to")
    texts = {"country": country, "admin1": admin1, "event_type": event_type, "sub_event_type": sub_event_type,
             "actor": actor, "weapon": weapon, "q": q, "bbox": bbox}
    for name, value in texts.items():
        if value is not None and _CONTROL_CHARS.search(value):
            raise ApiError(422, f"{name}: control characters are not allowed")
    try:  # ACLED's spelling, or 422 with the closest valid values ("country: unknown country 'Irak'; did you ...")
        country = resolve_country(country) if country is not None else None
        event_type = resolve_event_type(event_type) if event_type is not None else None
        sub_event_type = resolve_sub_event_type(sub_event_type) if sub_event_type is not None else None
    except UnknownValue as exc:
        raise ApiError(422, str(exc)) from None
    return EventFilter(
        date_from=date_from, date_to=date_to, country=country, admin1=admin1, event_type=event_type,
        sub_event_type=sub_event_type, actor=actor, weapon=weapon, min_fatalities=min_fatalities,
        bbox=_bbox(bbox) if bbox is not None else None, q=q, geo_precision=geo_precision,
        time_precision=time_precision, min_confidence=min_confidence, review=review,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(db: str | Path, *, rate_limit: float | None = None, burst: int | None = None,
               cors_origins: tuple[str, ...] = (), reviewers: Reviewers | None = None) -> FastAPI:
    """The API over the store `db` names: a SQLite file (created and migrated when missing) or a
    `postgresql://` URL (migrated when needed); see `eventwire.store.open_store`.

    `rate_limit`: requests per second allowed per client address (None: no limit), with bursts up to `burst`;
    `cors_origins`: origins allowed to read the API from other sites' pages (none by default); `reviewers`: who
    may correct events (None: the API is read-only and every write is answered 405)."""
    db = str(db)
    shown = redact(db) if is_url(db) else db
    services.store_counts(db)  # creates / migrates the store once, before requests run in parallel

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close_pools(db)

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # served below from the vendored Swagger UI, so that /docs works offline
        redoc_url=None,  # ReDoc would load its script from a CDN
        title="eventwire API",
        version=_package_version(),
        description="Evidence-linked ACLED-style conflict events extracted from news. Every error has the body "
                    "`{\"error\": {\"status\", \"code\", \"message\"}}`.",
        responses=ERROR_RESPONSES,
    )
    app.state.db = db
    add_protection(app, rate_limit=rate_limit, burst=burst, cors_origins=cors_origins)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.url.path}"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _validation_message(exc))

    @app.exception_handler(services.StoreUnavailable)
    async def _store_unavailable(_request: Request, exc: services.StoreUnavailable) -> JSONResponse:
        log.warning("store unavailable: %s", exc)
        return error_response(503, f"the store is unavailable, try again shortly ({exc})")

    @app.exception_handler(Exception)
    async def _server_error(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error: %s", exc)
        return error_response(500, "internal server error")

    @app.get("/api/events", response_model=EventsPageModel, tags=["events"],
             responses={200: {"content": {"application/geo+json": {}, "text/csv": {}, "application/x-ndjson": {}},
                              "description": "A page of events. For geojson, csv, jsonl and plover the next cursor "
                                             "is in the X-Next-Cursor header (and `next_cursor` of the GeoJSON), "
                                             "the total (first page only) in X-Total-Count."}})
    def list_events(
        flt: Filter,
        sort: Annotated[Sort, Query(description="Order; ties are broken by event id.")] = "-event_date",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 100,
        cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.",
                                            max_length=2000)] = None,
        format: Annotated[Format, Query(description="json (default), geojson, csv (ACLED layout), jsonl, or plover "
                                                    "(PLOVER event records, one per line).")] = "json",
        total: Annotated[bool | None, Query(description="Count every matching event (`total`). Default: on the "
                                                        "first page (no cursor) only.")] = None,
    ) -> Any:
        """Events matching every given filter, one page at a time (keyset pagination). A cursor is only valid with
        the filters and sort of the request that returned it (else 400)."""
        with_total = cursor is None if total is None else total
        try:
            page = services.query_events_page(db, flt, sort=sort, limit=limit, cursor=cursor, with_total=with_total)
        except InvalidCursor as exc:
            raise ApiError(400, f"cursor: {exc}") from None
        if format == "json":
            return {"events": page.events, "count": len(page.events), "total": page.total, "sort": page.sort,
                    "next_cursor": page.next_cursor}
        events = services.with_articles(db, page.events) if format in NEEDS_ARTICLES else page.events
        out = io.StringIO()
        WRITERS[format](events, out)
        body = out.getvalue()
        if format == "geojson":
            collection = json.loads(body)
            collection["next_cursor"] = page.next_cursor
            body = json.dumps(collection, ensure_ascii=False)
        headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
        if page.total is not None:
            headers["X-Total-Count"] = str(page.total)
        return Response(body, media_type=MEDIA_TYPES[format], headers=headers)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """The OpenAPI page (Swagger UI from web/vendor/swagger-ui: no CDN)."""
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="eventwire API",
                                   swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
                                   swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png",
                                   # no call to validator.swagger.io when the server is not on localhost
                                   swagger_ui_parameters={"validatorUrl": None})

    @app.get("/api/export", tags=["events"],
             responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}},
                              "description": "Every matching event as a file to save (Content-Disposition: "
                                             "attachment), newest first."}})
    def export_events(
        flt: Filter,
        format: Annotated[ExportFormat, Query(description="csv (ACLED layout), geojson or jsonl.")] = "csv",
    ) -> Response:
        """Every event matching the filters, in one file: what the dashboard's Download menu saves. At most
        EXPORT_MAX_EVENTS events (else 400: narrow the filters, or use `eventwire export`)."""
        matching = services.count_events(db, flt)
        if matching > EXPORT_MAX_EVENTS:
            raise ApiError(400, f"{matching:,} events match, more than {EXPORT_MAX_EVENTS:,} in one download: "
                                "narrow the filters, or use 'eventwire export'")
        events = services.query_events(db, flt)
        if format in NEEDS_ARTICLES:
            events = services.with_articles(db, events)
        out = io.StringIO()
        WRITERS[format](events, out)
        name = f"eventwire-events.{EXPORT_SUFFIXES[format]}"
        return Response(out.getvalue(), media_type=MEDIA_TYPES[format],
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "X-Total-Count": str(len(events))})

    @app.get("/api/events/{event_id}", response_model=EventDetailModel, tags=["events"])
    def get_event(event_id: Annotated[str, PathParam(max_length=512, pattern=_PRINTABLE)]) -> Any:
        """One event (by its id, or the id of one of its per-article reports) with every source, its evidence,
        the reconciliation notes and the reports merged into it."""
        found = services.get_event(db, event_id)
        if found is None:
            raise ApiError(404, f"no event {event_id!r}")
        record, reports = found
        return {**record, "reports": reports}

    @app.get("/api/articles/{article_id}", response_model=ArticleModel, tags=["articles"])
    def get_article(article_id: Annotated[str, PathParam(max_length=512, pattern=_PRINTABLE)]) -> Any:
        """One stored article with its text."""
        article = services.get_article(db, article_id)
        if article is None:
            raise ApiError(404, f"no article {article_id!r}")
        return article

    @app.get("/api/stats", response_model=StatsModel, tags=["events"])
    def stats(flt: Filter) -> Any:
        """Event and fatality counts of the matching events by day, event type, country and admin1."""
        return services.event_stats(db, flt)

    @app.get("/api/escalation", tags=["events"])
    def escalation(
        flt: Filter,
        actor_a: Annotated[str | None, Query(description="One side: words of actor names, claims and "
                                                         "attributions, whole and in order; 'A|B' for several "
                                                         "names.", max_length=200)] = None,
        actor_b: Annotated[str | None, Query(description="The other side.", max_length=200)] = None,
    ) -> Any:
        """Escalation between two actors (both given) or among the matching events: the events with their
        relations and claims, counts per week in each direction, the largest change in the weekly rate, and
        the rate before and after each event that others followed or answered."""
        if (actor_a is None) != (actor_b is None):
            raise ApiError(422, "give both actor_a and actor_b, or neither")
        for name, value in (("actor_a", actor_a), ("actor_b", actor_b)):
            if value is not None and (not value.strip() or _CONTROL_CHARS.search(value)):
                raise ApiError(422, f"{name}: empty or has control characters")
        sides = (actor_a, actor_b) if actor_a is not None and actor_b is not None else None
        return services.escalation_view(db, flt, sides)

    @app.get("/api/map/labels", response_model=MapLabelsModel, tags=["service"])
    def map_labels(
        bbox: Annotated[str, Query(description="The view: minlon,minlat,maxlon,maxlat (WGS84 degrees).",
                                   max_length=200)],
        zoom: Annotated[int, Query(ge=0, le=20, description="The map's zoom level (Leaflet's: 2 shows the "
                                                            "world).")],
    ) -> Any:
        """Names to draw on the map for a view, from the offline gazetteer: countries when zoomed out, admin-1
        regions when zoomed in (at their centres), and towns, larger ones the further out the view is."""
        min_lon, min_lat, max_lon, max_lat = _bbox(bbox)
        labels = map_label_service(min_lat, min_lon, max_lat, max_lon, zoom)
        return {"available": labels is not None, "labels": labels or []}

    add_review_routes(app, db, reviewers)

    @app.get("/api/health", response_model=HealthModel, tags=["service"])
    def health() -> Any:
        """Whether the store can be read, where it is, and how much it holds."""
        counts = services.store_counts(db)
        return {"status": "ok", "db": shown, "review": reviewers is not None, **counts}

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        """The web dashboard (a static page that reads only this API)."""
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    return app


EventId = Annotated[str, PathParam(max_length=512, pattern=_PRINTABLE)]


def reviewer(request: Request) -> str:
    """The name of the analyst whose bearer token the request carries (401 without one, 403 for a wrong one,
    429 after MAX_FAILURES wrong ones from one address, even with the right one: guessing is what the limit
    stops). A body past security.MAX_BODY_BYTES never gets here (413)."""
    reviewers: Reviewers = request.app.state.reviewers
    failures = request.app.state.review_failures
    client = request.client.host if request.client else "unknown"
    wait = failures.wait(client)
    if wait > 0:
        raise ApiError(429, f"more than {MAX_FAILURES} failed attempts from this address; retry later",
                       headers={"Retry-After": str(max(1, math.ceil(wait)))})
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "a correction needs the header 'Authorization: Bearer TOKEN'",
                       headers={"WWW-Authenticate": 'Bearer realm="eventwire review"'})
    name = reviewers.check(token.strip())
    if name is None:
        failures.take(client)
        raise ApiError(403, "this token may not correct events")
    return name


Reviewer = Annotated[str, Depends(reviewer)]


def add_review_routes(app: FastAPI, db: str, reviewers: Reviewers | None) -> None:
    """The review queue and the audit trail (read), and analysts' corrections (write, with a bearer token; on a
    read-only server every write is answered 405)."""
    app.state.reviewers = reviewers
    app.state.review_failures = failure_buckets()

    @app.get("/api/review", response_model=ReviewQueueModel, tags=["review"])
    def review_queue(flt: Filter, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50) -> Any:
        """Events most in doubt first: low confidence, conflicts with corrections, disagreeing reports, fields
        without evidence, large tolls. By default the open ones (not reviewed, or in conflict)."""
        events = services.review_queue(db, flt, limit=limit)
        return {"events": events, "count": len(events)}

    @app.get("/api/corrections", response_model=list[AuditModel], tags=["review"])
    def corrections(event_id: Annotated[str | None, Query(max_length=512, pattern=_PRINTABLE)] = None) -> Any:
        """Every correction made (who, when, before and after, why), oldest first; or those of one event."""
        try:
            return services.list_corrections(db, event_id)
        except services.UnknownEvent as exc:
            raise ApiError(404, str(exc)) from None

    if reviewers is None:
        def read_only(_request: Request) -> Any:
            raise ApiError(405, "this server is read-only: start it with --review-token-file to accept corrections",
                           headers={"Allow": "GET, HEAD"})

        for method, path in (("PATCH", "/api/events/{event_id}"), ("POST", "/api/events/{event_id}/accept"),
                             ("POST", "/api/events/{event_id}/reject"),
                             ("POST", "/api/events/{event_id}/restore"), ("POST", "/api/events/{event_id}/split"),
                             ("POST", "/api/events/merge")):
            app.add_api_route(path, read_only, methods=[method], include_in_schema=False)
        return


    def corrected(event_id: str, kind: str, who: str, reason: str, **options: Any) -> dict[str, Any]:
        try:
            events = services.correct_event(db, event_id, kind, author=who, reason=reason, **options)
        except services.UnknownEvent as exc:
            raise ApiError(404, str(exc)) from None
        except services.CorrectionError as exc:
            raise ApiError(422, str(exc)) from None
        return {"events": events}

    @app.patch("/api/events/{event_id}", response_model=CorrectedModel, tags=["review"])
    def correct_fields(event_id: EventId, body: FieldsBody, who: Reviewer) -> Any:
        """Correct fields of an event (`{"fields": {"fatalities": 7}, "reason": "..."}`); the correction holds
        through every later ingest, and a machine value that disagrees later shows in `conflicts`."""
        return corrected(event_id, "set", who, body.reason, fields=body.fields)

    @app.post("/api/events/{event_id}/accept", response_model=CorrectedModel, tags=["review"])
    def accept(event_id: EventId, body: ReasonBody, who: Reviewer) -> Any:
        """Record that the event was checked and found right (it leaves the review queue)."""
        return corrected(event_id, "accept", who, body.reason)

    @app.post("/api/events/{event_id}/reject", response_model=CorrectedModel, tags=["review"])
    def reject(event_id: EventId, body: ReasonBody, who: Reviewer) -> Any:
        """Mark the event as no incident: kept (see `review=rejected`), left out of listings."""
        return corrected(event_id, "reject", who, body.reason)

    @app.post("/api/events/{event_id}/restore", response_model=CorrectedModel, tags=["review"])
    def restore(event_id: EventId, body: ReasonBody, who: Reviewer) -> Any:
        """Undo a rejection."""
        return corrected(event_id, "restore", who, body.reason)

    @app.post("/api/events/{event_id}/split", response_model=CorrectedModel, tags=["review"])
    def split(event_id: EventId, body: SplitBody, who: Reviewer) -> Any:
        """The reports of the given articles leave the event and form one of their own."""
        return corrected(event_id, "split", who, body.reason, articles=body.articles)

    @app.post("/api/events/merge", response_model=CorrectedModel, tags=["review"])
    def merge(body: MergeBody, who: Reviewer) -> Any:
        """Two events that report one incident become one."""
        for event_id in body.event_ids:
            if len(event_id) > 512 or _CONTROL_CHARS.search(event_id):
                raise ApiError(422, "event_ids: an id is longer than 512 characters or has control characters")
        return corrected(body.event_ids[0], "merge", who, body.reason, other_event_id=body.event_ids[1])
