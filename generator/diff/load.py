"""Read one spec version for `respgen diff`: its IR, built or from the IR cache.

The cache entry (`output/cache.py`, `ir/`) is keyed by respgen's code, the overlays
(path and content), the name the spec is shown by and the bytes of every file the
spec was read from, so a warm diff loads two IRs instead of parsing and building
them. An entry that does not decode to an IR (damaged, or not respgen's) is a miss.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import Diagnostics, Location
from ..ir import IR
from ..ir.codec import CodecError, Locate, decode, encode
from ..output import cache
from .forked import in_child

IR_FORMAT = "respgen-ir-1"


@dataclass
class Loaded:
    ir: IR
    warnings: list[str]  # the overlays' diagnostics, one line each (the build's are not shown)


def load_version(path: Path, use_cache: bool = True, overlays: list[Path] | None = None,
                 cache_dir: Path | None = None) -> Loaded:
    """The IR of the spec at `path` with `overlays` applied, named as `path` is given;
    cached in `cache_dir` (default: the user's cache folder) unless `use_cache` is off."""
    return load_versions([path], use_cache, overlays, cache_dir)[0]


def load_versions(paths: list[Path], use_cache: bool = True,
                  overlays: list[Path] | None = None, cache_dir: Path | None = None) -> list[Loaded]:
    """`load_version` of each path; those not in the cache are built at once, the last
    of them in a child process (`forked.py`)."""
    folder = (cache_dir or cache.default_dir()) if use_cache else None
    with _no_gc():
        return _load_versions(paths, folder, overlays or [])


def _load_versions(paths: list[Path], folder: Path | None, overlays: list[Path]) -> list[Loaded]:
    entries = [_entry(folder, p, str(p), overlays) for p in paths]
    found = [_decoded(e.load(), p) if e is not None else None for e, p in zip(entries, paths)]
    todo = [i for i, hit in enumerate(found) if hit is None]
    child, last = None, todo[-1] if todo else -1
    if len(todo) > 1:  # the last in a child: an error in an earlier one is still raised first
        _builder()  # imported once, before the fork

        def work() -> bytes:
            payload = _build(paths[last], folder, overlays, entries[last])[1]
            return json.dumps(payload, ensure_ascii=False).encode("utf-8")

        child = in_child(work)
    try:
        for i in todo[:-1] if child is not None else todo:
            found[i] = _build(paths[i], folder, overlays, entries[i])[0]
    finally:
        answer = child() if child is not None else None
    if child is not None:
        found[last] = _from_child(answer, paths[last]) or \
            _build(paths[last], folder, overlays, entries[last])[0]
    return [hit for hit in found if hit is not None]


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while IRs are read or built: the parsed spec and the
    IR are hundreds of thousands of new objects, hardly any of them garbage, scanned again
    and again (half the time of a load from the cache, ~30 % of a cold build)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _builder() -> None:
    """Import what `_build` uses (before a fork: once, for both processes)."""
    for name in ("..builder", "..source.loader", "..source.overlay"):
        importlib.import_module(name, __package__)


def _build(path: Path, folder: Path | None, overlays: list[Path],
           entry: cache.Results | None) -> tuple[Loaded, dict[str, Any]]:
    """Parse and build the spec at `path` (storing it in the cache): the IR and the
    cache entry's payload."""
    from ..builder import build_ir
    from ..source.loader import open_spec
    from ..source.overlay import apply_overlays

    ws = open_spec(path, folder, str(path))
    diags = Diagnostics()
    apply_overlays(ws, overlays, diags)
    loaded = Loaded(build_ir(ws, Diagnostics()), [str(d) for d in diags.sorted()])
    payload = {"ir": encode(loaded.ir), "warnings": loaded.warnings}
    if entry is not None:
        entry.store({p: doc.text.encode("utf-8") for p, doc in ws.docs.items()}, payload)
    return loaded, payload


def _from_child(answer: bytes | None, path: Path) -> Loaded | None:
    try:
        return _decoded(json.loads(answer), path) if answer is not None else None
    except (ValueError, RecursionError):
        return None


def _entry(folder: Path | None, path: Path, display: str,
           overlays: list[Path]) -> cache.Results | None:
    if folder is None:
        return None
    try:
        shown = [(str(o), cache.sha(o.read_bytes())) for o in overlays]
    except OSError:
        return None  # the build says what is wrong with it
    base = "\0".join([IR_FORMAT, cache.respgen_digest(), display, repr(shown)])
    return cache.Results(folder, base, path.resolve(), "ir")


def _decoded(payload: object, path: Path) -> Loaded | None:
    if not isinstance(payload, dict):
        return None
    warnings = payload.get("warnings")
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        return None
    try:
        ir = decode(payload.get("ir"), _locator(path, str(path)))
    except (CodecError, RecursionError):  # RecursionError: nested deeper than any IR
        return None
    return Loaded(ir, warnings)


def _locator(path: Path, display: str) -> Locate:
    """(file as shown, pointer) -> its Location, line and column read from the file
    when first asked for (as the loader gives them)."""
    root = Path(display).parent
    folder = path.resolve().parent

    def locate(file: str, pointer: str) -> Location:
        try:
            where = folder / Path(file).relative_to(root)
        except ValueError:
            return Location(file, pointer)

        def find() -> tuple[int, int] | None:
            from ..source.yaml_json import locate as position

            try:
                return position(where.read_text(encoding="utf-8"), pointer)
            except (OSError, UnicodeDecodeError):
                return None

        return Location(file, pointer, find=find)

    return locate
