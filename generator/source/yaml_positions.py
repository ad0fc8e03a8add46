"""Where a JSON pointer is in block-style YAML, found by searching the text line by line
instead of composing it (composing a 1.4 MB spec costs ~0.5 s and ~100 MB; a search
here, ~1 ms).

It follows block mappings (plain or quoted keys) and block sequences, the layout of
nearly every spec, and gives what composing gives: the 1-based line and column of the
node's first character (the first key of a mapping, the `-` of a sequence, the
indicator of a block scalar, the `&` of an anchor); where a key or an index is not
there (the collection ends before it), the deepest node found along the pointer.
Anything else on the way (flow collections, aliases, a node below an anchor, tags, a
key written another way, text the fast YAML path leaves to libyaml) returns None, and
`yaml_json.locate` composes the text.
"""

from __future__ import annotations

import functools
import json
import re

from . import yaml_fast

_CONTENT = re.compile(r"[^ \n]")  # the first character of a line's content
_PLAIN_KEY_END = re.compile(r":(?: |$)", re.M)
_ABSENT = -1  # `_step`: the collection ends without the token


def locate(text: str, tokens: list[str]) -> tuple[int, int] | None:
    """1-based (line, column) of the node at `tokens`, or None (compose instead)."""
    if not _simple(text):
        return None
    at = _first_content(text, 0)
    if at is None:
        return None
    for token in tokens:
        found = _step(text, at, token)
        if found is None:
            return None
        if found == _ABSENT:
            break  # the deepest node along the pointer
        at = found
    if text.startswith("*", at):
        return None  # an alias: composing gives its anchored node's place
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@functools.lru_cache(maxsize=2)
def _simple(text: str) -> bool:
    """Text the fast path reads (no anchors, tags, tabs, odd line breaks...), with `\n`
    line breaks only."""
    return "\r" not in text and yaml_fast.plain_text(text)


def _first_content(text: str, at: int) -> int | None:
    """The first character from `at` on that is not a blank, a line break or a comment."""
    while True:
        found = _CONTENT.search(text, at)
        if found is None:
            return None
        if text[found.start()] != "#":
            return found.start()
        at = text.find("\n", found.start())
        if at < 0:
            return None


def _column(text: str, at: int) -> int:
    return at - (text.rfind("\n", 0, at) + 1)


def _step(text: str, at: int, token: str) -> int | None:
    """From the node beginning at `at` to its child `token`; `_ABSENT` when the
    collection ends without it; None when this search cannot tell."""
    if text.startswith(("- ", "-\n"), at):
        return _item(text, at, token)
    if _key_end(text, at) is not None:
        return _member(text, at, token)
    return None  # a scalar, a flow collection, a block scalar...: compose


def _key_end(text: str, at: int) -> int | None:
    """Where the value begins (after `key:` and its blank) when a block mapping key
    begins at `at`, else None."""
    char = text[at:at + 1]
    if char in ('"', "'"):
        close = _quoted_end(text, at)
        if close is None or text[close:close + 1] != ":" or \
                text[close + 1:close + 2] not in (" ", "\n", ""):
            return None
        return close + 1
    if char in "[]{}&!*|>%@`#?:,-" or char == "":
        return None
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    found = _PLAIN_KEY_END.search(text, at, line_end)
    if found is None or " #" in text[at:found.start()]:
        return None
    return found.start() + 1


def _quoted_end(text: str, at: int) -> int | None:
    """Just past the closing quote of the one-line quoted scalar at `at`."""
    quote = text[at]
    i = at + 1
    while True:
        close = text.find(quote, i)
        newline = text.find("\n", i)
        if close < 0 or 0 <= newline < close:
            return None
        if quote == "'" and text.startswith("''", close):
            i = close + 2
        elif quote == '"' and _escaped(text, at + 1, close):
            i = close + 1
        else:
            return close + 1


def _escaped(text: str, start: int, at: int) -> bool:
    backslashes = 0
    while at - 1 - backslashes >= start and text[at - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _key_text(text: str, at: int, end: int) -> str | None:
    """The key written from `at` to its colon (`end` is just past the colon)."""
    raw = text[at:end - 1]
    if raw[:1] == "'":
        return raw[1:-1].replace("''", "'")
    if raw[:1] == '"':
        try:
            value = json.loads(raw)
        except ValueError:
            return None  # a YAML-only escape: compose
        return value if isinstance(value, str) else None
    return raw.rstrip(" ")


def _value(text: str, end: int, indent: int) -> int | None:
    """Where the value after a key (or `-`) ending at `end` begins: on the same line,
    or the first content below, more indented than `indent` (or a `-` at `indent`)."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[end:line_end]
    stripped = rest.lstrip(" ")
    if stripped and not stripped.startswith("#"):
        return end + len(rest) - len(stripped)
    below = _first_content(text, line_end)
    if below is None:
        return None
    column = _column(text, below)
    if column > indent or (column == indent and text.startswith(("- ", "-\n"), below)):
        return below
    return None  # an empty value: compose


def _member(text: str, at: int, token: str) -> int | None:
    ends, complete = _keys(text, at)
    end = ends.get(token)
    if end is not None:
        return _value(text, end, _column(text, at))
    return _ABSENT if complete else None


@functools.lru_cache(maxsize=256)
def _keys(text: str, at: int) -> tuple[dict[str, int], bool]:
    """The keys of the block mapping whose first key begins at `at` (each key's first
    place: where its colon ends), and whether they are all of its keys (False: a key
    this search cannot read stopped it). Kept: a spec's diagnostics mostly lie under
    one large mapping (`/components/schemas`), searched once."""
    indent = _column(text, at)
    ends: dict[str, int] = {}
    while True:
        end = _key_end(text, at)
        if end is None:
            return ends, False
        key = _key_text(text, at, end)
        if key is None:
            return ends, False
        ends.setdefault(key, end)
        following = _sibling(text, at, indent, key_of_mapping=True)
        if following is None:
            return ends, True
        at = following


def _item(text: str, at: int, token: str) -> int | None:
    if not token.isdigit():
        return _ABSENT  # a sequence has no such member
    indent = _column(text, at)
    for _ in range(int(token)):
        found = _sibling(text, at, indent, key_of_mapping=False)
        if found is None:
            return _ABSENT
        at = found
    return _value(text, at + 1, indent)


def _sibling(text: str, at: int, indent: int, key_of_mapping: bool) -> int | None:
    """The next entry of the collection whose entry begins at `at`, at column `indent`:
    the first content line at that column (a key; or a `-` for a sequence), or None
    when a less indented line (or, for a sequence, a key) ends the collection first."""
    shallow = _at_most(indent)  # a line whose content begins at column <= indent
    line_end = text.find("\n", at)
    while line_end >= 0:
        found = shallow.search(text, line_end)
        if found is None:
            return None
        below = found.end() - 1
        if text[below] == "#":  # a comment: not content
            line_end = text.find("\n", below)
            continue
        if _column(text, below) < indent:
            return None
        is_item = text.startswith(("- ", "-\n"), below)
        if is_item == key_of_mapping:
            if key_of_mapping:  # a `-` at a key's column: its value's items
                line_end = text.find("\n", below)
                continue
            return None  # a key after a sequence at its key's column
        return below
    return None


@functools.lru_cache(maxsize=64)
def _at_most(indent: int) -> re.Pattern[str]:
    return re.compile(r"\n {0,%d}[^ \n]" % indent)
