"""The one place where spec text becomes Markdown.

Every piece of spec text (descriptions, names, enum values, defaults,
examples, patterns) that lands on a docs page goes through one of these
functions, registered as Jinja filters by the docs target:

- `md_text`: prose, paragraphs kept (blank lines), every other line break
  folded; no character can start HTML, a link, emphasis, a code span, a
  heading, a list, a quote, a table cell or a code block.
- `md_inline`: the same, on one line (headings, list items, link text).
- `md_cell`: one line, for a table cell (`|` escaped too, as everywhere).
- `md_code`: any value as an inline code span (JSON for non-strings), on one
  line, delimited by more backticks than it contains.
- `md_fence`: a fenced code block for multi-line JSON.
- `md_link`: `[text](href)` for our own (already safe) relative hrefs.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from ...misleading import LINE_BREAKS, MISLEADING

# Characters that can start Markdown/HTML inline syntax anywhere on a line.
# Escaped with a backslash (CommonMark allows it before any ASCII punctuation).
_INLINE = set("\\`*_[]<>&|~!#")
# At the start of a block they can also start a list, quote, heading, break.
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=:])")
_HREF_OK = re.compile(r"^[A-Za-z0-9._/#-]*$")
# Lone surrogates (legal in JSON's \u escapes, not in UTF-8) and the misleading
# characters of `generator/misleading.py` (bidi and C1 controls, the BOM): shown as
# U+FFFD; its line breaks (NEL, U+2028, U+2029) become spaces, as newlines do.
_CLEAN = {**{code: "\ufffd" for code in [*range(0xD800, 0xE000), *MISLEADING]},
          **{code: " " for code in LINE_BREAKS}}


def _clean(text: str) -> str:
    return text.translate(_CLEAN)


# `_line`'s per-character rule as one str.translate table: ASCII punctuation that can
# start Markdown gets a backslash; tabs and control characters become spaces.
_LINE_TABLE: dict[int, str] = {
    **{code: " " for code in [*range(0x20), 0x7F]},
    **{ord(ch): "\\" + ch for ch in _INLINE},
}


def _line(text: str) -> str:
    """Escape one logical line of text (no newlines left in it)."""
    escaped = text.translate(_LINE_TABLE).strip()
    return _LEADING.sub(lambda m: (m.group(1) + "\\" + m.group(2)) if m.group(1)
                        else "\\" + m.group(3), escaped)


_SPACES = re.compile(r"\s+")
_TICKS = re.compile(r"`+")


def _longest_ticks(text: str) -> int:
    return max(map(len, _TICKS.findall(text)), default=0) if "`" in text else 0


def _fold(text: str) -> str:
    return " ".join(part for part in _SPACES.split(_clean(text)) if part)


def md_inline(text: object) -> str:
    """Spec text on a single line, as literal text."""
    return _line(_fold(str(text)))


def md_cell(text: object) -> str:
    """Spec text inside a table cell (one line; `|` escaped like everything else)."""
    return md_inline(text)


def md_text(text: object) -> str:
    """Spec prose as literal text: paragraphs (blank-line separated) kept, nothing else."""
    raw = str(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [md_inline(p) for p in re.split(r"\n[ \t]*\n", raw)]
    return "\n\n".join(p for p in paragraphs if p)


def value_text(value: Any) -> str:
    """A JSON value as text: simple strings bare (`auto`), everything else as JSON."""
    if isinstance(value, str) and value and value == value.strip() and value.isprintable():
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def md_code(value: Any, cell: bool = False) -> str:
    """An inline code span showing a JSON value (or plain string) literally, one line.
    `cell`: inside a table cell, where GFM needs `|` escaped even in code."""
    text = _clean(value_text(value)).replace("\n", " ")
    if cell:
        text = text.replace("|", "\\|")
    longest = _longest_ticks(text)
    ticks = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.strip()):
        text = f" {text} "
    if text == "":
        text = " "
    return f"{ticks}{text}{ticks}"


def md_cell_code(value: Any) -> str:
    return md_code(value, cell=True)


def md_fence(value: Any, lang: str = "json") -> str:
    """A fenced code block with pretty JSON; the fence outlasts any backtick run."""
    text = _clean(json.dumps(value, ensure_ascii=False, indent=2))
    longest = _longest_ticks(text)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def md_link(text_md: str, href: str) -> str:
    """A link: `text_md` is already Markdown; `href` is one of our own relative paths."""
    if not _HREF_OK.match(href):
        raise ValueError(f"unsafe href {href!r}")
    return f"[{text_md}]({href})"


FILTERS: dict[str, Callable[..., object]] = {
    "md": md_text, "md_inline": md_inline, "md_cell": md_cell, "md_code": md_code,
    "md_cell_code": md_cell_code,
    "md_fence": md_fence,
}
