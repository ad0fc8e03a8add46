"""Can a linear-time engine take a pattern? The Python target matches patterns with
RE2 (the validators, `google-re2`) and Rust's `regex` (the pydantic models): neither
backtracks, so no input makes them slow, and neither has look-around or back
references. RE2's own parser answers (on the pattern as the validators hand it to RE2,
`for_re2`), plus a scan for the few spellings RE2 takes and Rust's `regex` refuses."""

from __future__ import annotations

import re
from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the reason is in the exception; nothing on stderr
_SPELLINGS = re.compile(r"(\\\\)|\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})"
                        r"|\\([pP])\{(?:General_Category=|gc=|Script=|sc=)?([A-Za-z_]+)\}")
# Unicode general categories by their long names (ECMA-262 and Rust read both; RE2 the short).
_CATEGORIES = {
    "Letter": "L", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll", "Titlecase_Letter": "Lt",
    "Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M", "Combining_Mark": "M",
    "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Number": "N",
    "Decimal_Number": "Nd", "digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No",
    "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd",
    "Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
    "Final_Punctuation": "Pf", "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm",
    "Currency_Symbol": "Sc", "Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z",
    "Space_Separator": "Zs", "Line_Separator": "Zl", "Paragraph_Separator": "Zp", "Other": "C",
    "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs", "Private_Use": "Co",
    "Unassigned": "Cn",
}


def for_re2(pattern: str) -> str:
    """`pattern` as RE2 spells it: ECMA-262's `\\uHHHH` and `\\u{H...}` become `\\x{H...}`,
    `\\p{Letter}` (a general category's long name) `\\p{L}`. Rust's regex reads both."""
    def respell(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(1)
        if m.group(4):
            name = m.group(5)
            return "\\%s{%s}" % (m.group(4), _CATEGORIES.get(name, name))
        return "\\x{%s}" % (m.group(2) or m.group(3))

    return _SPELLINGS.sub(respell, pattern)


def compile_linear(pattern: str) -> Any:
    """`pattern` compiled by RE2 (for matching at generation time, e.g. examples: a spec's
    own text can never make respgen slow), or None when RE2 refuses it."""
    try:
        return re2.compile(for_re2(pattern), _OPTIONS)
    except (re2.error, UnicodeError, TypeError, ValueError):
        return None


def linear_refusal(pattern: str) -> str | None:
    """Why RE2 or Rust's regex refuses `pattern`, or None."""
    try:
        re2.compile(for_re2(pattern), _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        return f"RE2: {reason.decode('utf-8', 'replace') if isinstance(reason, bytes) else reason}"
    except (UnicodeError, TypeError, ValueError) as exc:
        return f"RE2: {exc}"
    return _rust_refusal(pattern)


def _rust_refusal(pattern: str) -> str | None:
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1:i + 2]
            if nxt in ("Q", "C") or nxt.isdigit():
                return f"Rust regex: '\\{nxt}' is not supported"
            if in_class and nxt in "dDwWsS" and pattern[i + 2:i + 3] == "-" \
                    and pattern[i + 3:i + 4] not in ("]", ""):
                return f"Rust regex: a range cannot start at '\\{nxt}'"
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            i += 2 if pattern[i + 1:i + 2] == "^" else 1
            i += 1 if pattern[i:i + 1] == "]" else 0
            continue
        if c == "]" and in_class:
            in_class = False
        i += 1
    return None
