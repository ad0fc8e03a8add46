"""Characters that make text read differently from what it is, in one list for every
target and every terminal line respgen writes.

- C1 controls U+0080-U+009F: terminals act on them (U+009B is CSI, the start of an
  escape sequence), and U+0085 (NEL) is a line break to some readers and not others;
  DEL (U+007F) too.
- line and paragraph separators (U+2028, U+2029): line breaks to JavaScript and
  editors, not to Python or Markdown;
- bidi controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) that
  reorder what a reader sees ("Trojan Source", CVE-2021-42574), and the BOM (U+FEFF).

Targets escape them in literals (`\\u202e`) and show them as U+FFFD in prose and
comments; the CLI shows them (and C0 controls) as `\\uXXXX`. `tests/hostile` checks that
no generated file of any target holds one raw.
"""

from __future__ import annotations

import re

C0 = frozenset(range(0x20))
C1 = frozenset(range(0x80, 0xA0))
LINE_BREAKS = frozenset([0x85, 0x2028, 0x2029])
BIDI = frozenset([0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
MISLEADING = C1 | LINE_BREAKS | BIDI | {0x7F, 0xFEFF}  # 0x7F: DEL


def _escapes(codes: frozenset[int]) -> dict[int, str]:
    """A str.translate table writing each code point as `\\uXXXX`."""
    return {code: f"\\u{code:04x}" for code in codes}


_SHOWN = _escapes(C0 | MISLEADING)
_SHOWN_LINES = _escapes((C0 - {0x09, 0x0A}) | MISLEADING)
_ANY = re.compile("[" + "".join(sorted(map(chr, MISLEADING))) + "]")
_ASCII = [chr(c) for c in sorted(MISLEADING) if c < 0x80]


def in_json(text: str) -> str:
    """JSON text with misleading characters as `\\uXXXX` escapes (JSON's own: they only
    occur inside strings, so the data is the same). A regex finds them (or finds
    none, the usual case) ~20x faster than translating every character; in ASCII text
    (where DEL is the one) substring searches are faster still."""
    if text.isascii() and not any(ch in text for ch in _ASCII):
        return text
    return _ANY.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown(text: str, lines: bool = False) -> str:
    """Text for a terminal: control and misleading characters as `\\uXXXX` (with
    `lines`, tabs and newlines kept: a diff)."""
    return text.translate(_SHOWN_LINES if lines else _SHOWN)
