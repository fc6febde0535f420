"""A bounded schemathesis run over the OpenAPI schema, against the live server: no 500s,
and every JSON answer matches the response model the schema documents."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from coopgraph.api.settings import Settings
from coopgraph.api.web.app import create_app
from tests.conftest import LiveServer

TOKEN = "schemathesis-token"


@schemathesis.serializer(
    "application/sparql-query", "application/sparql-update", "text/plain", "text/html"
)
def _text_body(ctx: object, value: object) -> bytes:
    # bodies of these types are text; anything generated is sent as its string form
    return str(value).encode("utf-8", errors="surrogatepass")


@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx: object, value: object) -> bytes:
    return (json.dumps(value) + "\n").encode()


# the schema only; the app that serves the tests is started by the fixture below
schema = schemathesis.openapi.from_dict(
    create_app(Settings(data_dir=Path(tempfile.gettempdir()))).openapi()
)


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(
        Settings(
            data_dir=tmp_path_factory.mktemp("schemathesis"),
            write_token=TOKEN,  # type: ignore[arg-type]
            query_workers=1,
            query_timeout=5,
        )
    ) as live:
        yield live


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: schemathesis.Case, live_api: LiveServer) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = case.call(base_url=live_api.url, headers=headers, timeout=60)
        assert response.status_code < 500, (case.method, case.path, response.text[:500])
        if response.status_code == 200 and "json" in response.headers.get("content-type", ""):
            case.validate_response(response, checks=[checks.response_schema_conformance])
