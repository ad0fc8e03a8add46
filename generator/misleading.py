"""Characters that make text read differently from what it is: line separators, the
BOM, and bidi controls that reorder what a reader sees ("Trojan Source",
CVE-2021-42574). Whatever shows spec text to a person escapes them."""

from __future__ import annotations

MISLEADING = frozenset([0x2028, 0x2029, 0x85, 0xFEFF, 0x200E, 0x200F, 0x061C,
                        *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


_SHOWN = {code: f"\\u{code:04x}" for code in [*range(0x20), *range(0x7F, 0xA0), *MISLEADING]}


def shown(text: str) -> str:
    """Spec text for a terminal: control characters and those that mislead a reader
    (MISLEADING) as `\\uXXXX` escapes, so nothing in it can move the cursor or colour."""
    return text.translate(_SHOWN)
