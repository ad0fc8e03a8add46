"""Witness searches remembered by what decides them, so a warm diff builds no validators.

A search (witness.py) for one change on one side at one pair of types (old, new) is a
function of: the change's place and values, the types each version checks the value
as and every type they reach (by content), the names the version's validators give
those types (a union's error names its variants) and the event-stream unions among
them (`Version.tolerates`). Its key hashes all of that with respgen's own code; its
verdict (the witness, or none) is kept in `<cache>/witnesses/` (`cache.Shards`), and in
memory for the run. A stored verdict that does not read back as a witness is a miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..output import cache
from .change import Change
from .checking import Version

FORMAT = "respgen-witness-1"
_NONE = "null"


class Verdicts:
    def __init__(self, folder: Path | None) -> None:
        self.shards = cache.Shards(folder / "witnesses" if folder is not None else None)

    def key(self, c: Change, side: str, prefer: str, accepting: Version, source: str,
            rejecting: Version, check: str | None, focus: str) -> str | None:
        """The search's key, or None when something deciding it has no stable form."""
        parts: list[Any] = [FORMAT, cache.respgen_digest(), side, source, check, focus, prefer,
                            accepting.facts(source), rejecting.facts(check)]
        try:
            text = json.dumps([parts, c.old, c.new], sort_keys=True, allow_nan=True)
        except (TypeError, ValueError):
            return None
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """(known, the witness's fields) for a key; an entry of the wrong shape is unknown."""
        text = self.shards.get(key)
        if text is None:
            return False, None
        if text == _NONE:
            return True, None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return False, None
        return (True, data) if _is_witness(data) else (False, None)

    def put(self, key: str, witness: dict[str, Any] | None) -> None:
        try:
            text = _NONE if witness is None else json.dumps(witness, ensure_ascii=False)
        except (TypeError, ValueError):
            return
        self.shards.put(key, text)

    def flush(self) -> None:
        self.shards.flush()


_FIELDS: dict[str, tuple[type, ...]] = {
    "side": (str,), "old_valid": (bool, type(None)), "new_valid": (bool, type(None)),
    "strict_only": (bool,), "error": (str,), "old_type": (str, type(None)),
    "new_type": (str, type(None))}


def _is_witness(data: Any) -> bool:
    return isinstance(data, dict) and set(data) == {*_FIELDS, "value"} and all(
        type(data[k]) in kinds for k, kinds in _FIELDS.items())
