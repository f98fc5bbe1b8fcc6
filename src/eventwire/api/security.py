"""Protection for a server facing clients it does not trust: per-client rate limiting, a cap on the request
line, security headers, and CORS only for origins named by the operator.

Without a review token file the API is read-only (GET and HEAD): nothing a client sends can change the store.
With one, analysts' corrections are the only writes (see `review_auth`). Middlewares here are pure ASGI so that
they also guard the static files and docs."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_URL_BYTES = 8192
# No request of this API carries more than a correction's few fields and reason: a larger body is refused (413)
# before it is read into memory, whether it announces its length or comes in chunks.
MAX_BODY_BYTES = 64 * 1024
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """A token bucket per client address: `rate` requests per second on average, bursts up to `burst`.
    The table is bounded (least recently seen clients are forgotten first)."""

    def __init__(self, rate: float, burst: int, max_clients: int = 100_000) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate, self.burst, self.max_clients = rate, burst, max_clients
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """The seconds `client` would wait for its next request (0.0: it may go ahead); takes nothing."""
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                return 0.0
            tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
            return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def take(self, client: str, now: float | None = None) -> float:
        """0.0 when the request may go ahead, else the seconds to wait before the next one would."""
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.pop(client, None) or _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets[client] = bucket
            if len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate


async def _send_error(send: Send, status: int, code: str, message: str,
                      extra: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    body = json.dumps({"error": {"status": status, "code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS, *extra]})
    await send({"type": "http.response.body", "body": body})


_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A `receive` that gives the messages already read, then whatever the connection sends next."""
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


class GuardMiddleware:
    """Rejects over-long request lines (414), bodies over MAX_BODY_BYTES (413) and clients over their rate (429
    with Retry-After), answers HEAD wherever GET is answered (the same status and headers, no body), and adds the
    security headers to every response."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets | None = None, max_url_bytes: int = MAX_URL_BYTES,
                 max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app, self.buckets, self.max_url_bytes = app, buckets, max_url_bytes
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > self.max_url_bytes:
            await _send_error(send, 414, "uri_too_long", f"the request URL is longer than {self.max_url_bytes} bytes")
            return
        if self.buckets is not None:
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.buckets.take(str(client))
            if wait > 0:
                await _send_error(send, 429, "too_many_requests",
                                  f"rate limit of {self.buckets.rate:g} requests/s exceeded; retry later",
                                  ((b"retry-after", str(max(1, math.ceil(wait))).encode()),))
                return

        too_large = f"the request body is larger than {self.max_body_bytes} bytes"
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body_bytes:
            await _send_error(send, 413, "payload_too_large", too_large)
            return
        if scope.get("method") in _WITH_BODY:
            # read the body here, at most max_body_bytes of it (a chunked one announces no length), and hand the
            # app what was read
            messages: list[Message] = []
            received = 0
            while True:
                message = await receive()
                messages.append(message)
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    await _send_error(send, 413, "payload_too_large", too_large)
                    return
                if message["type"] != "http.request" or not message.get("more_body"):
                    break
            receive = _replay(messages, receive)

        head = scope.get("method") == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in SECURITY_HEADERS if h[0] not in names)]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}  # (the GET's Content-Length stays, as HEAD requires)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_protection(app: Any, *, rate_limit: float | None, burst: int | None = None,
                   cors_origins: tuple[str, ...] = ()) -> None:
    """Install the guards on a FastAPI app. `rate_limit` None or 0 turns rate limiting off; CORS stays off
    unless origins are given."""
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "HEAD"],
                           allow_headers=[], expose_headers=["X-Next-Cursor"])
    buckets = TokenBuckets(rate_limit, burst or max(1, int(rate_limit * 4))) if rate_limit else None
    app.add_middleware(GuardMiddleware, buckets=buckets)
