"""The client of OpenRouter's whole API (the latest real spec, 97 operations):
operations other than /responses get methods that route their path, query and
header parameters and parse their results (skips when ../shared is absent)."""

from __future__ import annotations

import importlib
import json
from typing import Any, Callable

import pytest

from harness import Generated
from http_stub import Reply, StubServer
from shared_data import LATEST_SPEC


@pytest.fixture(scope="module")
def latest(generated_for: Callable[[str], Generated]) -> Generated:
    return generated_for(LATEST_SPEC)


def example(g: Generated, name: str) -> Any:
    return json.loads(json.dumps(g.ir.types[name].examples[0]))


def test_crud_methods_route_parameters_and_parse_results(latest: Generated) -> None:
    client = importlib.import_module(f"{latest.package}.client")
    errors = importlib.import_module(f"{latest.package}._errors")
    listed, one = example(latest, "ListResponse"), example(latest, "GetKeyResponse")
    with StubServer() as server, client.Client(api_key="k", base_url=server.url + "/v1",
                                               max_retries=0) as c:
        server.script(Reply.json(200, listed), Reply.json(200, one),
                      Reply.json(404, {"error": {"code": 404, "message": "no such key"}}),
                      Reply(200, {"Content-Type": "application/octet-stream"}, [b"\x00\x01raw"]))
        result = c.keys.list(include_disabled="true", offset=5)
        assert result.model_dump(mode="json", by_alias=True, exclude_unset=True) == listed
        got = c.keys.retrieve(hash="a/b c")
        assert type(got).__name__ == "GetKeyResponse"
        with pytest.raises(errors.NotFoundError, match="no such key") as caught:
            c.keys.delete(hash="h1")
        assert caught.value.status == 404
        assert c.files.download_file_content(file_id="f 1") == b"\x00\x01raw"
    sent = [(r.method, r.path) for r in server.received]
    assert sent == [("GET", "/v1/keys?include_disabled=true&offset=5"),
                    ("GET", "/v1/keys/a%2Fb%20c"), ("DELETE", "/v1/keys/h1"),
                    ("GET", "/v1/files/f%201/content")]
    assert all(r.body == b"" for r in server.received)
    accepts = [r.headers["accept"] for r in server.received]  # media types from the spec
    assert accepts == ["application/json"] * 3 + ["application/octet-stream"]


def test_every_json_operation_is_exposed_and_streaming_ones_stream(latest: Generated) -> None:
    client = importlib.import_module(f"{latest.package}.client")
    from generator.targets.python.client import build_client

    view = build_client(latest.ir, latest.view.names)
    exposed = {o.name.strip('"') for r in view.resources for o in r.operations}
    every = {f"{o.method.upper()} {o.path}" for o in latest.ir.operations}
    assert exposed | set(view.skipped) == every and not exposed & set(view.skipped)
    assert view.skipped == ["POST /files"]  # multipart only
    streaming = {o.name.strip('"') for r in view.resources for o in r.operations if o.streamable}
    assert {"POST /responses", "POST /chat/completions", "POST /messages"} <= streaming
    c = client.Client(api_key="k")
    for r in view.resources:
        for o in r.operations:
            assert callable(getattr(getattr(c, r.attr), o.method_name))
    assert {e.status for e in view.errors} >= {400, 401, 402, 403, 404, 408, 413, 422, 429, 500,
                                               502, 503, 524, 529}
