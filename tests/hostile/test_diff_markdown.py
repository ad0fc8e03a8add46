"""`respgen diff --format markdown` shows spec text as text (issue 18 point 8).

A property name and an enum value carrying each payload are removed from a request
(so each is a breaking change, with its witness and SDK names on the line); the
changelog section must be inert Markdown (no HTML, image or foreign link) with
exactly the structure it has for a benign name, and the payload must read as text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checkers import audit_markdown, plain_text, structure, visible
from generator.cli import main
from payloads import PAYLOADS

ISSUE = {  # the two shapes issue 18 point 8 reports
    "code span break-out": "x` [approve](javascript:alert(1)) ![p](https://evil.example/p.png) `",
    "heading on a new line": "a\n# Release approved\n",
}
CASES = {**PAYLOADS, **ISSUE}
BENIGN = "benign text"


def _pair(tmp_path: Path, name: str) -> tuple[Path, Path]:
    def doc(props: dict[str, Any], values: list[str]) -> dict[str, Any]:
        req = {"type": "object", "additionalProperties": False, "properties": {
            **props, "e": {"$ref": "#/components/schemas/E"}}}
        return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                "paths": {"/x": {"post": {"operationId": "x", "requestBody": {"content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Req"}}}},
                    "responses": {"204": {"description": "ok"}}}}},
                "components": {"schemas": {"Req": req, "E": {"type": "string", "enum": values}}}}

    tmp_path.mkdir(parents=True, exist_ok=True)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(doc({name: {"type": "string"}, "k": {"type": "string"}}, [name, "v"])))
    new.write_text(json.dumps(doc({"k": {"type": "string"}}, ["v"])))
    return old, new


def _markdown(tmp_path: Path, name: str) -> str:
    old, new = _pair(tmp_path, name)
    done = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "markdown",
                                     "--no-cache", "--fail-on", "breaking"])
    assert done.exit_code == 1, done.output  # both removals are proven breaking changes
    return done.output.replace(str(tmp_path), "DIR")


@pytest.mark.parametrize("case", sorted(CASES))
def test_diff_markdown_keeps_spec_text_inert(tmp_path: Path, case: str) -> None:
    baseline = _markdown(tmp_path / "benign", BENIGN)
    md = _markdown(tmp_path / "hostile", CASES[case])
    audit_markdown(case, md)
    assert structure(md) == structure(baseline), case
    assert "2 breaking" in md and md.count("witness (request)") == 2
    shown = visible(plain_text(md))
    name = visible(CASES[case])
    if name.isprintable() and len(name) < 200:  # the name reads as itself, as text
        assert name in shown, (case, shown)
