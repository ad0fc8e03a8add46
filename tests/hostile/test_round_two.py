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
import re
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
    run = respgen(tmp, "generate", "--package", "openresponses", "--spec", "openapi.yaml", "--out", "out",
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
                    found = re.match(r"`+(?:GET|POST) ([^`]+)`", method.__doc__ or "")
                    if found is None:
                        continue  # not an operation (e.g. with_raw_response)
                    documented = found.group(1)
                    method()
                    called.append(quote(documented, safe="/"))
    assert sorted(called) == ["/account.delete", "/account/delete", "/x%C2%B2"]
    assert [r.path for r in stub.received] == called


# ------------------------------------------------------------------ 18.6, 18.12 patterns

REDOS = HEAD + """paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        evil: {type: string, pattern: '^(a+)+$'}
        safe: {type: string, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$'}
        keyed:
          type: object
          additionalProperties: false
          patternProperties: {'^(b|b)*$': {type: integer}}
"""
SLOW = "a" * 50_000 + "!"  # hours for a backtracking engine on ^(a+)+$; none for ours


def test_redos_patterns_run_in_linear_time_or_not_at_all(tmp_path: Path) -> None:
    """18.6: the spec's `^(a+)+$` took 38 s on 31 characters in the validators and the
    models. Python now matches with RE2 (validators) and Rust's regex (models): 50,000
    characters come back at once (a hang would end the test at its timeout; nothing is
    timed). TypeScript: the super-linear pattern is a warning at its place and is not
    checked, the safe one is."""
    (tmp_path / "openapi.yaml").write_text(REDOS)
    run = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "openapi.yaml", "--out", "out", "--no-cache",
                  "--package", "redos", "--target", "python", "--target", "typescript")
    assert run.returncode == 0, run.stderr
    warnings = [ln for ln in run.stderr.splitlines() if ": warning: " in ln]
    assert [w.split(": warning: ")[0] for w in warnings] == [
        "respgen: openapi.yaml:9:39: #/components/schemas/A/properties/evil/pattern",
        "respgen: openapi.yaml:14:43: #/components/schemas/A/properties/keyed/patternProperties/^(b|b)*$",
    ], warnings
    assert all("super-linearly" in w and "exponential" in w for w in warnings)
    script = f"""
from redos import models, validators
slow = {SLOW!r}
assert [e.keyword for e in validators.validate("A", {{"evil": slow}})] == ["pattern"]
assert validators.validate("A", {{"evil": "aaa", "safe": "a-b"}}) == []
assert validators.validate("A", {{"safe": "a--b"}})[0].keyword == "pattern"
assert validators.validate("A", {{"keyed": {{"b" * 50_000 + "!": 1}}}})  # matches no key
assert validators.validate("A", {{"evil": "a\\ud800"}})[0].keyword == "pattern"
try:
    models.A(evil=slow)
except ValueError as exc:
    assert "should match pattern" in str(exc), exc
else:
    raise AssertionError("the model accepted a non-matching string")
assert models.A(evil="aaaa").evil == "aaaa"
"""
    py = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                        text=True, env={**os.environ, "PYTHONPATH": str(tmp_path / "out" / "python")},
                        timeout=60)
    assert py.returncode == 0, py.stderr[-2000:]
    src = tmp_path / "out" / "typescript" / "src"
    schemas_ts = (src / "models.ts").read_text() + (src / "schemas.ts").read_text()
    assert "^(a+)+$" not in schemas_ts and ".regex(pattern(" in schemas_ts  # safe one kept
    from node_tools import node, project, transpile, tsc

    root = project(tmp_path)
    code, output = tsc(root, [["out/typescript/src/*.ts"]])
    assert code == 0, output
    transpile(root, sorted((tmp_path / "out" / "typescript" / "src").glob("*.ts")))
    js = node(root, f"""
import {{ ASchema }} from "./out/typescript/src/index.js";
const evil = ASchema.safeParse({{ evil: {SLOW!r} }});
const safe = ASchema.safeParse({{ safe: "a--b" }});
console.log(JSON.stringify([evil.success, safe.success]));
""")
    assert js.returncode == 0 and js.stdout.strip() == "[true,false]", (js.stdout, js.stderr)


def test_a_pattern_one_engine_refuses_is_that_targets_error(tmp_path: Path) -> None:
    """18.12: `(?P<x>a)` passed tsc and threw when the package was imported. It is now
    the typescript target's generation error (exit 2, its place), while the python target,
    whose engines take it, generates and checks it; `(?=a)b`, the other way round."""
    spec = HEAD + "paths: {}\ncomponents:\n  schemas:\n    A: {type: string, pattern: '%s'}\n"
    for pattern, refusing, taking in (("(?P<x>a)", "typescript", "python"),
                                      ("(?=a)b", "python", "typescript")):
        (tmp_path / "openapi.yaml").write_text(spec % pattern)
        bad = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "openapi.yaml", "--out", f"bad-{refusing}",
                      "--no-cache", "--target", refusing)
        assert bad.returncode == 2 and not (tmp_path / f"bad-{refusing}").exists(), bad.stderr
        assert bad.stderr.startswith(
            "respgen: error: openapi.yaml:6:32: #/components/schemas/A/pattern: pattern "
            f"{pattern!r} cannot be used by the {refusing} target ("), bad.stderr
        assert len(bad.stderr.splitlines()) == 1
        good = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "openapi.yaml", "--out", f"out-{taking}",
                       "--no-cache", "--target", taking)
        assert good.returncode == 0, good.stderr
    check = subprocess.run(  # the python package (from `(?P<x>a)`) checks the pattern
        [sys.executable, "-c", "from openresponses.validators import validate as v; "
         "assert v('A', 'xa') == [] and v('A', 'b')[0].keyword == 'pattern'"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "out-python" / "python")})
    assert check.returncode == 0, check.stderr


