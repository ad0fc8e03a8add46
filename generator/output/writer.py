"""Writing generated files without ever losing or half-writing anything.

Each target owns one folder (`<out>/<target>`), and a manifest in it lists the
files respgen wrote there. A new version of the folder is staged beside it
(new files, plus hard links to every file respgen does not own and to owned
files whose content is unchanged), then swapped in with one atomic
`renameat2(RENAME_EXCHANGE)`: a crash at any moment leaves either the old
folder or the new one, whole. Files respgen did not create are never touched.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..filenames import portable_problem

MANIFEST = ".respgen-manifest.json"
STAGE_PREFIX = ".respgen-stage-"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)  # new or changed, relative to out
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # owned files no longer generated


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(folder: Path) -> dict[str, object] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def owned_files(folder: Path) -> dict[str, str]:
    manifest = read_manifest(folder) or {}
    files = manifest.get("files")
    return dict(files) if isinstance(files, dict) else {}


def check_ownership(folder: Path, force: bool) -> None:
    """Refuse to write into a folder respgen does not own (unless forced)."""
    for above in folder.parents:
        if above.exists():
            if not above.is_dir():
                raise ConfigError(f"{above} is a file, not a folder; refusing to write there")
            break
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} exists and is not a folder; refusing to write there")
    if folder.is_dir() and read_manifest(folder) is None and any(folder.iterdir()) and not force:
        raise ConfigError(
            f"{folder} has files but no {MANIFEST}: respgen did not create it. "
            "Refusing to write there (use --force to adopt it; files it does not generate are kept)."
        )


def real_folder(folder: Path) -> Path:
    """Where a target folder really is: a user's symlink (`out/python -> ../sdk`) stays a
    symlink, and the new version is staged and swapped in beside the folder it names
    (swapping the link itself replaced it by a folder and left it under a stage name)."""
    if not folder.is_symlink():
        return folder
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ConfigError(f"{folder} is a symlink to nothing (or a loop); refusing to "
                          "write there") from None
    if not real.is_dir():
        raise ConfigError(f"{folder} is a symlink to {real}, not a folder; refusing to write there")
    return real


def check_relative(rel: str) -> None:
    """A generated path stays inside its target folder: relative, `/`-separated, no
    `.`/`..`/empty part, no backslash or NUL, each part at most 255 bytes. Targets make
    paths from slugs; this refuses a target (or plugin) that let spec text through."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel or any(
            p in ("", ".", "..") or len(p.encode("utf-8")) > 255 for p in parts):
        raise ConfigError(f"refusing to write {rel[:200]!r}: a generated path must stay "
                          "inside its target folder (target bug)")


def preflight(folder: Path, files: dict[str, str], force: bool) -> None:
    """Every refusal, before anything is written: a file in the way, a folder respgen
    does not own, a generated path where a file respgen did not create already is."""
    for rel in files:
        check_relative(rel)
    problem = portable_problem(list(files))
    if problem is not None:
        raise ConfigError(f"refusing to write {folder}: {problem} (target bug)")
    check_ownership(folder, force)
    old = owned_files(folder)
    for rel in files if folder.is_dir() else []:
        parts = rel.split("/")
        link = next((folder.joinpath(*parts[:end]) for end in range(1, len(parts) + 1)
                     if folder.joinpath(*parts[:end]).is_symlink()), None)
        if link is not None:
            raise ConfigError(f"{link} is a symlink respgen did not make; refusing to replace "
                              f"it or write {rel} through it")
    clashes = sorted(rel for rel in files if rel not in old and (folder / rel).exists()) \
        if folder.is_dir() else []
    if clashes and not force:
        raise ConfigError(
            f"{folder / clashes[0]} exists and respgen did not create it (it is not in "
            f"{MANIFEST}); refusing to overwrite it (use --force to replace it)")


@dataclass
class Staged:
    folder: Path
    stage: Path | None  # None: nothing changed, nothing to swap
    report: WriteReport


def write_target(folder: Path, files: dict[str, str], meta: dict[str, object],
                 force: bool = False) -> WriteReport:
    """Replace the generated files in `folder` by `files`, atomically."""
    return write_targets([(folder, files, meta)], force)[0]


def write_targets(jobs: list[tuple[Path, dict[str, str], dict[str, object]]],
                  force: bool = False) -> list[WriteReport]:
    """Write several target folders: every check first, then every new version staged
    (the slow part: a crash here leaves every folder as it was), then the swaps, one
    atomic exchange per folder, back to back."""
    jobs = [(real_folder(folder), files, meta) for folder, files, meta in jobs]
    for folder, files, _ in jobs:
        preflight(folder, files, force)
    staged: list[Staged] = []
    try:
        for folder, files, meta in jobs:
            staged.append(stage_folder(folder, files, meta))
        make_durable([item.stage for item in staged if item.stage is not None])
    except BaseException:
        discard(staged)
        raise
    return commit_all(staged)


def discard(staged: list[Staged]) -> None:
    """Remove staged versions that will not be swapped in (they only hold our copies)."""
    for item in staged:
        if item.stage is not None:
            shutil.rmtree(item.stage, ignore_errors=True)


def commit_all(staged: list[Staged]) -> list[WriteReport]:
    """The swaps, back to back, once every stage is built and durable."""
    for item in staged:
        _commit(item)
    return [item.report for item in staged]


class Stopped(Exception):
    """Staging was told to stop (the run failed elsewhere); the stage is removed."""


