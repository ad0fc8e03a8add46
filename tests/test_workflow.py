"""How SDK maintainers start and feed respgen: `respgen init`, OpenAPI Overlays, and a
spec read over HTTPS (a loopback server stands in for the vendor's)."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomllib
import yaml

from test_cli import respgen

SMALL = {
    "openapi": "3.1.0",
    "info": {"title": "Acme Responses", "version": "1"},
    "paths": {"/responses": {"post": {
        "operationId": "createResponse",
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Req"}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Resp"}}}}}}}},
    "components": {"schemas": {
        "Req": {"type": "object", "required": ["model"], "properties": {
            "model": {"type": "string"}, "temperature": {"type": "number", "maximum": 2}}},
        "Resp": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}, "status": {"type": "string", "enum": ["done", "failed"]}}},
        "Legacy": {"type": "object", "properties": {"x": {"type": "string"}}}}},
}


def _write(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


# -- respgen init ---------------------------------------------------------------------

def test_init_then_generate_from_zero(tmp_path: Path) -> None:
    """Zero to generated code in two commands; nothing asked when flags are given."""
    _write(tmp_path / "acme.yaml", SMALL)
    init = respgen(tmp_path, "init", "--spec", "acme.yaml", "--package", "acme",
                   "--targets", "python,jsonschema", "--out", "sdk")
    assert init.returncode == 0, init.stderr
    assert "respgen generate" in init.stdout
    config = tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["respgen"]
    assert config == {"spec": "acme.yaml", "out": "sdk", "targets": ["python", "jsonschema"],
                      "package": "acme"}
    gen = respgen(tmp_path, "generate")
    assert gen.returncode == 0, gen.stderr
    assert (tmp_path / "sdk" / "python" / "acme" / "models.py").is_file()
    assert any((tmp_path / "sdk" / "jsonschema").rglob("*.json"))


def test_init_keeps_the_rest_of_pyproject(tmp_path: Path) -> None:
    original = ('# my project\n[project]\nname = "thing"   # the name\nversion = "1.0"\n\n'
                '[tool.black]\nline-length = 99  # wide\n')
    (tmp_path / "pyproject.toml").write_text(original)
    done = respgen(tmp_path, "init", "--spec", "s.yaml", "--targets", "python")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original), "everything that was there stays, byte for byte"
    assert tomllib.loads(text)["tool"]["respgen"]["spec"] == "s.yaml"
    again = respgen(tmp_path, "init", "--spec", "other.yaml")
    assert again.returncode == 2 and "already has [tool.respgen]" in again.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text
    forced = respgen(tmp_path, "init", "--spec", "other.yaml", "--force")
    assert forced.returncode == 0
    assert tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["respgen"]["spec"] == "other.yaml"


def test_init_refuses_unknown_target_and_missing_spec(tmp_path: Path) -> None:
    bad = respgen(tmp_path, "init", "--spec", "s.yaml", "--targets", "python,cobol")
    assert bad.returncode == 2 and "cobol" in bad.stderr
    assert not (tmp_path / "pyproject.toml").exists()
    nospec = respgen(tmp_path, "init")  # stdin is not a terminal: nothing to ask on
    assert nospec.returncode == 2 and "--spec" in nospec.stderr


# -- overlays -------------------------------------------------------------------------

OVERLAY = {
    "overlay": "1.0.0",
    "info": {"title": "fixes", "version": "1"},
    "actions": [
        {"target": "$.components.schemas.Req.properties.temperature",
         "update": {"maximum": 1.5, "description": "fixed"}},
        {"target": "$.components.schemas.Resp.properties.status.enum", "update": "queued"},
        {"target": "$.components.schemas.Legacy", "remove": True},
        {"target": "$.components.schemas.Nope", "update": {"type": "string"}},
    ],
}


def _ir(cwd: Path, *args: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    done = respgen(cwd, "ir", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def test_overlay_updates_removes_and_warns(tmp_path: Path) -> None:
    _write(tmp_path / "acme.yaml", SMALL)
    _write(tmp_path / "fixes.yaml", OVERLAY)
    before, _ = _ir(tmp_path, "--spec", "acme.yaml")
    assert "Legacy" in before["types"]
    after, warnings = _ir(tmp_path, "--spec", "acme.yaml", "--overlay", "fixes.yaml")
    assert "Legacy" not in after["types"]
    temp = next(f for f in after["types"]["Req"]["fields"] if f["name"] == "temperature")
    assert temp["type"]["constraints"]["maximum"] == 1.5
    assert temp["description"] == "fixed"
    status_enum = after["types"][next(n for n in after["types"] if "Status" in n)]
    assert status_enum["values"] == ["done", "failed", "queued"]
    # the action that matches nothing is a warning naming the overlay file, line and action
    line = next(l for l in warnings.splitlines() if "matches nothing" in l)
    assert line.startswith("respgen: fixes.yaml:") and "#/actions/3/target" in line
    assert (tmp_path / "acme.yaml").read_text() == yaml.safe_dump(SMALL, sort_keys=False)


def test_overlay_from_config_reaches_generate_check_and_diff(tmp_path: Path) -> None:
    _write(tmp_path / "acme.yaml", SMALL)
    _write(tmp_path / "fixes.yaml", OVERLAY)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.respgen]\nspec = "acme.yaml"\nout = "gen"\ntargets = ["python"]\n'
        'package = "acme"\noverlays = ["fixes.yaml"]\n')
    assert respgen(tmp_path, "generate").returncode == 0
    models = (tmp_path / "gen" / "python" / "acme" / "models.py").read_text()
    assert "le=1.5" in models and "class Legacy" not in models
    assert respgen(tmp_path, "check").returncode == 0
    # a changed overlay makes the output stale (the result cache keys on its bytes too)
    changed = json.loads(json.dumps(OVERLAY))
    changed["actions"][0]["update"]["maximum"] = 1.25
    _write(tmp_path / "fixes.yaml", changed)
    stale = respgen(tmp_path, "check")
    assert stale.returncode == 1 and "le=1.25" in stale.stdout
    # diff reads both versions through the overlays: the removed Legacy is no change
    new = json.loads(json.dumps(SMALL))
    del new["components"]["schemas"]["Legacy"]
    _write(tmp_path / "new.yaml", new)
    diffed = respgen(tmp_path, "diff", "acme.yaml", "new.yaml", "--format", "json")
    assert diffed.returncode == 0, diffed.stderr
    assert "Legacy" not in diffed.stdout
    plain = respgen(tmp_path, "diff", "acme.yaml", "new.yaml", "--format", "json", "--no-cache")
    assert "Legacy" not in plain.stdout  # config overlays apply with or without the cache


@pytest.mark.parametrize("overlay, pointer, words", [
    ({"info": {"title": "x"}, "actions": [{"target": "$", "remove": True}]}, "#", "Overlay 1.x"),
    ({"overlay": "1.0.0", "actions": [{"target": "$.paths[", "update": {}}]},
     "#/actions/0/target", "bad JSONPath"),
    ({"overlay": "1.0.0", "actions": [{"target": "$.info", "update": {}, "remove": True}]},
     "#/actions/0", "exactly one of"),
    ({"overlay": "1.0.0", "actions": [{"target": "$.info.title", "update": {"a": 1}}]},
     "#/actions/0/target", "neither an object nor an array"),
])
def test_bad_overlay_is_one_line_with_file_line_and_action(tmp_path: Path, overlay: dict,  # type: ignore[type-arg]
                                                           pointer: str, words: str) -> None:
    _write(tmp_path / "acme.yaml", SMALL)
    _write(tmp_path / "fixes.yaml", overlay)
    done = respgen(tmp_path, "generate", "--spec", "acme.yaml", "--overlay", "fixes.yaml",
                   "--out", "gen", "--target", "python")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("respgen: error: fixes.yaml:") and pointer + ":" in lines[0]
    assert words in lines[0]
    assert not (tmp_path / "gen").exists()


# -- a spec by URL --------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, bytes, float]] = {}
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        status, body, delay = self.routes.get(self.path, (404, b"no", 0.0))
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/yaml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def vendor() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_spec_by_url(tmp_path: Path, vendor: str) -> None:
    body = yaml.safe_dump(SMALL).encode()
    with_file_ref = json.loads(json.dumps(SMALL))
    with_file_ref["components"]["schemas"]["Legacy"] = {"$ref": "other.yaml#/X"}
    _Handler.routes = {
        "/openapi.yaml": (200, body, 0.0),
        "/fail.yaml": (500, b"oops", 0.0),
        "/slow.yaml": (200, body, 3.0),
        "/big.yaml": (200, b"a: " + b"x" * (1024 * 1024 + 10) + b"\n", 0.0),
        "/ref.yaml": (200, yaml.safe_dump(with_file_ref).encode(), 0.0),
    }
    env = {"RESPGEN_FETCH_TIMEOUT": "1", "RESPGEN_MAX_SPEC_MB": "1"}
    ok = respgen(tmp_path, "generate", "--spec", f"{vendor}/openapi.yaml", "--out", "gen",
                 "--target", "python", "--package", "acme", env=env)
    assert ok.returncode == 0, ok.stderr
    assert "class Req" in (tmp_path / "gen" / "python" / "acme" / "models.py").read_text()
    # the download is kept by content hash in the cache folder
    cached = list((tmp_path / ".cache" / "remote").glob("*.yaml"))
    assert len(cached) == 1 and cached[0].read_bytes() == body
    again = respgen(tmp_path, "check", "--spec", f"{vendor}/openapi.yaml", "--out", "gen",
                    "--target", "python", "--package", "acme", env=env)
    assert again.returncode == 0, again.stderr
    for path, words in (("/fail.yaml", "HTTP 500"), ("/slow.yaml", "within 1 s"),
                        ("/big.yaml", "over the limit"), ("/ref.yaml", "to another file refused"),
                        ("/missing.yaml", "HTTP 404")):
        started = time.monotonic()
        bad = respgen(tmp_path, "ir", "--spec", f"{vendor}{path}", env=env)
        assert bad.returncode == 2, (path, bad.stderr)
        lines = bad.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], (path, lines)
        assert time.monotonic() - started < 30, "a slow server never hangs the command"
    plain_http = respgen(tmp_path, "ir", "--spec", "http://example.invalid/openapi.yaml", env=env)
    assert plain_http.returncode == 2 and "https://" in plain_http.stderr
