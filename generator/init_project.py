"""`respgen init`: write a `[tool.respgen]` table into pyproject.toml.

The file is edited with tomlkit, so everything else in it (other tables, comments,
formatting) stays as it was; a missing pyproject.toml is created with the table alone.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import tomlkit

from .errors import ConfigError


def write_config(pyproject: Path, values: dict[str, Any], force: bool = False) -> bool:
    """Add `[tool.respgen]` with `values` (None values left out). Returns True when the
    file was created. Refuses to replace an existing table unless `force`."""
    created = not pyproject.exists()
    try:
        doc = tomlkit.document() if created else tomlkit.parse(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomlkit.exceptions.TOMLKitError) as exc:
        raise ConfigError(f"{pyproject}: cannot read it as TOML: {exc}") from None
    tool = doc.get("tool")
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        doc.add("tool", tool)
    if "respgen" in tool and not force:
        raise ConfigError(f"{pyproject} already has [tool.respgen]; edit it, or pass --force to replace it")
    table = tomlkit.table()
    for key, value in values.items():
        if value is None:
            continue
        table.add(key, list(value) if isinstance(value, tuple) else value)
    tool["respgen"] = table
    text = tomlkit.dumps(doc)
    pyproject = pyproject.resolve() if not created else pyproject  # edit a symlink's target
    folder = pyproject.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".pyproject-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if not created:
            os.chmod(tmp, pyproject.stat().st_mode & 0o7777)
        os.replace(tmp, pyproject)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return created
