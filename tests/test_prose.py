"""Descriptions as safe CommonMark, for any text: the docs target's Markdown holds only
the subset and stays inside its own blocks; the html target's HTML holds only the
subset's elements, with safe hrefs. (tests/hostile/ checks the same on whole pages.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.targets.docs.escaping import md_prose
from generator.targets.html.escaping import prose, prose_inline

if TYPE_CHECKING:
    from harness import Generated

MD = MarkdownIt("commonmark").enable("table")
# Text made of the pieces that make Markdown and HTML structure.
PIECES = ["*", "**", "_", "`", "```", "~~~", "\n", "\n\n", " ", "    ", "-", "+", "1.", "2)",
          "#", ">", "|", "---", "===", "[", "]", "(", ")", "<", ">", "&amp;", "&", "!", "\\",
          "a", "word", "http://x.org/a", "javascript:alert(1)", "mailto:a@b.c", "<b>", "</p>",
          "<script>", "[l](https://e.org)", "[j](javascript:x)", "![i](x.png)", "<https://e>",
          "\t", "\u2028", "\x00", "\ud800", "\u202e", "'", '"', "{{", "%"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
INLINE = {"text", "code_inline", "em_open", "em_close", "strong_open", "strong_close",
          "link_open", "link_close", "softbreak", "hardbreak"}
BLOCK = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open", "bullet_list_close",
         "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close", "fence"}
SAFE_HREF = re.compile(r"^(https?:|mailto:|[^:]*$)")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_markdown_is_the_subset_inside_its_own_blocks(text: str) -> None:
    out = md_prose(text)
    tokens = MD.parse(out)
    for tok in tokens:
        assert tok.type in BLOCK, (text, out, tok.type)
        assert tok.type != "bullet_list_open" or tok.markup == "*", (text, out)
        assert tok.type != "fence" or tok.markup.startswith("~"), (text, out)
        for child in tok.children or []:
            assert child.type in INLINE, (text, out, child.type)
            if child.type == "link_open":
                assert SAFE_HREF.match(str(child.attrs["href"])), (text, out)
    # between two of the page's own blocks, the description ends where it ends
    page = f"# Title\n\n{out}\n\n- **Type:** string\n- **Optional**\n\n**Example:** `x`\n"
    tokens = MD.parse(page)
    top = [(t.type, t.markup) for t in tokens if t.level == 0]
    assert top[:2] == [("heading_open", "#"), ("heading_close", "#")], (text, out)
    assert top[-4:] == [("bullet_list_open", "-"), ("bullet_list_close", "-"),
                        ("paragraph_open", ""), ("paragraph_close", "")], (text, out, top)
    last = max(i for i, t in enumerate(tokens) if t.type == "bullet_list_open" and t.level == 0)
    items = [t for t in tokens[last:] if t.type == "list_item_open" and t.level == 1]
    assert len(items) == 2, (text, out)


class _Audit(HTMLParser):
    TAGS = {"p", "ul", "ol", "li", "pre", "code", "em", "strong", "a"}
    ATTRS = {"href", "rel", "class", "start"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        href = dict(attrs).get("href") or ""
        if tag not in self.TAGS or names - self.ATTRS or not SAFE_HREF.match(href):
            self.bad.append(self.get_starttag_text() or tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.bad.append(f"</{tag}> out of order")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_html_is_the_subset_and_well_nested(text: str) -> None:
    for out in (prose(text), prose_inline(text)):
        audit = _Audit()
        audit.feed(out)
        audit.close()
        assert not audit.bad and not audit.stack, (text, out, audit.bad, audit.stack)
        assert "\n" not in out and "\x00" not in out and "\u2028" not in out, (text, out)


def test_a_description_renders_as_what_it_says() -> None:
    text = ("With `stream: true` the *server* **streams**; see [docs](https://e.org/a?b=1&c=2)."
            "\n\n- one\n- two\n\n```python\nx = 1\n\n\ny = 2\n```\n\n<b>x</b> [j](javascript:x) # h")
    assert prose(text) == (
        '<p>With <code>stream: true</code> the <em>server</em> <strong>streams</strong>; see '
        '<a href="https://e.org/a?b=1&amp;c=2" rel="noopener noreferrer">docs</a>.</p>'
        "<ul><li><p>one</p></li><li><p>two</p></li></ul>"
        '<pre><code class="language-python">x = 1&#10;&#10;&#10;y = 2&#10;</code></pre>'
        "<p>&lt;b&gt;x&lt;/b&gt; [j](javascript:x) # h</p>")
    assert md_prose(text) == (
        "With `stream: true` the *server* **streams**; see [docs](<https://e.org/a?b=1&c=2>).\n\n"
        "* one\n* two\n\n~~~python\nx = 1\n\ny = 2\n~~~\n\n"
        "\\<b\\>x\\</b\\> \\[j\\](javascript:x) \\# h")


# Pieces of text that markdown-it reads as plain paragraphs, and the ones at a line's
# start (or anywhere) that make it read something else.
PLAIN = ["a", "word", "é", " ", "  ", "   ", "\n", "\n\n", "\n \n", "\n    ", "1", "2.", ".", ")",
         ":", "-", "+", "=", "(", "%", "'", '"', "{", "}", "$", "@", "^", "/", "?", ",", ";",
         "\u00a0", "\u3000", "\t", "*", "_", "#", "`", "\r", "\r\n", "\x0b", "\x00", "---",
         "===", "1) ", "- ", "> ", "\\"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PLAIN), max_size=25).map("".join))
def test_plain_text_reads_as_markdown_it_reads_it(text: str) -> None:
    """`prose` skips markdown-it for text it would read as plain paragraphs: the blocks
    are the same (the rest goes to markdown-it, as every description of the shared
    specs that holds Markdown does)."""
    from markdown_it.tree import SyntaxTreeNode

    from generator.targets import prose as p

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not p._NOT_PLAIN.search(text):
        assert p._plain(text) == tuple(p._blocks(SyntaxTreeNode(p._parser().parse(text)).children))


def _whole(text: str) -> tuple[object, ...]:
    """The blocks of markdown-it's whole parse of a text, as prose reads them."""
    from markdown_it.tree import SyntaxTreeNode

    from generator.targets import prose as p

    return tuple(p._blocks(SyntaxTreeNode(p._parser().parse(text)).children))


