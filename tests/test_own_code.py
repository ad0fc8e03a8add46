"""respgen's own package is fully typed (mypy --strict), its modules stay small, and
docs/architecture.md names every one of them."""

from __future__ import annotations

import subprocess
import sys

from shared_data import ROOT


def test_generator_passes_mypy_strict() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "generator"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def test_modules_stay_a_few_hundred_lines() -> None:
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text().splitlines())
             for p in (ROOT / "generator").rglob("*.py")}
    assert max(sizes.values()) <= 400, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_architecture_table_names_every_module() -> None:
    """docs/architecture.md's table of stage folders is the package's layout (README's
    layout section points there): every module of each stage folder is named in it."""
    import re

    text = (ROOT / "docs" / "architecture.md").read_text()
    rows = re.findall(r"^\| `generator/([a-z]+)/` \| [^|]+ \| (.+) \|$", text, flags=re.M)
    assert {folder for folder, _ in rows} >= {"source", "ir", "builder", "targets", "output", "diff"}
    for folder, cell in rows:
        named = set(re.findall(r"`(\w+)`", cell))
        found = {p.stem for p in (ROOT / "generator" / folder).rglob("*.py")} - {"__init__"}
        if folder == "targets":  # one sub-folder per language: its modules, by name
            found = {p.stem for p in (ROOT / "generator" / folder).glob("*.py")} - {"__init__"} \
                | {p.stem for p in (ROOT / "generator" / folder / "python").glob("*.py")} \
                - {"__init__"}
        missing = sorted(found - named)
        assert not missing, f"generator/{folder}/ has modules the table omits: {missing}"
