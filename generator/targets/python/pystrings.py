"""black's normalization of string and number literals, for one token.

Quotes: double quotes unless that needs more backslashes (`"a \\"b\\""` ->
`'a "b"'`); prefixes lowercased (`u` dropped); numbers lowercased, hex digits
uppercased, `1.` -> `1.0`. Ported from black's strings.py and numerics.py; a hex or
named escape black would recase raises `Unsupported` (the file then goes to black).
"""

from __future__ import annotations

import re


class Unsupported(Exception):
    """Outside what respgen lays out itself: the file goes to black."""


_PREFIX = "rRbBuUfF"


_ESCAPE_CASE = re.compile(r"(\\+)(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})")


def normalize_string(s: str) -> str:
    if s[0] == '"' and "\\" not in s:
        return s  # no prefix, double quotes, no escape: black keeps it as it is
    prefix = s[:len(s) - len(s.lstrip(_PREFIX))]
    new_prefix = prefix.replace("F", "f").replace("B", "b").replace("U", "").replace("u", "")
    if len(new_prefix) == 2 and new_prefix[0].lower() != "r":
        new_prefix = new_prefix[::-1]
    s = new_prefix + s[len(prefix):]
    if "r" not in new_prefix.lower():
        for m in _ESCAPE_CASE.finditer(s):
            if len(m.group(1)) % 2 and m.group(2) != (m.group(2)[0] + m.group(2)[1:].lower()
                                                        if m.group(2)[0] != "N" else m.group(2)):
                raise Unsupported("escape case")
            if len(m.group(1)) % 2 and m.group(2)[0] == "N":
                raise Unsupported("named escape")
    return _quotes(s)


def _sub_twice(regex: re.Pattern[str], replacement: str, original: str) -> str:
    return regex.sub(replacement, regex.sub(replacement, original))


_QUOTE_RES = {q: (re.compile(rf"(([^\\]|^)(\\\\)*){q}"), re.compile(rf"([^\\]|^)\\((?:\\\\)*){q}"))
              for q in ('"', "'")}


def _quotes(s: str) -> str:
    """black's normalize_string_quotes for a one-line string."""
    value = s.lstrip(_PREFIX)
    if value[0] == '"':
        orig, new = '"', "'"
    else:
        orig, new = "'", '"'
    first = s.find(orig)
    prefix = s[:first]
    body = s[first + 1:-1]
    if not prefix and orig == '"' and "'" not in body:  # what the escapes below come to
        if '\\"' not in body:
            return s  # no quote to touch: kept as it is
        if "\\\\" not in body:  # every \" an escape: in single quotes it needs none
            return "'" + body.replace('\\"', '"') + "'"
    unescaped_new, escaped_new = _QUOTE_RES[new]
    escaped_orig = _QUOTE_RES[orig][1]
    if "r" in prefix.casefold():
        if unescaped_new.search(body):
            return s
        new_body = body
    else:
        new_body = _sub_twice(escaped_new, rf"\1\2{new}", body)
        if body != new_body:
            body = new_body
            s = f"{prefix}{orig}{body}{orig}"
        new_body = _sub_twice(escaped_orig, rf"\1\2{orig}", new_body)
        new_body = _sub_twice(unescaped_new, rf"\1\\{new}", new_body)
    if "f" in prefix.casefold():
        for m in re.findall(r"(?:(?<!\{)|^)\{([^{].*?)\}(?:(?!\})|$)", new_body):
            if "\\" in str(m):
                return s
    orig_count, new_count = body.count("\\"), new_body.count("\\")
    if new_count > orig_count:
        return s
    if new_count == orig_count and orig == '"':
        return s
    return f"{prefix}{new}{new_body}{new}"


def normalize_number(text: str) -> str:
    text = text.lower()
    if text.startswith(("0o", "0b")):
        return text
    if text.startswith("0x"):
        return text[:2] + text[2:].upper()
    if "e" in text:
        before, after = text.split("e")
        sign = ""
        if after.startswith("-"):
            after, sign = after[1:], "-"
        elif after.startswith("+"):
            after = after[1:]
        return f"{_float(before)}e{sign}{after}"
    if text.endswith("j"):
        return _float(text[:-1]) + "j"
    return _float(text)


def _float(text: str) -> str:
    if "." not in text:
        return text
    before, after = text.split(".")
    return f"{before or 0}.{after or 0}"
