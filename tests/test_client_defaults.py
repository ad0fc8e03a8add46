"""The generated client's defaults come from the spec (`servers` with their
variables, the security scheme, a `x-*-sse-sentinel` extension) and
`[tool.respgen]` overrides each of them; checked on small specs against a
loopback server."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from harness import generate
from http_stub import Reply, StubServer

from generator.config import Config, load_config
from generator.errors import ConfigError
from generator.ir import IR
from generator.targets.python.client_defaults import client_defaults


def spec(**extra: Any) -> dict[str, Any]:
    thing = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    stream = {"schema": {"type": "object", "properties": {"n": {"type": "integer"}}}}
    return {
        "openapi": "3.1.0", "info": {"title": "Things", "version": "1"},
        "paths": {"/things": {"post": {
            "operationId": "createThing",
            "requestBody": {"content": {"application/json": {"schema": thing}}},
            "responses": {"200": {"content": {"application/json": {"schema": thing},
                                              "text/event-stream": stream}}}}}},
        **extra,
    }


def build(tmp_path: Path, name: str, document: dict[str, Any], **options: Any) -> Any:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "spec.json").write_text(json.dumps(document))
    generate(folder / "spec.json", folder, name, **options)
    return importlib.import_module(f"{name}.client"), importlib.import_module(f"{name}._errors")


def events(*tail: bytes) -> Reply:
    return Reply.sse([b'data: {"n": 1}\n\ndata: {"n": 2}\n\n', *tail])


def test_defaults_from_servers_security_and_the_sentinel_extension(tmp_path: Path) -> None:
    document = spec(
        servers=[{"url": "https://{region}.example.test/{version}",
                  "variables": {"region": {"default": "eu", "enum": ["eu", "us"]},
                                "version": {"default": "v2"}}}],
        components={"securitySchemes": {
            "basic": {"type": "http", "scheme": "basic"},
            "key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}},
        security=[{"basic": []}, {"key": []}])
    document["paths"]["/things"]["post"]["responses"]["200"]["content"]["text/event-stream"][
        "x-acme-sse-sentinel"] = "[END]"
    client, errors = build(tmp_path, "things_a", document)
    assert client.DEFAULT_BASE_URL == "https://eu.example.test/v2"
    assert client.API_KEY_ENV == "THINGS_A_API_KEY"
    assert client.AUTH == ("header", "X-Api-Key", "")
    with StubServer() as server, client.Client(api_key="k1", base_url=server.url) as c:
        server.script(events(b"data: [END]\n\n", b'data: {"n": 3}\n\n'),
                      events(b"data: [DONE]\n\n"), events())
        assert [e.n for e in c.things.create(name="a", stream=True)] == [1, 2]
        assert [e.n for e in c.things.create(name="a", stream=True)] == [1, 2]  # always ends
        with pytest.raises(errors.IncompleteStreamError, match=r"sentinel '\[END\]'"):
            list(c.things.create(name="a", stream=True))
    assert server.received[0].headers["x-api-key"] == "k1"
    assert "authorization" not in server.received[0].headers


def test_every_default_is_overridden_by_the_config(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    document = spec(servers=[{"url": "https://api.example.test"}])
    client, errors = build(tmp_path, "things_b", document, base_url="http://127.0.0.1:9/z",
                           api_key_env="THINGS_TOKEN", auth="query:token",
                           sse_sentinel="[END]")
    assert client.DEFAULT_BASE_URL == "http://127.0.0.1:9/z"
    assert client.AUTH == ("query", "token", "")
    monkeypatch.setenv("THINGS_TOKEN", "k2")
    with StubServer() as server, client.Client(base_url=server.url) as c:
        server.script(events(b"data: [END]\n\n"), events())
        assert [e.n for e in c.things.create(name="a", stream=True)] == [1, 2]
        with pytest.raises(errors.IncompleteStreamError):
            list(c.things.create(name="a", stream=True))
    assert server.received[0].path == "/things?token=k2"
    assert server.received[0].json() == {"name": "a"}


def test_a_relative_server_is_relative_to_the_spec_url(tmp_path: Path) -> None:
    ir = IR(title="t", version="1", openapi="3.1.0", source="x", servers=["/api/v2"])
    at = Config(spec_url="https://specs.example.test/v/openapi.json")
    assert client_defaults(ir, at, "p").base_url == '"https://specs.example.test/api/v2"'
    assert client_defaults(ir, Config(), "p").base_url == '""'


def test_no_server_no_sentinel_and_no_auth(tmp_path: Path) -> None:
    client, errors = build(tmp_path, "things_c", spec(), auth="none")
    assert client.DEFAULT_BASE_URL == "" and client.AUTH is None
    with pytest.raises(errors.ArgumentError, match="base_url"):
        client.Client(api_key="k")
    with StubServer() as server, client.Client(api_key="k3", base_url=server.url) as c:
        server.script(events())  # no sentinel declared: closing is the end
        assert [e.n for e in c.things.create(name="a", stream=True)] == [1, 2]
        with pytest.raises(errors.ArgumentError, match="argument 'name'") as caught:
            c.things.create(name=5)  # type: ignore[arg-type]
        assert isinstance(caught.value, ValueError)
    assert "authorization" not in server.received[0].headers


def test_a_bad_auth_option_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.respgen]\nauth = "cookie:x"\n')
    with pytest.raises(ConfigError, match=r"auth: 'cookie:x' is not one of bearer, none"):
        load_config(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.respgen]\nauth = "header:X-Key"\n'
                                             'base_url = "https://h.test"\n')
    assert load_config(tmp_path).auth == "header:X-Key"
