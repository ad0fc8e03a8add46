"""Broken and hostile specs: one clear line (file:line:column: #pointer: what is wrong),
exit 2, no traceback, nothing written. Each case runs the real command in a subprocess
with every installed target, so a crash anywhere (parser, builder, any target) shows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.targets.base import available_targets

HEAD = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
OBJ = HEAD + "components:\n  schemas:\n    A:\n      type: object\n      properties:\n"


def _bomb() -> str:
    lines = ["x-lol:", "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"  {cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return HEAD + "\n".join(lines) + "\n"  # 9**9 = 387 million strings once expanded


def _flow_bomb() -> str:
    """The same bomb in JSON-like flow style, anchors glued to the colon ("k":&a)."""
    parts = ['"l0":&a0 [' + ",".join(['"lol"'] * 9) + "]"]
    parts += [f'"l{i}":&a{i} [' + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return ('{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, '
            '"x-b": {' + ",".join(parts) + "}}\n")


def _deep_json(levels: int, extra: str = "") -> str:
    schema = ('{"type": "array", ' + extra + '"items": ') * levels + "{}" + "}" * levels
    return ('{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},\n'
            ' "components": {"schemas": {"D": ' + schema + "}}}\n")


def _json_schema(schema: str) -> str:
    return ('{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},\n'
            ' "components": {"schemas": {"A": ' + schema + "}}}\n")


FIFO, SYMLINK = "\0fifo", "\0symlink:"  # file contents that make a FIFO or a symlink instead

# name -> (files, expected (file, line, pointer) or None to skip a field, message regex)
BROKEN: dict[str, tuple[dict[str, str], tuple[str, int | None, str], str]] = {
    "yaml syntax": ({"openapi.yaml": HEAD + "components: {schemas: [unclosed\n"},
                    ("openapi.yaml", 5, ""), r"YAML syntax error"),
    "json syntax": ({"openapi.json": '{"openapi": "3.1.0",\n "paths": {,}}\n'},
                    ("openapi.json", 2, ""), r"JSON syntax error"),
    "syntax error in a referenced file": (
        {"openapi.yaml": OBJ + "        b: {$ref: 'parts/b.yaml#/B'}\n",
         "parts/b.yaml": "B: {type: [string\n"},
        ("parts/b.yaml", 2, ""), r"YAML syntax error"),
    "dangling $ref": ({"openapi.yaml": OBJ + "        b: {$ref: '#/components/schemas/Nope'}\n"},
                      ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
                      r"dangling \$ref '#/components/schemas/Nope'"),
    "dangling $ref into another file": (
        {"openapi.yaml": OBJ + "        b: {$ref: 'b.yaml#/Nope'}\n", "b.yaml": "B: {}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"), r"dangling \$ref"),
    "$ref to a missing file": ({"openapi.yaml": OBJ + "        b: {$ref: 'gone.yaml#/B'}\n"},
                               ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
                               r"cannot read"),
    "$ref outside the spec folder": (
        {"openapi.yaml": OBJ + "        b: {$ref: '../outside.yaml#/B'}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
        r"points outside the spec's folder .*refused"),
    "$ref to an absolute path": (
        {"openapi.yaml": OBJ + "        b: {$ref: '/etc/passwd#/B'}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
        r"points outside the spec's folder .*refused"),
    "remote $ref (https)": (
        {"openapi.yaml": OBJ + "        b: {$ref: 'https://127.0.0.1:9/x.yaml#/B'}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
        r"remote \$ref .* refused: respgen never reads over the network"),
    "remote $ref (file://)": (
        {"openapi.yaml": OBJ + "        b: {$ref: 'file:///etc/passwd#/B'}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"), r"remote \$ref .* refused"),
    "remote $ref (protocol-relative)": (
        {"openapi.yaml": OBJ + "        b: {$ref: '//example.com/x.yaml'}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"), r"remote \$ref .* refused"),
    "$ref cycle": ({"openapi.yaml": HEAD + "components:\n  schemas:\n"
                    "    A: {$ref: '#/components/schemas/B'}\n"
                    "    B: {$ref: '#/components/schemas/A'}\n"},
                   ("openapi.yaml", 6, "/components/schemas/A"),
                   r"\$ref cycle that cannot be expanded: A -> B -> A"),
    # A `$ref` cycle outside schemas (path item, parameter, response, body) hung every command.
    "$ref cycle in paths": ({"openapi.yaml": HEAD.replace("paths: {}", "paths:\n  /a: {$ref: '#/paths/~1a'}")},
                            ("openapi.yaml", 4, "/paths/~1a"),
                            r"\$ref cycle that cannot be expanded: #/paths/~1a -> #/paths/~1a$"),
    "$ref cycle through a parameter": (
        {"openapi.yaml": HEAD.replace("paths: {}", "paths:\n  /a:\n    get:\n      parameters: "
                                      "[{$ref: '#/components/parameters/P'}]\n      responses: {}")
         + "components:\n  parameters:\n    P: {$ref: '#/components/parameters/Q'}\n"
           "    Q: {$ref: '#/components/parameters/P'}\n"},
        ("openapi.yaml", 6, "/paths/~1a/get/parameters/0"),
        r"expanded: #/paths/~1a/get/parameters/0 -> #/components/parameters/P -> "
        r"#/components/parameters/Q -> #/components/parameters/P$"),
    "$ref cycle through a response, across files": (
        {"openapi.yaml": HEAD.replace("paths: {}", "paths:\n  /a:\n    get:\n      responses:\n"
                                      "        '200': {$ref: 'r.yaml#/R'}"),
         "r.yaml": "R: {$ref: '#/S'}\nS: {$ref: 'openapi.yaml#/paths/~1a/get/responses/200'}\n"},
        ("openapi.yaml", 7, "/paths/~1a/get/responses/200"),
        r"expanded: #/paths/~1a/get/responses/200 -> spec/r\.yaml#/R -> spec/r\.yaml#/S -> "
        r"#/paths/~1a/get/responses/200$"),
    "$ref cycle through a request body": (
        {"openapi.yaml": HEAD.replace("paths: {}", "paths:\n  /a:\n    post:\n      requestBody: "
                                      "{$ref: '#/paths/~1a/post/requestBody'}\n      responses: {}")},
        ("openapi.yaml", 6, "/paths/~1a/post/requestBody"), r"\$ref cycle that cannot be expanded"),
    "$ref cycle through an inline schema": (
        {"openapi.yaml": HEAD.replace("paths: {}", "paths:\n  /a:\n    get:\n      responses:\n"
                                      "        '200':\n          description: x\n          content:\n"
                                      "            application/json:\n              schema: {$ref: "
                                      "'#/paths/~1a/get/responses/200/content/application~1json/schema'}")},
        ("openapi.yaml", 11, "/paths/~1a/get/responses/200/content/application~1json/schema"),
        r"\$ref cycle through a schema that is not a named type: refused"),
    "inline array of itself": ({"openapi.yaml": OBJ + "        b: {type: array, items: "
                                                      "{$ref: '#/components/schemas/A/properties/b'}}\n"},
                               ("openapi.yaml", 9, "/components/schemas/A/properties/b"),
                               r"\$ref cycle through a schema that is not a named type"),
    "yaml alias bomb": ({"openapi.yaml": _bomb()}, ("openapi.yaml", 13, "/x-lol/i"),
                        r"YAML aliases expand to [\d,]+ nodes, over the limit .*refused"),
    "yaml alias bomb, flow style": ({"openapi.yaml": _flow_bomb()}, ("openapi.yaml", 1, "/x-b/l8"),
                                    r"YAML aliases expand to [\d,]+ nodes, over the limit .*refused"),
    "recursive yaml alias": ({"openapi.yaml": HEAD + "x-loop: &l [1, *l]\n"},
                             ("openapi.yaml", 4, "/x-loop"), r"recursive structure .*refused"),
    "10,000 levels of json": ({"openapi.json": _deep_json(10_000)},
                              ("openapi.json", 2, "/components/schemas/D" + "/items" * 126),
                              r"nested more than 128 levels deep: refused"),
    # libyaml 0.2.6 refuses past 1,000 levels itself (pointer: the document); 0.2.5, which
    # some machines' PyYAML links, parses it and respgen's own 128-level limit refuses it.
    "10,000 levels of yaml": ({"openapi.yaml": HEAD + "x-deep: " + "[" * 10_000 + "]" * 10_000 + "\n"},
                              ("openapi.yaml", 4, "(/x-deep(/0)+)?"),
                              r"exceeded maximum nesting depth|nested more than 128 levels deep"),
    "150 levels (parses, still refused)": ({"openapi.json": _deep_json(150)},
                                           ("openapi.json", 2, "/components/schemas/D" + "/items" * 126),
                                           r"nested more than 128 levels deep: refused"),
    "duplicate key (yaml)": ({"openapi.yaml": HEAD + "components:\n  schemas:\n"
                              "    A: {type: string}\n    A: {type: integer}\n"},
                             ("openapi.yaml", 7, "/components/schemas/A"), r"duplicate key 'A'"),
    "duplicate key (json)": ({"openapi.json": '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},\n'
                              ' "paths": {}, "paths": {}}\n'}, ("openapi.json", 2, "/paths"),
                             r"duplicate key 'paths'"),
    "duplicate key after YAML typing": ({"openapi.yaml": HEAD + "x-a:\n  true: 1\n  True: 2\n"},
                                        ("openapi.yaml", 6, "/x-a/true"), r"duplicate key 'true'"),
    "duplicate status code": ({"openapi.yaml": HEAD.replace("paths: {}", "paths:\n  /a:\n    get:\n"
                               "      responses:\n        200: {description: a}\n"
                               "        '200': {description: b}")},
                              ("openapi.yaml", 8, "/paths/~1a/get/responses/200"), r"duplicate key '200'"),
    "top level is not a mapping": ({"openapi.yaml": "- 1\n- 2\n"}, ("openapi.yaml", 1, ""),
                                   r"must be a mapping"),
    "lone surrogate (json)": ({"openapi.json": '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},\n'
                               ' "paths": {}, "x-a": ["ok \\ud83d\\ude00", "bad \\ud800"]}\n'},
                              ("openapi.json", 2, "/x-a/1"), r"lone surrogate .*refused"),
    "lone surrogate (yaml)": ({"openapi.yaml": HEAD + 'x-a: {"b\\udfff": 1}\n'},
                              ("openapi.yaml", 4, ""), r"invalid Unicode character escape"),
    "python object tag (yaml)": ({"openapi.yaml": HEAD + "x-a: !!python/object/apply:os.system [touch PWNED]\n"},
                                 ("openapi.yaml", 4, ""), r"could not determine a constructor"),
    "binary tag (yaml)": ({"openapi.yaml": HEAD + "components:\n  schemas:\n"
                           "    A: {type: string, default: !!binary aGVsbG8=}\n"},
                          ("openapi.yaml", 6, ""), r"'tag:yaml.org,2002:binary' is not JSON data: refused"),
    "not utf-8": ({"openapi.yaml": "openapi: 3.1.0\ninfo: {title: \udcff}\n"}, ("openapi.yaml", None, ""),
                  r"not UTF-8"),
    # Bounds become code in targets (`.min(3)`): text there was TypeScript injection.
    "bound that is text": ({"openapi.yaml": OBJ + "        b: {type: string, minLength: '0).refine(() => 1).min(0'}\n"},
                           ("openapi.yaml", 9, "/components/schemas/A/properties/b/minLength"),
                           r"minLength must be a non-negative integer"),
    "bound that is text, in allOf": (
        {"openapi.yaml": OBJ + "        b: {allOf: [{type: number, maximum: '1; x'}, {maximum: 2}]}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/allOf/0/maximum"),
        r"maximum must be a number"),
    "nan (yaml)": ({"openapi.yaml": OBJ + "        b: {type: number, enum: [1, .nan]}\n"},
                   ("openapi.yaml", 9, "/components/schemas/A/properties/b/enum/1"),
                   r"\.nan is not a JSON number"),
    # Numbers no target can hold: infinity from 1e400, integers past a double (the int/str
    # conversion limit, OverflowError in float()), in every place a number goes.
    "1e400 as a default (json)": ({"openapi.json": _json_schema('{"type": "number", "default": 1e400}')},
                                  ("openapi.json", 2, "/components/schemas/A/default"),
                                  r"the number 1e400 is out of range .*refused"),
    "-1e400 in an enum (json)": ({"openapi.json": _json_schema('{"enum": [1, -1e400]}')},
                                 ("openapi.json", 2, "/components/schemas/A/enum/1"),
                                 r"the number -1e400 is out of range"),
    "1e400 as a const (yaml)": ({"openapi.yaml": OBJ + "        b: {const: 1e400}\n"},
                                ("openapi.yaml", 9, "/components/schemas/A/properties/b/const"),
                                r"the number 1e400 is out of range"),
    ".inf as an example (yaml)": ({"openapi.yaml": OBJ + "        b: {type: number, examples: [-.inf]}\n"},
                                  ("openapi.yaml", 9, "/components/schemas/A/properties/b/examples/0"),
                                  r"-\.inf is not a JSON number"),
    "5,000-digit integer (json)": ({"openapi.json": _json_schema('{"type": "integer", "default": ' + "7" * 5000 + "}")},
                                   ("openapi.json", 2, "/components/schemas/A/default"),
                                   r"the number 777777777777\.\.\. \(5,000 characters\) is out of range"),
    "5,000-digit integer (yaml)": ({"openapi.yaml": OBJ + "        b: {type: integer, enum: [-" + "7" * 5000 + "]}\n"},
                                   ("openapi.yaml", 9, "/components/schemas/A/properties/b/enum/0"),
                                   r"the number -77777777777\.\.\. \(5,001 characters\) is out of range"),
    "maximum: 1 and 400 zeros": ({"openapi.yaml": OBJ + "        b: {type: number, maximum: 1" + "0" * 400 + "}\n"},
                                 ("openapi.yaml", 9, "/components/schemas/A/properties/b/maximum"),
                                 r"the number 100000000000\.\.\. \(401 characters\) is out of range"),
    "4,000-digit hex (yaml)": ({"openapi.yaml": OBJ + "        b: {type: integer, minimum: 0x" + "f" * 4000 + "}\n"},
                               ("openapi.yaml", 9, "/components/schemas/A/properties/b/minimum"),
                               r"the number 0xffffffffff\.\.\. \(4,002 characters\) is out of range"),
    "$ref to a FIFO": ({"openapi.yaml": OBJ + "        b: {$ref: 'fifo.yaml#/B'}\n", "fifo.yaml": FIFO},
                       ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
                       r"spec/fifo\.yaml is not a regular file: refused"),
    "$ref through a symlink loop": (
        {"openapi.yaml": OBJ + "        b: {$ref: 'loop/x.yaml#/B'}\n", "loop": SYMLINK + "loop"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/$ref"),
        r"\$ref 'loop/x\.yaml#/B': cannot read it \(a symlink loop\?\)"),
    # Each inline level is a nested loop in Python validators (CPython allows 20 nested
    # blocks), brackets in annotations (200), calls in zod.
    "50 nested arrays": ({"openapi.json": _deep_json(50)}, ("openapi.json", 2, "/components/schemas/D"),
                         r"a type nested more than 8 levels deep inline .*refused"),
    "110 nested arrays with minItems": (
        {"openapi.json": _deep_json(110, '"minItems": 1, ')}, ("openapi.json", 2, "/components/schemas/D"),
        r"a type nested more than 8 levels deep inline .*refused"),
    "NaN (json)": ({"openapi.json": '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},\n'
                                    ' "paths": {}, "x-n": [1, NaN]}\n'},
                   ("openapi.json", 2, ""), r"NaN is not a JSON number"),
}
# A client joins base URL + path: a path without its leading '/' sent the request (and the
# API key) to another port or host (issue 18.2).
PATHS = HEAD.replace("paths: {}\n", "")
BROKEN.update({
    "path without a leading slash (port)": (
        {"openapi.yaml": PATHS + "paths:\n  ':8765/steal': {get: {responses: {'200': {description: a}}}}\n"},
        ("openapi.yaml", 4, "/paths/:8765~1steal"), r"path ':8765/steal' must start with '/'"),
    "path without a leading slash (host)": (
        {"openapi.yaml": PATHS + "paths:\n  .evil.example/steal: {get: {responses: {}}}\n"},
        ("openapi.yaml", 4, "/paths/.evil.example~1steal"), r"must start with '/'"),
    # A pattern a target's regex engine refuses is that target's error at generation
    # (issue 18.6, 18.12), not a package that breaks at import or first use.
    "pattern the python target's linear engines refuse": (
        {"openapi.yaml": OBJ + "        b: {type: string, pattern: '(?=a)b'}\n"},
        ("openapi.yaml", 9, "/components/schemas/A/properties/b/pattern"),
        r"pattern '\(\?=a\)b' cannot be used by the python target \(its engines are RE2 and "
        r"Rust's regex: RE2: invalid perl operator: \(\?=\): refused"),
    "patternProperties key JavaScript refuses": (
        {"openapi.yaml": OBJ + "        b: {type: object, patternProperties: {'(?P<x>a)': {}}}\n"},
        ("openapi.yaml", 9, r"/components/schemas/A/properties/b/patternProperties/\(\?P<x>a\)"),
        r"cannot be used by the typescript target \(JavaScript's RegExp would throw: "
        r"Invalid group\): refused"),
})
LINE = re.compile(r"^respgen: error: (?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: "
                  r"#(?P<pointer>\S*): (?P<message>.+)$")


def write_spec(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if text == FIFO:
            os.mkfifo(path)
        elif text.startswith(SYMLINK):
            path.symlink_to(text[len(SYMLINK):])
        else:
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return folder / next(iter(files))


def respgen(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "RESPGEN_CACHE_DIR": str(cwd / ".cache"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=full, timeout=120)


def every_target() -> list[str]:
    args = []
    for name in available_targets():
        args += ["--target", name]
    return args


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_spec_is_one_clear_line_exit_2_nothing_written(tmp_path: Path, case: str) -> None:
    files, (file, line, pointer), message = BROKEN[case]
    spec = write_spec(tmp_path / "spec", files)
    run = respgen(tmp_path, "generate", "--spec", str(spec.relative_to(tmp_path)),
                  "--out", "out", *every_target())
    assert run.returncode == 2, (case, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, lines
    m = LINE.match(lines[0])
    assert m, lines[0]
    assert m["file"] == f"spec/{file}", lines[0]
    if line is not None:
        assert m["line"] is not None and int(m["line"]) == line, lines[0]
    assert re.fullmatch(pointer, m["pointer"]) if "(" in pointer else m["pointer"] == pointer, \
        lines[0]
    assert re.search(message, m["message"]), lines[0]
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_50_mb_spec_is_refused_by_a_clear_limit_or_processed_when_raised(tmp_path: Path) -> None:
    pad = "x" * (50 * 2**20)
    spec = tmp_path / "big.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": {}, "x-pad": pad,
                                "components": {"schemas": {"A": {"type": "string"}}}}))
    refused = respgen(tmp_path, "generate", "--spec", "big.json", "--out", "out")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.strip() == ("respgen: error: big.json: #: big.json is 50.0 MiB, over the "
                                      "limit of 20 MiB: refused (set RESPGEN_MAX_SPEC_MB to raise it)")
    assert not (tmp_path / "out").exists()
    raised = respgen(tmp_path, "generate", "--spec", "big.json", "--out", "out", "--no-cache",
                     "--package", "openresponses", env={"RESPGEN_MAX_SPEC_MB": "64"})
    assert raised.returncode == 0, raised.stderr
    assert (tmp_path / "out" / "python" / "openresponses" / "models.py").exists()


def test_unsupported_keywords_warn_with_their_place(tmp_path: Path) -> None:
    write_spec(tmp_path / "spec", {"openapi.yaml": HEAD + "components:\n  schemas:\n"
                                    "    A:\n      type: string\n      if: {minLength: 1}\n"
                                    "      x-ours: 1\n      contentSchema: {}\n"})
    run = respgen(tmp_path, "generate", "--spec", "spec/openapi.yaml", "--out", "out")
    assert run.returncode == 0, run.stderr
    warnings = [ln for ln in run.stderr.splitlines() if ": warning: " in ln]
    assert "respgen: spec/openapi.yaml:8:11: #/components/schemas/A/if: warning: unsupported " \
           "keyword 'if' is ignored" in warnings
    assert not any("x-ours" in w for w in warnings)  # extensions are annotations, not keywords
    assert len(warnings) == 2, warnings


NAMES = HEAD + """components:
  schemas:
    foo-bar: {type: string}
    Foo_Bar: {type: integer}
    FooBar:
      type: object
      properties:
        a-b: {type: string}
        a_b: {type: integer}
        A_B: {type: boolean}
