"""A fast path for YAML: yaml-rs (a Rust YAML 1.2 parser, ~30x libyaml's speed on a
large spec) parses, and its result is used only where it is the value the libyaml path
(`yaml_json.parse`) gives. Everything else returns `MISS` and is parsed by libyaml,
which also names every error with its line and column.

Where the two parsers could differ, and how each case is sent to libyaml:

- text features checked before parsing (`reads_alike`; conservative: a match anywhere
  costs the fast path): tabs, YAML 1.1 line breaks (NEL, LS, PS), a byte-order mark,
  characters libyaml refuses (C0/C1 controls, DEL, surrogates, U+FFFE/U+FFFF),
  surrogate escapes, directives, document markers (several documents), blanks at the
  very end, and a line whose leading run could nest deeper than yaml-rs survives (it
  recurses on the C stack; libyaml then refuses the depth with a position);
- text features that are harmless inside a quoted or block scalar's content (where
  specs' code samples put them): tags, anchors and aliases, `<<` merge keys, a `:` or
  `?` where it could begin a node and a colon right before `]`, `}` or `,` (YAML 1.2
  syntax libyaml refuses), plain scalars yaml-rs reads as numbers where the YAML 1.2
  core schema keeps text (`1_000`, `0b101`, `0X1F`, `+0x1`). A text with any of them
  goes through libyaml's event stream (`yaml_events`, a fifth of libyaml's whole
  path), which must show each inside such a scalar, except anchors and aliases that
  read alike on both paths (named alike, defined once, none inside its own node,
  adding few nodes: bombs stay with libyaml's path and its limits);
- any error from yaml-rs (duplicate keys are one: its policy is `Error`);
- after parsing (`_plain`): a value that is not JSON data, a number no target can
  hold (infinity, NaN, beyond 1.8e308: libyaml's path names it), a mapping key that
  is not text (made text as libyaml's path does: `200` -> "200", `true` -> "true",
  `~` -> "null"; two keys that become the same text are a duplicate).

tests/test_loader_fast.py runs a corpus (every shared spec, hostile documents, every
scalar spelling of up to three characters, cases from the YAML test suite) through
both paths and asserts equal results.
"""

from __future__ import annotations

import functools
import math
import os
import re
import sys
from typing import Any, Iterator

from .limits import MAX_DEPTH
from .yaml_events import verified as _verified

# yaml-rs allocates with mimalloc, which keeps freed memory committed until it is next
# called and commits an arena up front: ~12 MiB of a cold run's peak that Python cannot
# reuse. Purge at once, commit on demand (set either variable to override).
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "0")
os.environ.setdefault("MIMALLOC_ARENA_EAGER_COMMIT", "0")

import yaml_rs  # noqa: E402  (after the allocator's settings)

MISS: Any = object()  # "parse this text with libyaml"

# Each guard is one search over the text (~0.3-7 ms each on a 1.4 MB spec); a pattern
# that begins with the rare character it is about lets the regex engine skip to it.
# `_NOT_AFTER`: "the character before is not one where a node can begin" (a line's
# start, a blank, a flow indicator, a colon: `{"a":1}`); a superset of the places a
# plain scalar, an anchor or a tag can start.
_NOT_AFTER = r"[^\[{,: \t\r\n]"
_T = r"[-+._0-9eE]"  # the characters of a number to yaml-rs (it drops underscores)
_END = r"(?=[ \t\r]*(?:$|[#,\]}:]))"  # where a plain scalar can end
# Guards that refuse a text wherever they match (a character either parser reads
# another way even inside a quoted or block scalar, a surrogate escape, a directive,
# a document marker, a deep leading run).
_ABSOLUTE = tuple(re.compile(p, re.M) for p in (
    # tabs; YAML 1.1 line breaks (NEL, LS, PS); what libyaml refuses as unprintable
    r"[\t\x85\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
    r"\ud800-\udfff\ufffe\uffff]",
    r"\\(?:u|U0000)[dD][89a-fA-F]",  # a surrogate's escape (libyaml refuses even a pair)
))
# A directive, a document marker (several documents), or a line whose leading
# indentation and block indicators could nest past what yaml-rs survives: it recurses
# on the C stack (~8,000 levels); at most 2 levels per column, and yaml-rs refuses flow
# nesting past 255 itself, so 2 * 257 + 255 stay far inside. Searched after each line
# break (a pattern that begins with a character skips to it; `^` tries every position),
# and at the text's start on its own.
_LINE_START = re.compile("\n(?:%|---|\\.\\.\\.|[ ?:-]{257})")
# Guards whose match is harmless inside the content of a quoted or block scalar (where
# long code samples put them), checked with libyaml's events (`_verified`); `_ANCHOR`,
# also where libyaml reads an anchor whose name yaml-rs reads the same.
_ANCHOR = re.compile("&(?<!" + _NOT_AFTER + "&)(?=[^\\s,\\[\\]{}])")  # (aliases need one)
_RELATIVE = tuple(re.compile(p, re.M) for p in (
    "!(?<!" + _NOT_AFTER + "!)",  # a tag
    "<<[ \t]*:",  # a merge key
    ":[\\]},]",  # `[a:]`, `{a:}`: YAML 1.2 flow syntax libyaml refuses
    # `1_000`, `_5`, `1e_1`: a number to yaml-rs, text to the YAML 1.2 core schema
    _T + "(?<!" + _NOT_AFTER + _T + ")(?:(?<=[0-9])" + _T + "*_|(?<=_)" + _T + "*[0-9]|"
    + _T + "*[0-9]" + _T + "*_|" + _T + "*_" + _T + "*[0-9])" + _T + "*" + _END,
    # `0b1`, `0X1F`, `+0x1`, `0x1_0` (a plain `0x1F` reads the same, but is rare)
    # (before the `0`: a place a node begins, or a sign just after one)
    "0[xXoObB](?<!" + _NOT_AFTER[:-1] + "+-]0.)(?<!" + _NOT_AFTER + "[-+]0.)[0-9a-zA-Z_]*"
    + _END,
))
# A `:` or `?` right after a blank or a flow indicator (or first in the text): where it
# could begin a node, YAML 1.2 and libyaml part (`[:x]`, `{x: :x}`, `- ::v`, `[?x]`,
# a `:` at a line's start for an empty or a multi-line key, `{"k"::v}`); relative too.
_INDICATOR = re.compile(r"[:?](?<=[\[{,\s:][:?])")
_MAX = sys.float_info.max


