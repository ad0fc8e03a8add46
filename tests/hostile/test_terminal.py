"""Every line the CLI prints shows misleading characters (generator/misleading.py: C1
controls such as CSI U+009B and NEL, bidi controls, line separators) and C0 controls as
`\\uXXXX`, whatever they came from: the spec (`ir`, warnings) or a file on disk that
`check` compares (its diff)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.misleading import C0, MISLEADING
from test_broken_specs import respgen

NASTY = "x\x9b2J\x85\u2028\u202e\u200f\u061c\ufeff\x1b[31m\x7f"
BANNED = (MISLEADING | C0) - {0x0A, 0x09}


def _raw(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if ord(c) in BANNED})


def test_no_command_prints_a_misleading_character(tmp_path: Path) -> None:
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"S": {"type": "object", "description": NASTY, "properties": {
                NASTY: {"type": "string", "enum": [NASTY], "if": {}}}}}}}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    ir = respgen(tmp_path, "ir", "--spec", "spec.json", "--no-cache")
    assert ir.returncode == 0 and "unsupported keyword" in ir.stderr, ir.stderr
    assert json.loads(ir.stdout)["types"]["S"]["description"] == NASTY  # escaped, same data
    gen = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "spec.json", "--out", "out", "--no-cache",
                  "--target", "python", "--target", "docs")
    assert gen.returncode == 0, gen.stderr
    models = tmp_path / "out" / "python" / "openresponses" / "models.py"
    models.write_text(models.read_text() + f"# {NASTY}\n")  # an edited file on disk
    check = respgen(tmp_path, "check", "--package", "openresponses", "--spec", "spec.json", "--out", "out", "--no-cache",
                    "--target", "python", "--target", "docs")
    assert check.returncode == 1 and "\\u009b2J" in check.stdout, check.stdout[-500:]
    for name, run in (("ir", ir), ("generate", gen), ("check", check)):
        assert not _raw(run.stdout) and not _raw(run.stderr), (name, _raw(run.stdout + run.stderr))
