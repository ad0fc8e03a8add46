"""Spec descriptions as a safe subset of CommonMark, for every target that shows them.

OpenAPI descriptions are CommonMark. `parse` reads one with markdown-it-py and keeps
only what a reference page may show: paragraphs, code spans and code blocks, emphasis,
lists, and links whose scheme is http, https or mailto (or that have none: relative).
Everything else comes back as *text* showing what the author wrote: raw HTML, images,
a link to another scheme (`[x](javascript:...)`), headings (`# Title`), rules, quotes,
tables. The result is a small tree of `Block`s and `Inline`s; each target writes it in
its own syntax with its own escaping (docs: `docs/escaping.py`, html: `html/escaping.py`),
so no spec text is ever passed through as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

# A link is kept when its (normalized) href has one of these schemes, or none.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SCHEMES = ("http", "https", "mailto")
_LANG = re.compile(r"^[A-Za-z0-9_+.#-]{1,32}$")


@dataclass
class Inline:
    """kind: text (`text`), code (`text`), em, strong, link (`href`, `children`)."""

    kind: str
    text: str = ""
    href: str = ""
    children: list["Inline"] = field(default_factory=list)


@dataclass
class Block:
    """kind: para (`inlines`), code (`text`, `lang`), list (`ordered`, `start`, `items`:
    each item a list of blocks, `tight`)."""

    kind: str
    inlines: list[Inline] = field(default_factory=list)
    text: str = ""
    lang: str = ""
    ordered: bool = False
    start: int = 1
    tight: bool = True
    items: list[list["Block"]] = field(default_factory=list)


def safe_href(href: str) -> bool:
    """http, https, mailto or relative (no scheme); never javascript:, data:, file:..."""
    found = _SCHEME.match(href)
    return found is None or found.group(1).lower() in SCHEMES


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html off: raw HTML is parsed as text. Tables, strikethrough: not in "commonmark".
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[Block, ...]:
    if not _NOT_PLAIN.search(text):
        return _plain(text)
    if _one_paragraph(text):  # markdown-it's inline pass alone: ~40% less work
        inline = SyntaxTreeNode(_parser().parseInline(text)).children[0]
        return (Block("para", inlines=_inlines(inline.children)),)
    root = SyntaxTreeNode(_parser().parse(text))
    return tuple(_blocks(root.children))


# What a CommonMark block can start with, with no indentation: a heading (`#`), a quote,
# a list item (`-`, `+`, `*`, a digit), a rule (`-`, `*`, `_`), a fence (`` ` ``, `~`),
# a link reference definition (`[`), raw HTML, a setext underline or a table (`=`, `<`,
# `|`: off or needing two lines, refused all the same).
_BLOCK_START = frozenset("#>-+*_`~[<=|0123456789")


def _one_paragraph(text: str) -> bool:
    """One line (no line break), no space around it (a paragraph's text is stripped),
    that starts no block: CommonMark reads it as one paragraph holding exactly what its
    inline syntax says (tests/test_prose.py compares the two ways)."""
    return (bool(text) and "\n" not in text and "\r" not in text and text[0] not in _BLOCK_START
            and text == text.strip())


# Text that CommonMark reads as plain paragraphs, whatever the rest of it holds: no
# character that starts inline syntax, no control character or whitespace other than
# space and newline, and no line that starts with a space (code, lazy continuation) or
# with what starts a block there (`-`, `+`, `=`, a digit; `#`, `>`, `*`, `_`, fences and
# `[` are refused anywhere). Most descriptions are: `_plain` reads them as markdown-it
# would (tests/test_prose.py compares the two), ~20x faster.
# (`[^\S \n]`: any whitespace but space and newline, the same set as `str.isspace`.)
_NOT_PLAIN = re.compile("[\\\\`*_\\[\\]<>&!~|#\x00-\x09\x0b-\x1f]|[^\\S \n]|(?:^|\n)[ +=0-9-]")


def _plain(text: str) -> tuple[Block, ...]:
    """Plain text's paragraphs (split at lines of spaces only); a line break inside one
    is a space, and the spaces that end a line go (a soft or a hard break, both shown as
    one space)."""
    blocks: list[Block] = []
    lines: list[str] = []
    for line in text.split("\n") + [""]:
        if line.strip(" "):
            lines.append(line.rstrip(" "))
        elif lines:
            inlines = [Inline("text", lines[0])]
            for more in lines[1:]:
                inlines += [Inline("text", " "), Inline("text", more)]
            blocks.append(Block("para", inlines=inlines))
            lines = []
    return tuple(blocks)


def parse(text: str) -> list[Block]:
    """A description as safe blocks (an empty list for blank text). Shared, not copied:
    callers must not change what they get."""
    return list(_parse_cached(text.replace("\r\n", "\n").replace("\r", "\n")))


def _blocks(nodes: list[SyntaxTreeNode]) -> list[Block]:
    out: list[Block] = []
    for node in nodes:
        out.extend(_block(node))
    return out


def _block(node: SyntaxTreeNode) -> list[Block]:
    kind = node.type
    if kind == "paragraph":
        return [Block("para", inlines=_inline_of(node))]
    if kind in ("fence", "code_block"):
        lang = node.info.split()[0] if node.info.strip() else ""
        return [Block("code", text=node.content, lang=lang if _LANG.match(lang) else "")]
    if kind in ("bullet_list", "ordered_list"):
        start = int(node.attrs.get("start", 1) or 1) if kind == "ordered_list" else 1
        items = [_blocks(item.children) for item in node.children]
        tight = all(c.hidden for item in node.children for c in item.children
                    if c.type == "paragraph")
        return [Block("list", ordered=kind == "ordered_list", start=start, items=items,
                      tight=tight)]
    if kind == "heading":  # "# Title" shown as text, never a heading
        return [Block("para", inlines=[Inline("text", node.markup + " "), *_inline_of(node)])]
    if kind == "hr":
        return [Block("para", inlines=[Inline("text", node.markup)])]
    if kind == "blockquote":  # "> quoted" shown as text, its paragraphs kept
        inner = _blocks(node.children)
        for b in inner:
            if b.kind == "para":
                b.inlines.insert(0, Inline("text", "> "))
        return inner
    text = node.content if hasattr(node, "content") else ""
    return [Block("para", inlines=[Inline("text", text)])] if text.strip() else []


def _inline_of(node: SyntaxTreeNode) -> list[Inline]:
    inline = next((c for c in node.children if c.type == "inline"), None)
    return _inlines(inline.children) if inline is not None else []


def _inlines(nodes: list[SyntaxTreeNode]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        kind = node.type
        if kind in ("text", "html_inline"):
            out.append(Inline("text", node.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append(Inline("text", " "))
        elif kind == "code_inline":
            out.append(Inline("code", node.content))
        elif kind in ("em", "strong"):
            out.append(Inline(kind, children=_inlines(node.children)))
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            inner = _inlines(node.children)
            if safe_href(href):
                out.append(Inline("link", href=href, children=inner))
            elif node.markup == "autolink":  # another scheme: the source, as text
                out += [Inline("text", "<"), *inner, Inline("text", ">")]
            else:
                out += [Inline("text", "["), *inner, Inline("text", f"]({href})")]
        elif kind == "image":
            src = str(node.attrs.get("src", ""))
            out += [Inline("text", "!["), *_inlines(node.children), Inline("text", f"]({src})")]
        else:
            out.append(Inline("text", node.content))
    return out


def plain(inlines: list[Inline]) -> str:
    """The text a reader sees of some inlines (markup gone)."""
    return "".join(i.text if i.kind in ("text", "code") else plain(i.children)
                   for i in inlines)
