"""What a reader should see of spec text on a docs page or in a docstring (the
checkers compare it with what they find; the Python checker imports it in a subprocess,
so this module imports nothing of the tests)."""

from __future__ import annotations

import re

from generator.misleading import LINE_BREAKS, MISLEADING

_SHOWN = {**{c: "\ufffd" for c in [*range(0xD800, 0xE000), *MISLEADING]},
          **{c: " " for c in [*range(0x20), *LINE_BREAKS]}}


def visible(text: str) -> str:
    """What a reader should see of spec text: the same words, whitespace folded,
    C0 controls and line separators as spaces, misleading characters (bidi and C1
    controls, the BOM: generator/misleading.py) and lone surrogates as U+FFFD."""
    return " ".join(re.split(r"\s+", text.translate(_SHOWN))).strip()
