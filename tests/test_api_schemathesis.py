"""Property-based tests of the REST API from its own OpenAPI document (schemathesis, in-process ASGI).

Every generated request, valid or not, must be answered without a server
error (no 5xx). Writes go through with the token, to a fake coder.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

import tempfile  # noqa: E402

from dyadwatch.config import Config  # noqa: E402
from test_api import coded_store, fake_coder  # noqa: E402  (tests/ is on sys.path: pytest's prepend import mode)


def _app():
    from dyadwatch.api import create_app

    db = f"{tempfile.mkdtemp(prefix='dyadwatch-schemathesis-')}/schema.duckdb"
    coded_store(db)
    return create_app(db, Config(api_token="s3cret"), coder=fake_coder)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_schemathesis_no_server_errors(case):
    case.headers = {**(case.headers or {}), "Authorization": "Bearer s3cret"}
    case.call_and_validate(checks=[not_a_server_error])
