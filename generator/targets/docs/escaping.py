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
- `md_prose` (the `md` filter): a description as the safe CommonMark subset of
  `targets/prose.py` (paragraphs, code, emphasis, lists, http/https/mailto/relative
  links), every piece of text in it escaped like `md_inline`. Its lists use `*` and its
  code blocks `~~~`, where our own pages use `-` and backtick fences, so a description
  stays inside its own blocks: it can never continue one of ours.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from ...misleading import LINE_BREAKS, MISLEADING
from ..jsontext import dumps_indented, dumps_one_line
from ..prose import Block, Inline, parse, plain

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


_CLEAN_ANY = re.compile("[" + "".join(sorted(map(chr, _CLEAN))) + "]")


def _clean(text: str) -> str:
    # a regex finds none (the usual case) far faster than translating every character
    return text.translate(_CLEAN) if _CLEAN_ANY.search(text) else text


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
# What `_SPACES.sub(" ", text)` changes: a run of two or more, or one that is not a space.
_RUNS = re.compile(r"\s{2,}|[^\S ]")
_LINE_ANY = re.compile("[" + re.escape("".join(map(chr, _LINE_TABLE))) + "]")
_TICKS = re.compile(r"`+")


def _longest_ticks(text: str) -> int:
    return max(map(len, _TICKS.findall(text)), default=0) if "`" in text else 0


def _fold(text: str) -> str:
    return " ".join(part for part in _SPACES.split(_clean(text)) if part)


def md_inline(text: object) -> str:
    """Spec text on a single line, as literal text."""
    return _inline(str(text))


# Pure functions of their text, called for the same names, values and descriptions on
# many pages: each text is escaped once per run.
@lru_cache(maxsize=16384)
def _inline(text: str) -> str:
    return _line(_fold(text))


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
    return dumps_one_line(value)


def md_code(value: Any, cell: bool = False) -> str:
    """An inline code span showing a JSON value (or plain string) literally, one line.
    `cell`: inside a table cell, where GFM needs `|` escaped even in code."""
    return _code_span(value_text(value), cell)


@lru_cache(maxsize=16384)
def _code_span(text: str, cell: bool = False) -> str:
    text = _clean(text).replace("\n", " ")
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
    text = _clean(dumps_indented(value))
    longest = _longest_ticks(text)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def md_link(text_md: str, href: str) -> str:
    """A link: `text_md` is already Markdown; `href` is one of our own relative paths."""
    if not _HREF_OK.match(href):
        raise ValueError(f"unsafe href {href!r}")
    return f"[{text_md}]({href})"


def md_prose(text: object) -> str:
    """A description as safe CommonMark: its own blocks, never one of the page's."""
    return _prose(str(text))


@lru_cache(maxsize=4096)
def _prose(text: str) -> str:
    return "\n\n".join(filter(None, (_block(b) for b in parse(text))))


def md_cell_prose(text: object) -> str:
    """A description's first paragraph in a table cell: what a reader sees of it (code,
    emphasis and links as their text), escaped like any cell."""
    blocks = parse(str(text))
    return md_cell(plain(blocks[0].inlines) if blocks and blocks[0].kind == "para" else text)


def _block(b: Block) -> str:
    if b.kind == "para":
        return _LEADING.sub(lambda m: (m.group(1) + "\\" + m.group(2)) if m.group(1)
                            else "\\" + m.group(3), _inlines(b.inlines).strip())
    if b.kind == "code":
        lines = [_clean(line).translate(_CODE_TABLE) for line in b.text.rstrip("\n").split("\n")]
        body = _BLANK_RUNS.sub("\n\n", "\n".join(lines))
        fence = "~" * max(3, _longest(_TILDES, body) + 1)
        return f"{fence}{b.lang}\n{body}\n{fence}"
    items = []
    for n, item in enumerate(b.items):
        marker = f"{b.start + n}." if b.ordered else "*"
        body = "\n\n".join(filter(None, (_block(x) for x in item)))
        pad = " " * (len(marker) + 1)
        lines = [(pad + line) if line else "" for line in body.split("\n")]
        items.append(marker + (" " + lines[0].lstrip() if lines[0] else "")
                     + "".join("\n" + line for line in lines[1:]))
    return ("\n" if b.tight else "\n\n").join(items)


def _inlines(inlines: list[Inline]) -> str:
    out = []
    for i in inlines:
        if i.kind == "text":
            text = _clean(i.text)
            if _LINE_ANY.search(text):  # as translate would change it (rarely)
                text = text.translate(_LINE_TABLE)
            out.append(_RUNS.sub(" ", text))
        elif i.kind == "code":
            out.append(_code_span(i.text))
        elif i.kind == "link":
            inner = _inlines(i.children).strip() or _inlines([Inline("text", i.href)])
            href = i.href.replace("<", "%3C").replace(">", "%3E").replace("\n", "")
            out.append(f"[{inner}](<{href}>)")
        else:  # em, strong: delimiters hug the text, spaces go outside
            inner = _inlines(i.children)
            mark = "*" if i.kind == "em" else "**"
            if inner.strip():
                lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
                out.append(f"{lead}{mark}{inner.strip()}{mark}{trail}")
            else:
                out.append(inner)
    return "".join(out)


_CODE_TABLE = {code: " " for code in [*range(0x09), *range(0x0B, 0x20), 0x7F]}
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TILDES = re.compile(r"~+")


def _longest(run: re.Pattern[str], text: str) -> int:
    return max(map(len, run.findall(text)), default=0)


FILTERS: dict[str, Callable[..., object]] = {
    "md": md_prose, "md_text": md_text, "md_inline": md_inline, "md_cell": md_cell, "md_code": md_code,
    "md_cell_code": md_cell_code, "md_cell_prose": md_cell_prose,
    "md_fence": md_fence,
}
