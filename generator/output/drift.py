"""`respgen check`: is the committed output what spec/ and templates/ produce now?"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .writer import owned_files, read_manifest


@dataclass
class Drift:
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # would be created
    removed: list[str] = field(default_factory=list)  # owned, no longer generated
    diff: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # types whose IR changed

    @property
    def stale(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def compare(folder: Path, target: str, files: dict[str, str],
            fingerprints: dict[str, str]) -> Drift:
    drift = Drift()
    owned = owned_files(folder)
    for rel, text in sorted(files.items()):
        path = folder / rel
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            drift.added.append(f"{target}/{rel}")
            drift.diff.extend(difflib.unified_diff(
                [], text.splitlines(keepends=True), "/dev/null", f"{target}/{rel}"))
            continue
        if current != text:
            drift.changed.append(f"{target}/{rel}")
            drift.diff.extend(difflib.unified_diff(
                current.splitlines(keepends=True), text.splitlines(keepends=True),
                f"a/{target}/{rel}", f"b/{target}/{rel}"))
    drift.removed = [f"{target}/{rel}" for rel in sorted(set(owned) - set(files))]
    manifest = read_manifest(folder) or {}
    old = manifest.get("types") if isinstance(manifest.get("types"), dict) else {}
    assert isinstance(old, dict)
    drift.types = sorted(n for n in set(old) | set(fingerprints) if old.get(n) != fingerprints.get(n))
    return drift