"""


def test_names_that_collide_after_naming_are_kept_apart_with_a_note(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "spec", {"openapi.yaml": NAMES})
    outs = []
    for order in (NAMES, NAMES.replace("    foo-bar: {type: string}\n", "") + "    foo-bar: {type: string}\n"):
        spec.write_text(order)
        run = respgen(tmp_path, "generate", "--spec", "spec/openapi.yaml", "--out", "out",
                      "--no-cache", "--package", "openresponses", *every_target())
        assert run.returncode == 0, run.stderr
        notes = [ln for ln in run.stderr.splitlines() if ": note: " in ln]
        assert len(notes) == 2, notes
        assert "schema names 'FooBar', 'Foo_Bar', 'foo-bar' differ only in case or punctuation" in notes[0]
        assert "#/components/schemas/FooBar/properties/A_B: note: properties 'A_B', 'a-b', 'a_b'" \
            in notes[1]
        models = (tmp_path / "out" / "python" / "openresponses" / "models.py").read_text()
        outs.append(models)
    assert outs[0] == outs[1]  # deterministic, whatever order the spec lists them in
    assert re.search(r"^class FooBar\(Model\):", outs[0], re.M)
    assert re.search(r"^FooBar_2: TypeAlias = StrictStr", outs[0], re.M)  # foo-bar
    assert re.search(r"^Foo_Bar: TypeAlias = StrictInt", outs[0], re.M)
    for alias in ('alias="a-b"', 'alias="a_b"', 'alias="A_B"'):
        assert alias in outs[0]


REMOTE = ("https://example.com/s.yaml#/A", "http://127.0.0.1:1/a.json", "//example.com/a.yaml",
          "ftp://example.com/a", "file:///etc/hostname#/A")


def test_remote_refs_never_touch_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import urllib.request

    from generator.builder import build_ir
    from generator.errors import Diagnostics, SpecError
    from generator.source.loader import open_spec

    calls: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise AssertionError("respgen tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    for i, ref in enumerate(REMOTE):
        spec = write_spec(tmp_path / f"s{i}",
                          {"openapi.yaml": OBJ + f"        b: {{$ref: '{ref}'}}\n"})
        with pytest.raises(SpecError, match="remote \\$ref .* refused"):
            build_ir(open_spec(spec), Diagnostics())
    assert calls == []


@pytest.mark.parametrize("case", ["yaml alias bomb", "duplicate key (yaml)", "10,000 levels of json",
                                  "$ref outside the spec folder", "$ref cycle in paths"])
def test_every_command_refuses_a_broken_spec_the_same_way(tmp_path: Path, case: str) -> None:
    files, (file, _, pointer), message = BROKEN[case]
    spec = str(write_spec(tmp_path / "spec", files).relative_to(tmp_path))
    good = write_spec(tmp_path / "good", {"openapi.yaml": HEAD})
    for args in (["ir", "--spec", spec], ["check", "--spec", spec, "--out", "out"],
                 ["diff", str(good), spec], ["diff", spec, str(good)]):
        run = respgen(tmp_path, *args)
        assert run.returncode == 2 and "Traceback" not in run.stderr, (args, run.stderr)
        lines = run.stderr.splitlines()
        assert len(lines) == 1 and f"spec/{file}:" in lines[0] and f"#{pointer}: " in lines[0], lines
        assert re.search(message, lines[0]), lines[0]
