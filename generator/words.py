"""Splitting names into words and joining them in the usual cases."""

from __future__ import annotations

import re
from collections.abc import Collection

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def words(text: str) -> list[str]:
    """'max_output_tokens' -> ['max', 'output', 'tokens']; 'HTTPError' -> ['HTTP', 'Error']."""
    return _WORDS.findall(text)


def pascal(text: str) -> str:
    """'tool_choice' -> 'ToolChoice', 'topP' -> 'TopP', 'HTTP error' -> 'HTTPError'."""
    return "".join(w[:1].upper() + w[1:] for w in words(text))


def snake(text: str) -> str:
    """'maxOutputTokens' -> 'max_output_tokens', 'X-Session-Id' -> 'x_session_id'."""
    return "_".join(w.lower() for w in words(text))


def upper_snake(text: str) -> str:
    return "_".join(w.upper() for w in words(text))


def unique(base: str, used: set[str], taken: Collection[str] = ()) -> str:
    """`base`, or `base_2`, `base_3`... : the first in neither `used` (which it joins)
    nor `taken`."""
    candidate = base
    n = 2
    while candidate in used or candidate in taken:
        candidate = f"{base}_{n}"
        n += 1
    used.add(candidate)
    return candidate
