"""respgen's one cache: parsed spec files, whole results, built IRs, witness verdicts,
black's results.

Everything lives under one folder (`default_dir()`, or `cache_dir` in the config) and
every entry is keyed by the content of what produced it, never by a path or a time:

* `parsed/<sha>.json`: a spec file's JSON value, keyed by the file's bytes and respgen's
  own code (`parsed()`); parsing a 1.3 MB YAML file costs ~0.5 s, reading this ~10 ms.
* `results/`: a whole run's rendered files (`Results`), keyed by respgen's code, the
  templates, the options, the name the spec is shown by, and the bytes of *every* file
  the run read (the root and each `$ref`'d file, named relative to the root's folder).
  What a run reads depends on the root's content, so a small index entry keyed without
  the other files names them; the entry itself is keyed with them. Two folders holding
  the same root but different `$ref`'d files never share an entry.
* `ir/`: a built IR (`respgen diff` reads two), as `Results` keyed by respgen's code,
  the overlays, the name the spec is shown by and the bytes of every file read; its
  payload is the IR in `ir/codec.py`'s exact form, checked field by field on loading.
* `witnesses/`: `respgen diff`'s witness verdicts as `Shards` (diff/verdicts.py).
* `black-results/`: many small texts (`Shards`) kept in a few JSON files, for formatting
  with black where a user's templates need it.
* `remote/`: a spec read over HTTPS, named by the hash of its bytes (`downloaded()`).

Every write is a new file moved into place, so a reader never sees half an entry; a
damaged or missing entry is a miss. The cache is an optimisation only: any error
reading or writing it is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

PARSE_FORMAT = b"respgen-parse-2"
RESULT_FORMAT = b"respgen-result-2"
MAX_SHARDS = 16


def default_dir() -> Path:
    """`$RESPGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/respgen`, else ~/.cache/respgen."""
    env = os.environ.get("RESPGEN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "respgen"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def respgen_digest() -> str:
    """A hash of respgen's own code (every .py file of the package, by content)."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def folder_digest(folders: Iterable[Path]) -> str:
    """A hash of every file under `folders` (names and contents; missing folders count)."""
    h = hashlib.sha256()
    for folder in folders:
        h.update(str(folder).encode() + b"\0")
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    h.update(path.relative_to(folder).as_posix().encode() + b"\0")
                    h.update(sha(path.read_bytes()).encode())
    return h.hexdigest()


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # RecursionError: nested too deep to be ours
        return None


def _write_json(path: Path, value: Any) -> None:
    """Write a whole new file and move it into place (errors ignored)."""
    try:
        _write_bytes(path, _json_pieces(value, 3))
    except (OSError, TypeError, ValueError):
        pass


def _json_pieces(value: Any, depth: int) -> Iterator[bytes]:
    """`value` as compact JSON, the mappings of its top `depth` levels item by item: a
    whole run's files (megabytes of text) are never one string, one list of parts and
    one bytes object at once (that was a cold run's peak memory)."""
    if depth and isinstance(value, dict) and all(type(k) is str for k in value):
        yield b"{"
        for i, (key, item) in enumerate(value.items()):
            yield (b"," if i else b"") + json.dumps(key, ensure_ascii=False).encode() + b":"
            yield from _json_pieces(item, depth - 1)
        yield b"}"
    else:
        yield json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_bytes(path: Path, data: bytes | Iterable[bytes]) -> None:
    """A whole new file moved into place: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines([data] if isinstance(data, bytes) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def downloaded(folder: Path | None, data: bytes, suffix: str) -> Path:
    """A downloaded spec as a file named by its hash, `<folder>/remote/<sha><suffix>`
    (in a new temporary folder when there is no cache), for the loader to read."""
    where = folder / "remote" if folder is not None else Path(tempfile.mkdtemp(prefix="respgen-remote-"))
    path = where / f"{sha(data)}{suffix}"
    if not path.is_file():
        _write_bytes(path, data)
    return path


def parsed(folder: Path | None, raw: bytes, parse: Callable[[], Any]) -> Any:
    """parse()'s result, from the cache when the same bytes were parsed by the same respgen."""
    if folder is None:
        return parse()
    entry = folder / "parsed" / f"{sha(PARSE_FORMAT + respgen_digest().encode() + raw)}.json"
    data = _read_json(entry)
    if data is not None:
        return data
    data = parse()
    _write_json(entry, data)
    return data


class Results:
    """Whole results, keyed by a `base` (code, templates, options, root) plus the content
    of every other file the run read; `kind` names the sub-folder ("results", "ir")."""

    def __init__(self, folder: Path | None, base: str, root: Path, kind: str = "results") -> None:
        self.folder = folder / kind if folder is not None else None
        self.base = sha(RESULT_FORMAT + base.encode())
        self.root = root.parent  # inputs are named relative to the root's folder

    def load(self) -> Any:
        if self.folder is None:
            return None
        names = _read_json(self.folder / f"{self.base}.inputs.json")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return None
        try:
            contents = {name: (self.root / name).read_bytes() for name in names}
        except OSError:
            return None
        data = _read_json(self.folder / f"{self._key(contents)}.json")
        return data if isinstance(data, dict) else None

    def store(self, inputs: dict[Path, bytes], payload: dict[str, Any]) -> None:
        """`inputs`: every file the run read (root included), with the bytes it read."""
        if self.folder is None:
            return
        contents: dict[str, bytes] = {}
        for path, raw in inputs.items():
            try:
                contents[path.relative_to(self.root).as_posix()] = raw
            except ValueError:
                return  # a file outside the root's folder: not cacheable
        _write_json(self.folder / f"{self._key(contents)}.json", payload)
        _write_json(self.folder / f"{self.base}.inputs.json", sorted(contents))

    def _key(self, contents: dict[str, bytes]) -> str:
        h = hashlib.sha256(self.base.encode())
        for name in sorted(contents):
            h.update(name.encode() + b"\0" + sha(contents[name]).encode())
        return h.hexdigest()


class Shards:
    """Many small texts kept in a few JSON files (shards).

    One file per entry costs a file creation each (~0.1-0.7 ms of kernel time on some
    file systems). The entries a run adds are written as one shard,
    `<folder>/<hash>.json`; a process reads every shard once, on first use. Past
    `MAX_SHARDS` shards they are merged into one. Two processes merging at once can at
    worst drop entries, never serve a wrong one (keys are hashes of their input)."""

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
        if len(self._shards) + 1 > MAX_SHARDS:
            merged = self._write(dict(self._load()))
            for shard in self._shards:
                if shard != merged:
                    shard.unlink(missing_ok=True)
            self._shards = [merged]
        else:
            self._shards.append(self._write(new))

    def _load(self) -> dict[str, str]:
        if self._known is None:
            self._known = {}
            if self.folder is not None:
                self._shards = sorted(self.folder.glob("*.json"))
                for shard in self._shards:
                    data = _read_json(shard)
                    if isinstance(data, dict):
                        self._known.update((k, v) for k, v in data.items() if isinstance(v, str))
        return self._known

    def _write(self, entries: dict[str, str]) -> Path:
        assert self.folder is not None
        text = json.dumps(entries, ensure_ascii=False, sort_keys=True)
        path = self.folder / (sha(text.encode())[:32] + ".json")
        _write_json(path, entries)
        return path
