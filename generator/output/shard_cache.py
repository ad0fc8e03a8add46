"""A cache of many small texts (black's results), kept in a few JSON files.

One file per entry costs a file creation each (on some file systems ~0.1-0.7 ms
of kernel time: a cold run made ~350 of them). Instead, the entries a run adds
are written as one shard, `<folder>/<hash>.json`; a process reads every shard
once, on first use. Past `MAX_SHARDS` shards they are merged into one. Every write
is a whole new file moved into place, so a reader never sees half a shard; two
processes merging at once can at worst drop entries, never serve a wrong one
(entries are keyed by a hash of their input).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

MAX_SHARDS = 16


class ShardCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._known: dict[str, str] | None = None
        self._shards: list[Path] = []
        self._new: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._load().get(key)

    def put(self, key: str, text: str) -> None:
        if self.folder is not None:
            self._load()[key] = text
            self._new[key] = text

    def flush(self) -> None:
        """Write the entries added since the last flush as one shard (merging if many)."""
        if self.folder is None or not self._new:
            return
        new, self._new = self._new, {}
        try:
            if len(self._shards) + 1 > MAX_SHARDS:
                merged = self._write(dict(self._load()))
                for shard in self._shards:
                    if shard != merged:
                        shard.unlink(missing_ok=True)
                self._shards = [merged]
            else:
                self._shards.append(self._write(new))
        except OSError:
            pass  # the cache is an optimisation only

    def _load(self) -> dict[str, str]:
        if self._known is None:
            self._known = {}
            if self.folder is not None:
                self._shards = sorted(self.folder.glob("*.json"))
                for shard in self._shards:
                    try:
                        data = json.loads(shard.read_bytes())
                    except (OSError, ValueError):
                        continue
                    if isinstance(data, dict):
                        self._known.update((k, v) for k, v in data.items() if isinstance(v, str))
        return self._known

    def _write(self, entries: dict[str, str]) -> Path:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(entries, ensure_ascii=False, sort_keys=True)
        path = self.folder / (hashlib.sha256(text.encode()).hexdigest()[:32] + ".json")
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        return path
