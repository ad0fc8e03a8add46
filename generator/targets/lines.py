"""Trailing whitespace off every line of a generated file, fast when there is none.

The text-page targets (docs, html, typescript) end every file with this: their
templates leave a space at a line's end here and there, and spec text may hold any
whitespace. Splitting a page into lines to strip each one costs more than finding
that nothing needs stripping, the usual case on our own templates.
"""

from __future__ import annotations

# Whitespace (`str.isspace`, what `str.rstrip` strips) other than space and newline,
# written out: computing it walks every code point (~0.1 s at import).
# tests/test_lines.py checks it against `str.isspace`.
OTHER_SPACE = ("\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
               "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def trim_lines(text: str) -> str:
    """`"\\n".join(line.rstrip() for line in text.split("\\n"))`."""
    if " \n" in text or text.endswith(" ") or _other_space(text):
        return "\n".join([line.rstrip() for line in text.split("\n")])
    return text  # no line ends in whitespace: a space would be before "\n" or at the end


def _other_space(text: str) -> bool:
    # One substring search per character beats a regex over every character (~4x on
    # the docs' pages); a character above the text's widest is not even searched for.
    for ch in OTHER_SPACE:
        if ch in text:
            return True
    return False