# Patterns on both sides of what JavaScript's RegExp accepts (without the u flag, the
# runtime's fallback): respgen's ECMA-262 reader must say exactly what node says.
ECMA_CASES = [
    "(?P<x>a)", "(?<x>a)", "(?i)a", "(?i:a)", "(?#c)", "(?>a)", "a**", "a{2}{3}", "*a", "+",
    "a{3,2}", "[z-a]", "[a-z", "(a", "a)", "\\", "(?<x>a)(?<x>b)", "\\k<y>(?<x>a)", "\\k<x>",
    "^*", "$+", "\\b*", "(?=a)*", "(?<=a)*", "(?!a)+", "a{,5}", "{", "}", "]", "a{1", "x{2}",
    "[\\d-z]", "[a-\\d]", "\\1(a)", "\\8", "\\c", "\\cA", "[\\b]", "\\u{1F600}", "\\p{L}",
    "\\Z", "\\Q.\\E", "a*?", "a{2,}?", "(?:)", "(|)", "[]", "[^]", "(?<1x>a)", "(?<$x>a)",
    "[[:alpha:]]", "a{2}*", "a?*", "\\x4", "(?P=x)", "(?<=a)b", "a{99999999999}", "[\\s-\\S]",
    "[\\--a]", "(?", "(?<", "(?<>a)", "\\k", "(?<x>a)\\k<x", "a{2,1}?", "\\00", "[\\0-\\9]",
    "^(a+)+$", "^[a-z0-9]+(?:-[a-z0-9]+)*$", "\\b(sk-[a-zA-Z0-9]{48})\\b",
]


def test_the_ecma_reader_agrees_with_node(tmp_path: Path) -> None:
    from generator.patterns.ecma import ecma_refusal
    from node_tools import node

    script = """const out = {};
for (const p of JSON.parse(process.argv[2])) {
  try { new RegExp(p); out[p] = null; } catch (e) { out[p] = e.message; }
}
console.log(JSON.stringify(out));"""
    import json
    import shutil

    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    run = node(tmp_path, script, json.dumps(ECMA_CASES))
    assert run.returncode == 0, run.stderr
    theirs = json.loads(run.stdout)
    disagree = {p: (ecma_refusal(p), theirs[p]) for p in ECMA_CASES
                if (ecma_refusal(p) is None) != (theirs[p] is None)}
    assert not disagree
    assert sum(v is not None for v in theirs.values()) >= 30  # both sides are covered


def test_the_runtime_never_throws_on_a_pattern(tmp_path: Path) -> None:
    """The documented fallback behind the generation-time check: `pattern()` in the
    TypeScript runtime returns a RegExp for anything (one JS refuses matches all)."""
    from node_tools import node, project, transpile

    out = generate(tmp_path, HEAD + "paths: {}\n", "rt", "typescript")
    root = project(tmp_path)
    transpile(root, [out / "typescript" / "src" / "runtime.ts"])
    js = node(root, """import { pattern } from "./out/typescript/src/runtime.js";
console.log(JSON.stringify([pattern("(?P<x>a)").test("zzz"), pattern("^a$").test("b")]));""")
    assert js.returncode == 0 and js.stdout.strip() == "[true,false]", js.stderr


SUPERLINEAR = ["^(a+)+$", "(a|a)*$", "\\d*\\d*\\d*$", "^(\\w+\\s?)*$", "(x+x+)+y", "^a*a*$",
               "^(([a-z])+.)+[A-Z]([a-z])+$", "\\s*$", "a+b", "^(a|aa)+$", "^(\\w|\\d)+!",
               "(?<x>a+)+$", "^(.*a){20}$", "^(a?){25}a{25}$", "^(\\d+)*$"]
# The upstream specs' patterns, and other common linear ones.
LINEAR = ["^[a-z0-9]+(?:-[a-z0-9]+)*$", "^\\d{4}-\\d{2}-\\d{2}$", "\\b(sk-[a-zA-Z0-9]{48})\\b",
          "^https:\\/\\/([^:@]+)(?::[^@]*)?@([^/]+)(?:\\/[^/]+)*\\/(\\d+)\\/?$", "^[\\w-]+$",
          "^[a-zA-Z0-9_]+(?:[.-][a-zA-Z0-9_]+)*$", "^openrouter:", "^[a-zA-Z0-9 _-]+$", "[0-9]",
          "^$|^a", "^[a-f0-9]{64}$", "a*", "^a*a*", "^(ab|cd)+$", "^[^@]+@[^@]+\\.[a-z]{2,}$",
          "^(?:[a-z]{1,10}\\.){1,20}com$"]


def test_the_redos_check_knows_the_classic_shapes() -> None:
    from generator.patterns.redos import superlinear

    assert [p for p in SUPERLINEAR if superlinear(p) is None] == []
    assert {p: superlinear(p) for p in LINEAR if superlinear(p) is not None} == {}
