"""Where a JSON pointer is in JSON text, without composing it as YAML.

Steps from the root along the pointer with the json module's C scanner (a key is read
with `scanstring`, a value that is not on the path is skipped with `raw_decode`), so a
position costs about one parse of the text up to it (~1 ms for a large spec, where
composing the text with libyaml costs ~0.2 s per 100 KB). It gives what
`yaml_json.locate` gives (the deepest node found along the pointer, 1-based line and
column of its first character), or None for text it cannot step through as JSON (YAML
flow style, comments, line breaks other than `\\n`): `locate` then composes the text.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # C, untyped

_DECODER = json.JSONDecoder()
_BLANK = re.compile(r"[ \t\n]*")
# Characters libyaml counts as line breaks or skips (a BOM): positions would part.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")


def locate(text: str, tokens: list[str]) -> tuple[int, int] | None:
    """1-based (line, column) of the deepest node along `tokens`, or None."""
    at = _skip(text, 0)
    if text[at:at + 1] not in ("{", "[") or _OTHER_BREAKS.search(text):
        return None
    try:
        for token in tokens:
            opener = text[at:at + 1]
            if opener == "{":
                found = _member(text, at, token)
            elif opener == "[":
                found = _item(text, at, token)
            else:
                break
            if found is None:
                break
            at = found
    except (ValueError, IndexError, RecursionError):
        return None
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _member(text: str, at: int, token: str) -> int | None:
    """Where the value of key `token` begins in the object at `at`, or None."""
    at = _skip(text, at + 1)
    if text[at] == "}":
        return None
    while True:
        if text[at] != '"':
            raise ValueError("not JSON")
        key, at = scanstring(text, at + 1)
        at = _skip(text, at)
        if text[at] != ":":
            raise ValueError("not JSON")
        at = _skip(text, at + 1)
        if key == token:
            return at
        at = _next(text, at, "}")
        if at < 0:
            return None


def _item(text: str, at: int, token: str) -> int | None:
    """Where item `token` (a decimal index) begins in the array at `at`, or None."""
    if not token.isdigit():
        return None
    index = int(token)
    at = _skip(text, at + 1)
    if text[at] == "]":
        return None
    for _ in range(index):
        at = _next(text, at, "]")
        if at < 0:
            return None
    return at


def _skip(text: str, at: int) -> int:
    """Past the blanks at `at`."""
    blanks = _BLANK.match(text, at)
    return blanks.end() if blanks else at


def _next(text: str, at: int, closer: str) -> int:
    """Skip the value at `at` and its comma: where the next entry begins, or -1 at the
    closing bracket."""
    _, at = _DECODER.raw_decode(text, at)
    at = _skip(text, at)
    if text[at] == ",":
        return _skip(text, at + 1)
    if text[at] == closer:
        return -1
    raise ValueError("not JSON")