def _indicators(text: str) -> Iterator[int]:
    """Where a `:` or `?` could begin a node."""
    if text[:1] in (":", "?"):
        yield 0
    for match in _INDICATOR.finditer(text):
        start = end = match.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        before = text[start - 1] if start > 0 else "\n"
        # a line's start, a flow indicator, or a block indicator and a blank
        if before in "\n\r[{," or (start < end and before in "-?:"):
            yield end
        elif start == end and before == ":" and text[start - 2:start - 1] in ("'", '"'):
            yield end  # `"k"::v`: a value that begins with a colon


def load(text: str) -> Any:
    """The parsed data, or MISS when libyaml must parse the text."""
    aliases = reads_alike(text)
    if aliases is None:
        return MISS
    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_limits(aliases),
                             duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # any refusal: libyaml's path names it with its position
        return MISS
    return _plain(data)


def plain_text(text: str) -> bool:
    """No text feature where yaml-rs and libyaml could part (see the module's doc)."""
    return reads_alike(text) is not None


@functools.lru_cache(maxsize=2)
def reads_alike(text: str) -> int | None:
    """None when yaml-rs and libyaml could read the text differently (see the module's
    doc), else how many nodes its aliases add (0 without any)."""
    if "\ufeff" in text or text.endswith(" "):
        return None  # a byte-order mark (yaml-rs keeps it); blanks closing a block scalar
    if any(guard.search(text) for guard in _ABSOLUTE) or _LINE_START.search(text) \
            or _LINE_START.match("\n" + text[:257]):
        return None
    found = [m.start() for guard in _RELATIVE for m in guard.finditer(text)]
    found += _indicators(text)
    anchors = [m.start() for m in _ANCHOR.finditer(text)]
    if not found and not anchors:
        return 0
    return _verified(text, sorted(found), set(anchors))


def _limits(aliases: int) -> Any:
    return None if not aliases else yaml_rs.AliasLimits(
        max_total_replayed_events=2 * aliases + 2, max_replay_stack_depth=MAX_DEPTH)


def _key(key: Any) -> str | None:
    """A scalar mapping key as the text libyaml's path makes of it, or None."""
    kind = type(key)
    if kind is bool:
        return "true" if key else "false"
    if key is None:
        return "null"
    if kind is int:
        return str(key) if abs(key) <= _MAX else None
    if kind is float:
        return str(key) if math.isfinite(key) else None
    return None


def _plain(data: Any) -> Any:
    """`data` with text keys if it holds only JSON values libyaml's path builds the same
    way, else MISS."""
    holder = [data]
    stack: list[Any] = [holder]
    while stack:
        node = stack.pop()
        # replacing a value under an existing key does not disturb the iteration
        for index, value in (enumerate(node) if type(node) is list else node.items()):
            kind = type(value)
            if kind is str:
                continue
            if kind is dict:
                if not all(type(k) is str for k in value):
                    value = _text_keys(value)
                    if value is None:
                        return MISS
                    node[index] = value
                stack.append(value)
            elif kind is list:
                stack.append(value)
            elif not _scalar_ok(value):
                return MISS
    return holder[0]


def _text_keys(mapping: dict[Any, Any]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        text = key if type(key) is str else _key(key)
        if text is None or text in out:
            return None
        out[text] = value
    return out


def _scalar_ok(value: Any) -> bool:
    kind = type(value)
    if kind is int:
        return bool(abs(value) <= _MAX)
    if kind is float:
        return math.isfinite(value)
    return kind is bool or value is None or kind is str
