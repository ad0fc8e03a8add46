"""respgen's own templates, compiled ahead: the Python Jinja makes of each.

Jinja turns a template into Python by lexing, parsing and generating code, in
Python: ~35 ms of a cold run for the python target's templates, ~20 ms each for
docs' and html's, against a fifth of that to `compile` the code it makes. `compiled/<target>.json` holds that code for each of
the target's own templates, with the SHA-1 of the template's text it came from and
the Jinja version that made it; `Precompiled`, a Jinja bytecode cache, hands it to
Jinja in place of a compilation. Jinja asks it with the template's current text's
checksum (`BytecodeCache.get_bucket`), so an edited template (or another Jinja)
is compiled as usual: stale code is never used, only slower to replace.
tests/test_compiled_templates.py fails when a file is stale; regenerate them with
`python -m generator.targets.compiled` (or name the targets).

Only for respgen's own templates in their plain environment (`render.environment`
without an override): a templates override is sandboxed and compiles its own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from ..config import Config

_FOLDER = Path(__file__).resolve().parent / "compiled"


def table_path(target: str) -> Path:
    return _FOLDER / f"{target}.json"


class Precompiled(jinja2.BytecodeCache):
    """Hands Jinja the code `compiled/<target>.json` holds for a template whose text
    still has the checksum it was made from; stores nothing."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.version = table.get("jinja")
        self.code: dict[str, list[str]] = table.get("templates", {})
        self._files: dict[str, str] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        self._files[name] = filename or "<template>"  # Jinja's own `compile` name
        return name

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self.code.get(bucket.key)
        if entry is not None and entry[0] == bucket.checksum and self.version == jinja2.__version__:
            bucket.code = compile(entry[1], self._files[bucket.key], "exec")

    def dump_bytecode(self, bucket: Bucket) -> None:
        pass  # Jinja compiled it: nothing kept (the table changes only by `write`)


def install(env: jinja2.Environment, config: Config, target: str) -> None:
    """Give `env` the target's compiled templates (once), when it is respgen's own
    unsandboxed environment: no templates override configured."""
    if config.templates is None and env.bytecode_cache is None:
        try:
            table = json.loads(table_path(target).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none (or unreadable): Jinja compiles, as it always could
        env.bytecode_cache = Precompiled(table)


def table(env: jinja2.Environment) -> dict[str, Any]:
    """What `compiled/<target>.json` holds for `env`'s templates (its own, unsandboxed)."""
    assert env.loader is not None
    code: dict[str, list[str]] = {}
    for name in sorted(env.list_templates()):
        source, filename, _ = env.loader.get_source(env, name)
        checksum = Precompiled({}).get_source_checksum(source)
        code[name] = [checksum, env.compile(source, name, filename, raw=True)]
    return {"jinja": jinja2.__version__, "templates": code}


def write(target: str) -> None:
    from .base import get_target
    from .render import environment

    env = environment(target, None, get_target(target).filters)
    _FOLDER.mkdir(exist_ok=True)
    text = json.dumps(table(env), indent=0, sort_keys=True)
    table_path(target).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    for each in sys.argv[1:] or ["python", "docs", "typescript", "html"]:
        write(each)
