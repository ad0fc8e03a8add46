"""Issue 18, hostile specs round two: each hole reproduced through the real command
(`respgen generate` in a subprocess), then the generated package imported and used.

- 18.1 a field's default beside a type of the same name never runs at import;
- 18.2 path parameters never take a request off the base URL's origin (a loopback
  server receives every request, each at its exact percent-encoded path);
- 18.7 two paths with one endpoint name each keep their own, and a method sends to
  the path its docstring names.
"""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from checkers import audit_class_scopes
from http_stub import Reply, StubServer
from payloads import CODE, MARKER


def respgen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RESPGEN_CACHE_DIR": str(cwd / ".cache")}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


def generate(tmp: Path, spec: str, package: str, *targets: str) -> Path:
    (tmp / "openapi.yaml").write_text(spec, encoding="utf-8")
    args = [a for t in targets or ("python",) for a in ("--target", t)]
    run = respgen(tmp, "generate", "--spec", "openapi.yaml", "--out", "out",
                  "--package", package, "--no-cache", *args)
    assert run.returncode == 0, run.stderr
    return tmp / "out"


HEAD = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
SHADOW = HEAD + f"""paths: {{}}
components:
  schemas:
    foo: {{type: object, properties: {{x: {{type: string}}}}}}
    Bar:
      type: object
      required: [zzz]
      properties:
        foo: {{type: string, default: {CODE!r}}}
        zzz: {{$ref: '#/components/schemas/foo'}}
"""


def test_a_default_beside_a_type_of_its_name_never_runs(tmp_path: Path) -> None:
    """18.1: `foo: StrictStr = "<code>"` then `zzz: foo` made pydantic evaluate the
    default as an annotation. The field is now `foo_` (wire name `foo`), the AST
    checker passes, and building and using the model prints nothing, writes nothing."""
    out = generate(tmp_path, SHADOW, "shadow")
    models = out / "python" / "shadow" / "models.py"
    audit_class_scopes(models, ast.parse(models.read_text()))
    script = """
from shadow import Client
from shadow import models as m
m.Bar.model_rebuild(force=True)
m.Bar.model_json_schema()
bar = m.Bar.model_validate({"zzz": {"x": "y"}})
assert bar.foo_.startswith("__import__"), bar
assert isinstance(bar.zzz, m.foo), bar.zzz
assert bar.model_dump(mode="json", by_alias=True)["foo"] == bar.foo_
"""
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(out / "python")},
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == "" and not list(tmp_path.rglob(MARKER + "*"))


def test_the_checker_catches_the_shadowing_shape() -> None:
    """The AST check fails on the shape the issue reported (what respgen wrote before)."""
    before = 'class Bar(Model):\n    foo: StrictStr = "x"\n    zzz: foo\n'
    with pytest.raises(AssertionError, match=r"class Bar binds \['foo'\]"):
        audit_class_scopes(Path("models.py"), ast.parse(before))
    quoted = 'class Bar(Model):\n    zzz: "foo | None" = None\n    foo: StrictStr = "x"\n'
    with pytest.raises(AssertionError, match="binds"):
        audit_class_scopes(Path("models.py"), ast.parse(quoted))
    method = "class R:\n    def builtins(self) -> None: ...\n    def x(self) -> builtins.str: ...\n"
    with pytest.raises(AssertionError, match="binds"):
        audit_class_scopes(Path("client.py"), ast.parse(method))


ROUTES = HEAD + """paths:
  /items/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
  /account/delete: {post: {responses: {'204': {description: ok}}}}
  /account.delete: {post: {responses: {'204': {description: ok}}}}
  /x²: {get: {responses: {'204': {description: ok}}}}
  /a b?c#d/{id}:
    get:
      operationId: oddPath
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
"""
# Values a caller (or a model answer a program forwards) may put in a path parameter.
HOSTILE_VALUES = ["../../admin", "..", ".", "//evil.example/x", "@evil.example", "a?b=c",
                  "x#y", "%2e%2e", ":8765", "a/b", "ünï €", "a\\b", "{id}", "\r\nHost: x"]


def _expected(value: str) -> str:
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = generate(tmp_path_factory.mktemp("routes"), ROUTES, "routes_pkg")
    sys.path.insert(0, str(out / "python"))
    try:
        yield importlib.import_module("routes_pkg.client")
    finally:
        sys.path.remove(str(out / "python"))


def test_path_values_never_leave_the_origin(routes: Any) -> None:
    """18.2: whatever a path parameter holds, the request goes to the base URL's host
    and port, under its path, with the value one percent-encoded segment."""
    with StubServer() as stub:
        stub.script(*[Reply(204) for _ in range(len(HOSTILE_VALUES) * 2)])
        with routes.Client(api_key="k", base_url=stub.url + "/api/v1/", max_retries=0) as c:
            for value in HOSTILE_VALUES:
                c.items.retrieve(id=value)
                c.a_b_c_d.retrieve(id=value)
    paths = [r.path for r in stub.received]
    want = []
    for value in HOSTILE_VALUES:
        want += [f"/api/v1/items/{_expected(value)}",
                 f"/api/v1/a%20b%3Fc%23d/{_expected(value)}"]  # the spec's own text, encoded
    assert paths == want
    assert all(r.headers["authorization"] == "Bearer k" for r in stub.received)


def test_join_url_keeps_the_origin_for_any_base_and_path(routes: Any) -> None:
    join = sys.modules["routes_pkg._base"].join_url
    for base in ("http://127.0.0.1:1", "https://api.example.test/v1/", "http://[::1]:8/p?k=v"):
        origin = join(base, "/", {}).copy_with(raw_path=b"/")
        for path in ("/{a}", "//evil.example/{a}", "/@evil.example", "/../../{a}", "/:9/{a}"):
            for value in HOSTILE_VALUES:
                url = join(base, path, {"a": value})
                assert url.copy_with(raw_path=b"/") == origin, (base, path, value, url)
                assert b".." not in url.raw_path.split(b"?")[0].split(b"/"), url


def test_two_paths_one_name_each_method_sends_to_its_own_path(routes: Any) -> None:
    """18.7: `/account/delete` and `/account.delete` had one endpoint variable; `/x²` gave
    an invalid name. Every method sends to the path its docstring names."""
    module = routes
    endpoints = [n for n, v in vars(module).items() if type(v).__name__ == "Endpoint"]
    assert len(endpoints) == 5 and all(n.isidentifier() and n.isascii() for n in endpoints)
    assert len({vars(module)[n].path for n in endpoints}) == 5
    with StubServer() as stub:
        stub.script(*[Reply(204) for _ in range(3)])
        with module.Client(api_key="k", base_url=stub.url, max_retries=0) as c:
            called = []
            for attr in ("account", "account_delete", "x"):
                resource = getattr(c, attr)
                for name in [n for n in dir(resource) if not n.startswith("_")]:
                    method = getattr(resource, name)
                    documented = method.__doc__.split("`")[1].split(" ", 1)[1]
                    method()
                    called.append(quote(documented, safe="/"))
    assert sorted(called) == ["/account.delete", "/account/delete", "/x%C2%B2"]
    assert [r.path for r in stub.received] == called
