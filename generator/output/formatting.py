"""Formatting generated Python with black, only where it is needed, remembered.

Not on the default path: respgen's own templates are laid out without black
(targets/python/pyformat.py). black runs for a `--templates` override, for `--format`,
and for a file the layout port does not cover.

Templates already lay code out the way black does; what black still changes
are long lines (split at brackets), escaped quotes, exponent floats and
docstrings ending in a quote or backslash. The module is cut into its top-level
pieces (found with `ast`, so no text inside a string can fool it); in each,
`format_units` picks the statements black has to see (usually one long field or
alias, not the whole class), and only those go through black, several per call,
each remembered by content hash (`cache.Shards`), so a statement is never
formatted twice. Blank lines are the templates' job: black is never asked about
them. `black --check` over every real spec's output (tests/test_upstream_specs.py)
and tests/test_format_units.py prove the result is what black would make."""

from __future__ import annotations

import ast
import functools
import hashlib
import os
from pathlib import Path
from typing import Any

from .format_units import Unit, needs_black, split_batch, units
from .cache import Shards

_store = Shards(None)
_always = False


def configure(cache_dir: Path | None, always: bool = False) -> None:
    """Where black's results are remembered; `always`: format with black even what
    respgen's own templates made (`--format`, or a `--templates` override)."""
    global _store, _always
    _store = Shards(cache_dir / "black-results" if cache_dir is not None else None)
    _always = always


def black_always() -> bool:
    return _always


def format_python(text: str) -> str:
    """black-formatted text, running black only on the statements that need it."""
    lines = text.splitlines(keepends=True)
    statements = ast.parse(text).body
    heads = [i for i, node in enumerate(statements) if i == 0 or not _is_docstring(node)]
    starts = [statements[i].lineno - 1 for i in heads] + [len(lines)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
        heads.insert(0, -1)
    pieces: list[tuple[int, int, list[Unit] | None]] = []
    jobs: list[str] = []  # whole pieces
    unit_jobs: list[tuple[tuple[str, ...], str]] = []  # (stand-in headers, statement)
    for head, begin, end, after in zip(heads, starts, starts[1:], heads[1:] + [len(statements)]):
        found = units(lines, statements[head:after], begin, end) if head >= 0 else None
        if found is None:  # the whole piece, as one text
            found = None if any(needs_black(line) for line in lines[begin:end]) else []
        pieces.append((begin, end, found))
        if found is None:
            jobs.append(_piece_text(lines, begin, end)[0] + "\n")
        else:
            unit_jobs.extend(_unit_job(lines, unit) for unit in found)
    unique = sorted(set(jobs))
    formatted = dict(zip(unique, _black_all(unique)))
    unique_units = sorted(set(unit_jobs))
    formatted.update(zip((_joined(job) for job in unique_units), _black_units(unique_units)))
    out: list[str] = []
    for begin, end, found in pieces:
        if found is None:
            body, blank = _piece_text(lines, begin, end)
            out.append(formatted[body + "\n"].rstrip("\n") + "\n" + "\n" * blank)
            continue
        new = list(lines[begin:end])
        for unit in reversed(found):
            result = _unwrap(formatted[_unit_text(lines, unit)], unit)
            if result is None:  # black moved a stand-in header: format the whole piece
                body, blank = _piece_text(lines, begin, end)
                new = [_black_all([body + "\n"])[0].rstrip("\n") + "\n" + "\n" * blank]
                break
            new[unit.begin - begin:unit.end - begin] = [result]
        else:
            body, blank = _piece_text(new, 0, len(new))
            new = [body + "\n" + "\n" * blank]
        out.extend(new)
    _store.flush()
    return "".join(out).rstrip("\n") + "\n"


def _piece_text(lines: list[str], begin: int, end: int) -> tuple[str, int]:
    """A piece without its trailing newlines, and the blank lines after it (black: <= 2)."""
    whole = "".join(lines[begin:end])
    body = whole.rstrip("\n")
    return body, min(len(whole) - len(body) - 1, 2)


def _unit_job(lines: list[str], unit: Unit) -> tuple[tuple[str, ...], str]:
    return unit.headers, "".join(lines[unit.begin:unit.end])


def _joined(job: tuple[tuple[str, ...], str]) -> str:
    return "".join(header + "\n" for header in job[0]) + job[1]


def _unit_text(lines: list[str], unit: Unit) -> str:
    return _joined(_unit_job(lines, unit))


_BATCH = 24  # statements per black call (black's fixed cost per call is ~1 ms)


def _black_units(jobs: list[tuple[tuple[str, ...], str]]) -> list[str]:
    """black for each (headers, statement), as `_black_all` would give for the joined
    text, but with the statements under the same headers formatted together, several
    per call: black formats each statement on its own, so each comes back as it would
    alone (checked: same headers, one statement per job, else one call per job)."""
    texts = [_joined(job) for job in jobs]
    results: list[str | None] = [_cached(_key(text)) for text in texts]
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, result in enumerate(results):
        if result is None:
            groups.setdefault(jobs[i][0], []).append(i)
    batches = [members[at:at + _BATCH] for members in groups.values()
               for at in range(0, len(members), _BATCH)]
    batch_texts = ["".join(h + "\n" for h in jobs[b[0]][0]) + "".join(jobs[i][1] for i in b)
                   for b in batches]
    for batch, out in zip(batches, _black_all(batch_texts, remember=False)):
        headers = jobs[batch[0]][0]
        parts = split_batch(out, headers, len(batch))
        if parts is None:
            parts = [_unwrap(text, Unit(0, 0, headers)) or "" for text in
                     _black_all([texts[i] for i in batch], remember=False)]
        for i, part in zip(batch, parts):
            results[i] = "".join(h + "\n" for h in headers) + part
            _remember(_key(texts[i]), results[i] or "")
    return [r or "" for r in results]


def _unwrap(text: str, unit: Unit) -> str | None:
    """black's output for a unit without its stand-in headers (None if black moved them)."""
    got = text.split("\n", len(unit.headers))
    if got[:-1] != list(unit.headers) or got[-1][:1] in ("", "\n"):
        return None
    return got[-1]


def _black_all(texts: list[str], remember: bool = True) -> list[str]:
    """black for each text: from the cache, else on every core (fork) when there are many."""
    keys = [_key(t) for t in texts]
    results: list[str | None] = [_cached(k) if remember else None for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    import concurrent.futures  # only black's runs need them (not the default path)
    import multiprocessing

    from ..parallel import can_fork  # not while `generate` stages folders on a thread

    workers = min(os.cpu_count() or 1, 4)
    size = sum(len(texts[i]) for i in todo)
    if size >= 40_000 and len(todo) > 1 and workers > 1 and can_fork():
        import black  # noqa: F401  (once, before forking, so workers share it)

        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            chunk = max(1, len(todo) // (workers * 4))
            done = list(pool.map(_format, [texts[i] for i in todo], chunksize=chunk))
    else:
        done = [_format(texts[i]) for i in todo]
    for i, text in zip(todo, done):
        results[i] = text
        if remember:
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
    return _store.get(key)


def _remember(key: str, formatted: str) -> None:
    _store.put(key, formatted)


__all__ = ["black_always", "configure", "format_python"]
