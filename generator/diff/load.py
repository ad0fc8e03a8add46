"""Read one spec version for `respgen diff`: its IR, built or from the IR cache.

The cache entry (`output/cache.py`, `ir/`) is keyed by respgen's code, the overlays
(path and content), the name the spec is shown by and the bytes of every file the
spec was read from, so a warm diff loads two IRs instead of parsing and building
them. An entry that does not decode to an IR (damaged, or not respgen's) is a miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostics, Location
from ..ir import IR
from ..ir.codec import CodecError, Locate, decode, encode
from ..output import cache

IR_FORMAT = "respgen-ir-1"


@dataclass
class Loaded:
    ir: IR
    warnings: list[str]  # the overlays' diagnostics, one line each (the build's are not shown)


def load_version(path: Path, use_cache: bool = True, overlays: list[Path] | None = None) -> Loaded:
    """The IR of the spec at `path` with `overlays` applied, named as `path` is given."""
    overlays = overlays or []
    display = str(path)
    folder = cache.default_dir() if use_cache else None
    entry = _entry(folder, path, display, overlays)
    if entry is not None:
        hit = _decoded(entry.load(), path, display)
        if hit is not None:
            return hit
    from ..builder import build_ir
    from ..source.loader import open_spec
    from ..source.overlay import apply_overlays

    ws = open_spec(path, folder, display)
    diags = Diagnostics()
    apply_overlays(ws, overlays, diags)
    loaded = Loaded(build_ir(ws, Diagnostics()), [str(d) for d in diags.sorted()])
    if entry is not None:
        entry.store({p: doc.text.encode("utf-8") for p, doc in ws.docs.items()},
                    {"ir": encode(loaded.ir), "warnings": loaded.warnings})
    return loaded


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


def _decoded(payload: object, path: Path, display: str) -> Loaded | None:
    if not isinstance(payload, dict):
        return None
    warnings = payload.get("warnings")
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        return None
    try:
        ir = decode(payload.get("ir"), _locator(path, display))
    except CodecError:
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
