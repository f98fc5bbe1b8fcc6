"""The whole API fuzzed from its own OpenAPI description (schemathesis), on both stores: valid and invalid
requests to every operation answer without a 500, without a traceback, in the error shape when refused, and
leave the store as it was. The number of examples is bounded so that CI stays quick."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from eventwire import services
from eventwire.api import create_app
from eventwire.store import open_store

EXAMPLES_PER_OPERATION = 25  # for each of the two generation modes, on each store


def store_digest(target: str) -> str:
    with open_store(target) as store:
        rows = sorted(json.dumps(e, sort_keys=True) for e in store.events())
        return hashlib.sha256(json.dumps([store.counts(), rows]).encode()).hexdigest()


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=lambda m: m.value)
def test_no_request_gets_a_500(target: str, mode: Any) -> None:
    before = store_digest(target)
    app = create_app(target)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {(op.method.upper(), op.path) for op in operations} >= {("GET", "/api/events"), ("GET", "/api/stats"),
                                                                     ("GET", "/api/map/labels")}
    answered: list[int] = []
    for operation in operations:
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: Any) -> None:
            response = case.call()
            answered.append(response.status_code)
            where = f"{case.method} {case.formatted_path} {case.query}"
            assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
            assert "Traceback" not in response.text, where
            content_type = response.headers.get("content-type") or [""]  # (schemathesis: a list per header)
            if response.status_code >= 400 and str(content_type[0]).startswith("application/json"):
                assert set(response.json()) == {"error"}, where

        try:
            check()
        except Unsatisfiable:  # no invalid request exists for an operation without parameters (/api/health)
            assert mode == schemathesis.GenerationMode.NEGATIVE and not operation.query, operation.path
    services.close_pools(target)
    assert len(answered) >= len(operations)
    statuses = {code: answered.count(code) for code in sorted(set(answered))}
    print(f"\nfuzzed {len(answered)} requests ({mode.value}) over {len(operations)} operations: {statuses}")
    assert store_digest(target) == before  # reads only: the store is as it was