def stage_folder(folder: Path, files: dict[str, str], meta: dict[str, object],
                 stop: threading.Event | None = None) -> Staged:
    """Build the new version of `folder` beside it (hard links for what is unchanged);
    `stop` set: give up between two files (raises `Stopped`). A value of `meta` may be
    a function, called for the manifest only once it is needed: when the folder has one
    to compare with, else once the files are written (the type fingerprints of a cold
    run are computed while this writes)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_stages(folder)
    old = owned_files(folder)
    digests = {rel: digest(text) for rel, text in sorted(files.items())}
    made: list[dict[str, object]] = []

    def the_manifest() -> dict[str, object]:
        if not made:
            made.append({"generator": "respgen",
                         **{k: v() if callable(v) else v for k, v in meta.items()},
                         "files": digests})
        return made[0]

    if folder.is_dir() and (found := read_manifest(folder)) is not None \
            and found == the_manifest() and all(
            _same_text(folder / rel, text) for rel, text in files.items()):
        # Nothing changed (the usual re-run): no stage to build and throw away.
        return Staged(folder, None, WriteReport(unchanged=sorted(files)))
    report = WriteReport()
    stage = folder.parent / f"{STAGE_PREFIX}{folder.name}-{os.getpid()}"
    stage.mkdir()
    try:
        if folder.is_dir():
            _link_foreign(folder, stage, set(old) | {MANIFEST})
        folders: set[Path] = {stage}  # folders of the stage known to exist
        for rel, text in sorted(files.items()):
            if stop is not None and stop.is_set():
                raise Stopped(str(folder))
            target = stage / rel
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.update(target.parents)
            current = folder / rel
            if old.get(rel) == digests[rel] and _same_text(current, text):
                os.link(current, target)
                report.unchanged.append(rel)
            else:
                _write_new(target, text)
                report.written.append(rel)
        report.removed = sorted(set(old) - set(files))
        manifest = the_manifest()
        _write_new(stage / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        if not report.written and not report.removed and folder.is_dir():
            if read_manifest(folder) == manifest:
                shutil.rmtree(stage)
                return Staged(folder, None, report)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return Staged(folder, stage, report)


def _commit(item: Staged) -> None:
    """Swap the staged version in (one atomic exchange), then drop the old one."""
    if item.stage is None:
        return
    if item.folder.is_dir():
        _exchange(item.stage, item.folder)  # the stage now holds the old version
        shutil.rmtree(item.stage, ignore_errors=True)
    else:
        os.rename(item.stage, item.folder)
    _fsync_dir(item.folder.parent)


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except OSError:
        return False


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _write_new(path: Path, text: str) -> None:
    """A new file (never writing through a hard link to a file in the live folder).
    Three system calls (open, write, close) where a text-mode `open` makes seven; a
    file already there (a hard link `--force` replaces) is unlinked first. Not synced
    here: `make_durable` flushes every staged folder at once before the swap."""
    data = text.encode("utf-8")
    try:
        fd = os.open(path, _NEW_FILE, 0o666)
    except FileExistsError:
        path.unlink()
        fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def make_durable(stages: list[Path]) -> None:
    """Every staged file and folder on disk before any swap, so the swap can only ever
    expose complete files. One `syncfs` per file system (Linux) costs about as much as one
    fsync; elsewhere, or if it fails, every file and folder of the stage is fsynced."""
    synced: set[int] = set()
    for stage in stages:
        device = stage.stat().st_dev
        if device in synced:
            continue
        if _syncfs(stage):
            synced.add(device)
            continue
        for dirpath, _, filenames in os.walk(stage):
            for name in filenames:
                _fsync_path(Path(dirpath) / name)
            _fsync_path(Path(dirpath))


def _syncfs(path: Path) -> bool:
    """Flush the whole file system holding `path` (Linux syncfs(2)); False if unavailable."""
    fn = getattr(_libc(), "syncfs", None)
    if fn is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return bool(fn(fd) == 0)
    finally:
        os.close(fd)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_foreign(folder: Path, stage: Path, owned: set[str]) -> None:
    """Hard-link every file respgen does not own into the staged folder."""
    for dirpath, dirnames, filenames in os.walk(folder):
        rel_dir = Path(dirpath).relative_to(folder)
        for d in list(dirnames):
            src = Path(dirpath) / d
            if src.is_symlink():  # a user's link to a folder: the same link, not a new folder
                os.symlink(os.readlink(src), stage / rel_dir / d)
                dirnames.remove(d)  # (os.walk does not enter it anyway)
            else:
                (stage / rel_dir / d).mkdir(exist_ok=True)
        for name in filenames:
            rel = (rel_dir / name).as_posix()
            if rel not in owned:
                src = Path(dirpath) / name
                dst = stage / rel
                try:
                    os.link(src, dst, follow_symlinks=False)
                except OSError:
                    shutil.copy2(src, dst, follow_symlinks=False)


def _clean_stale_stages(folder: Path) -> None:
    """Remove staging folders left by a crashed run (they only ever hold our copies):
    `<prefix><name>-<pid>`, never the fresh stage of a target whose name merely starts
    with this one's (`py` and `py-x`), nor a `-<pid>-old` folder, which `_exchange`'s
    fallback leaves holding the user's folder if it dies between its renames."""
    prefix = f"{STAGE_PREFIX}{folder.name}-"
    for stale in folder.parent.glob(f"{glob.escape(prefix)}*"):
        if stale.name[len(prefix):].isdigit():
            shutil.rmtree(stale, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)  # the C library the interpreter uses
    except (OSError, TypeError):
        return None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Atomically swap two folders (Linux renameat2); else the closest safe fallback."""
    fn = getattr(_libc(), "renameat2", None)
    if fn is not None:
        rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if rc == 0:
            return
    # Fallback: three renames; a crash between them leaves the old folder under
    # `a-old` (kept by `_clean_stale_stages`) or `a`.
    backup = a.with_name(a.name + "-old")
    os.rename(b, backup)
    os.rename(a, b)
    os.rename(backup, a)