def _descriptions(ours: "Generated", generated_for: "Callable[[str], Generated]") -> set[str]:
    """Every description of spec/ and the seed spec, line breaks as `parse` makes them."""
    from shared_data import SEED_SPEC, upstream_specs

    specs = [ours, *(generated_for(name) for name in upstream_specs() if name == SEED_SPEC)]
    return {d.replace("\r\n", "\n").replace("\r", "\n") for g in specs
            for t in g.ir.types.values()
            for d in [t.description, *(f.description for f in getattr(t, "fields", []))] if d}


def test_plain_descriptions_of_the_shared_specs_read_as_markdown_it_reads_them(
        ours: "Generated", generated_for: "Callable[[str], Generated]") -> None:
    from generator.targets import prose as p

    plain = [t for t in _descriptions(ours, generated_for) if not p._NOT_PLAIN.search(t)]
    assert len(plain) > 50
    for text in plain:
        assert p._plain(text) == _whole(text), text


def test_the_plain_text_guard_refuses_exactly_the_characters_it_names() -> None:
    """`_NOT_PLAIN` writes "whitespace but space and newline" as `[^\\S \\n]`: it refuses
    every code point that is a control character or that `str.isspace` calls whitespace
    (but space and newline), and no other one outside the syntax characters it lists."""
    from generator.targets import prose as p

    syntax = set("\\`*_[]<>&!~|#")
    for c in range(0x110000):
        ch = chr(c)
        expected = ch in syntax or c < 0x20 and ch != "\n" or ch.isspace() and ch not in " \n"
        assert bool(p._NOT_PLAIN.search("a" + ch)) == expected, hex(c)


# One line of inline syntax: what the one-paragraph fast path sees.
LINE = [p for p in PIECES + PLAIN if "\n" not in p and "\r" not in p] + [
    "&amp;", "&#x41;", "\\*", "**b**", "__u__", "`a``b`", "<a@b.c>", "[x][y]", "[y]: /u",
    "![i]", "a  ", "\u0085", "\u2028", "ab\\"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE), max_size=12).map("".join))
def test_one_line_reads_as_markdown_it_reads_it(text: str) -> None:
    """A line that starts no block goes through markdown-it's inline pass alone: the
    blocks are the ones its whole parse gives (text that does not qualify is parsed
    whole, so the two agree whatever the line)."""
    from generator.targets import prose as p

    whole = _whole(text)
    if p._NOT_PLAIN.search(text) and p._one_paragraph(text):
        assert p._parse_cached.__wrapped__(text) == whole  # type: ignore[attr-defined]
    assert tuple(p.parse(text)) == whole or "\r" in text


def test_one_line_descriptions_of_the_shared_specs_read_as_markdown_it_reads_them(
        ours: "Generated", generated_for: "Callable[[str], Generated]") -> None:
    from generator.targets import prose as p

    lines = [t for t in _descriptions(ours, generated_for)
             if p._NOT_PLAIN.search(t) and p._one_paragraph(t)]
    assert len(lines) > 20
    for text in lines:
        assert p._parse_cached.__wrapped__(text) == _whole(text), text  # type: ignore[attr-defined]
