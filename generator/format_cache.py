"""Formatting generated Python with black, only where it is needed, remembered.

Templates already lay code out the way black does; what black still changes
are long lines (split at brackets), escaped quotes, exponent floats and
docstrings ending in a quote or backslash. The module is cut into its top-level
statements (found with `ast`, so no text inside a string can fool it); only pieces with
one of those traits go through black, each remembered by content hash, so a
piece is never formatted twice. `black --check` over every real spec's output
(tests/test_upstream_specs.py) proves the result is what black would make.
"""

from __future__ import annotations

import ast
import concurrent.futures
import functools
import hashlib
import multiprocessing
import os
import re
import tempfile
from pathlib import Path
from typing import Any

_cache_dir: Path | None = None
_RISKY = re.compile(r'\\|\d[eE][+-]?\d|"""""|^.{89,}$', re.MULTILINE)


def configure(cache_dir: Path | None) -> None:
    global _cache_dir
    _cache_dir = cache_dir


def format_python(text: str) -> str:
    """black-formatted text, running black only on the pieces that need it."""
    lines = text.splitlines(keepends=True)
    statements = ast.parse(text).body
    starts = [node.lineno - 1 for i, node in enumerate(statements)
              if i == 0 or not _is_docstring(node)] + [len(lines)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    pieces: list[tuple[str, int]] = []
    for begin, end in zip(starts, starts[1:]):
        body = "".join(lines[begin:end]).rstrip("\n")
        blank = min(len("".join(lines[begin:end])) - len(body) - 1, 2)  # black: at most 2
        pieces.append((body, blank))
    risky = [body + "\n" for body, _ in pieces if _RISKY.search(body)]
    formatted = dict(zip(risky, _black_all(risky)))
    out = [formatted.get(body + "\n", body + "\n").rstrip("\n") + "\n" + "\n" * blank
           for body, blank in pieces]
    return "".join(out).rstrip("\n") + "\n"


def _black_all(texts: list[str]) -> list[str]:
    """black for each text: from the cache, else on every core (fork) when there are many."""
    keys = [_key(t) for t in texts]
    results: list[str | None] = [_cached(k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    workers = min(os.cpu_count() or 1, 4)
    if len(todo) >= 64 and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        import black  # noqa: F401  (once, before forking, so workers share it)

        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            done = list(pool.map(_format, [texts[i] for i in todo], chunksize=16))
    else:
        done = [_format(texts[i]) for i in todo]
    for i, text in zip(todo, done):
        results[i] = text
        _remember(keys[i], text)
    return [r if r is not None else texts[i] for i, r in enumerate(results)]


def _is_docstring(node: ast.stmt) -> bool:
    """A bare string after a statement documents it: keep the two in one piece."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


def _format(text: str) -> str:
    import black  # imported only when something needs formatting
    from black.mode import TargetVersion

    mode: Any = black.Mode(target_versions={TargetVersion.PY311})
    result: str = black.format_str(text, mode=mode)
    return result


@functools.lru_cache(maxsize=1)
def _black_version() -> str:
    from importlib.metadata import version

    return version("black")


def _key(text: str) -> str:
    return hashlib.sha256(f"black-{_black_version()}\0".encode() + text.encode()).hexdigest()


def _cached(key: str) -> str | None:
    if _cache_dir is None:
        return None
    try:
        return (_cache_dir / "black" / key).read_text(encoding="utf-8")
    except OSError:
        return None


def _remember(key: str, formatted: str) -> None:
    if _cache_dir is None:
        return
    try:
        folder = _cache_dir / "black"
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(formatted)
        os.replace(tmp, folder / key)
    except OSError:
        pass


__all__ = ["configure", "format_python"]
