"""Docs naming pass: page file names and heading anchors, unique and deterministic.

Page names are lower-case kebab slugs (so two pages never differ only by case,
which would clash on case-insensitive file systems) and never a name Windows reserves
(`con`, `nul`, ...: `generator/filenames.py`); clashes get `-2`, `-3`... in sorted
order of the names they come from.

Anchors follow the GitHub/markdown-it rule for headings, so a renderer finds
them without any HTML on the page: the heading's text, stripped and lower-cased,
spaces to `-`, every character other than letters, digits, `_` and `-` dropped;
a repeat on one page gets the first free `-1`, `-2`... `Anchors` replays that rule
for one page, heading by heading, in page order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...filenames import RESERVED
from ...words import words

_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def kebab(text: str) -> str:
    """'OpenResponsesRequest' -> 'open-responses-request'; '' -> ''."""
    return "-".join(w.lower() for w in words(text))


MAX_SLUG = 96  # file names stay well under every file system's 255-byte limit


def page_names(names: list[str], fallback: str) -> dict[str, str]:
    """name -> unique slug (without `.md`), deterministic over the sorted names;
    at most MAX_SLUG characters (a longer name is cut, then numbered on a clash)."""
    out: dict[str, str] = {}
    used: set[str] = set(RESERVED)  # `con` becomes `con-2`: CON.md is a device on Windows
    for name in sorted(names):
        base = kebab(name)[:MAX_SLUG].rstrip("-") or fallback
        candidate, n = base, 2
        while candidate in used:
            candidate = f"{base}-{n}"
            n += 1
        used.add(candidate)
        out[name] = candidate
    return out


@lru_cache(maxsize=4096)  # the same field names head sections on many pages
def heading_slug(text: str) -> str:
    """The anchor a heading with this plain text gets (before de-duplication)."""
    return _NOT_SLUG.sub("", text.strip().lower().replace(" ", "-"))


class Anchors:
    """Anchors of one page, allocated in the order its headings appear."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def add(self, heading_text: str) -> str:
        slug = heading_slug(heading_text)
        candidate, n = slug, 1
        while candidate in self._used:
            candidate = f"{slug}-{n}"
            n += 1
        self._used.add(candidate)
        return candidate
