"""The one place where spec text becomes HTML (or the search index's JavaScript data).

Registered as Jinja filters by the html target, and used by its view code:

- `h`: spec text as HTML text or a quoted attribute value (`& < > " '` escaped); C0
  controls and line breaks (NEL, U+2028, U+2029) become spaces, lone surrogates and the
  other misleading characters of `generator/misleading.py` (bidi and C1 controls, DEL,
  the BOM) become U+FFFD, as on the docs target's pages;
- `code`: any value as `<code>` (JSON for non-strings, as the docs show it);
- `json_block`: a value as pretty JSON in `<pre><code>`;
- `prose`: a description as the safe CommonMark subset of `targets/prose.py`, written as
  `<p>`, `<ul>`/`<ol>`/`<li>`, `<pre><code>`, `<code>`, `<em>`, `<strong>` and
  `<a href>` (http, https, mailto or relative; `rel="noopener noreferrer"`), every
  piece of text through `h`; `prose_inline`: its first paragraph's inline content only;
- `link`: `<a href>` to one of our own pages (a checked relative path);
- `js_data`: JSON for a `.js` file, with `<`, `>`, `&` and every non-ASCII character as
  `\\u` escapes (so no text can end the script or read differently).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Callable

from ...misleading import LINE_BREAKS, MISLEADING
from ..docs.escaping import value_text
from ..jsontext import dumps_indented
from ..prose import Block, Inline, parse

_TABLE: dict[int, str] = {
    **{code: "\ufffd" for code in MISLEADING},
    **{code: " " for code in [*range(0x09), *range(0x0B, 0x20), *LINE_BREAKS]},
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;",
}
_SURROGATES = re.compile("[\ud800-\udfff]")
# Any character `h` changes: most text has none, and a regex finds that faster than
# translating every character.
_ANY = re.compile("[" + re.escape("".join(map(chr, sorted(_TABLE)))) + "\ud800-\udfff]")
_OUR_HREF = re.compile(r"^[A-Za-z0-9._/-]*(#[A-Za-z0-9_-]*)?$")


def h(text: object) -> str:
    """Spec text as HTML text (also safe inside a double- or single-quoted attribute)."""
    text = str(text)
    return _SURROGATES.sub("\ufffd", text).translate(_TABLE) if _ANY.search(text) else text


def code(value: Any, cell: bool = False) -> str:
    """A value as inline code, on one line (`cell` is accepted for the shared labels)."""
    return f"<code>{h(value_text(value).replace(chr(10), ' '))}</code>"


def json_block(value: Any) -> str:
    text = dumps_indented(value)
    return f'<pre class="json"><code>{_lines(text)}</code></pre>'


def _lines(text: str) -> str:
    """Preformatted text on one line of HTML: its line breaks as `&#10;`."""
    return "&#10;".join(h(line) for line in text.split("\n"))


def link(text_html: str, href: str) -> str:
    """A link to one of our own pages: `href` is a relative path we made."""
    if not _OUR_HREF.match(href):
        raise ValueError(f"unsafe href {href!r}")
    return f'<a href="{href}">{text_html}</a>'


def prose(text: object) -> str:
    """A description as HTML: only the safe subset, every text escaped."""
    return _prose(str(text))


@lru_cache(maxsize=4096)
def _prose(text: str) -> str:  # a pure function of the text: once per text and run
    return "".join(_block(b) for b in parse(text))


def prose_inline(text: object) -> str:
    """The first paragraph of a description, inline (code, emphasis, links kept)."""
    blocks = parse(str(text))
    if blocks and blocks[0].kind == "para":
        return _inlines(blocks[0].inlines).strip()
    return h(" ".join(str(text).split()))


def _block(b: Block) -> str:
    if b.kind == "para":
        inner = _inlines(b.inlines).strip()
        return f"<p>{inner}</p>" if inner else ""
    if b.kind == "code":
        lang = f' class="language-{h(b.lang)}"' if b.lang else ""
        return f"<pre><code{lang}>{_lines(b.text)}</code></pre>"
    tag = "ol" if b.ordered else "ul"
    start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
    items = "".join(f"<li>{''.join(_block(x) for x in item)}</li>" for item in b.items)
    return f"<{tag}{start}>{items}</{tag}>"


def _inlines(inlines: list[Inline]) -> str:
    out = []
    for i in inlines:
        if i.kind == "text":
            out.append(h(i.text))
        elif i.kind == "code":
            out.append(f"<code>{h(i.text)}</code>")
        elif i.kind == "link":
            inner = _inlines(i.children).strip() or h(i.href)
            out.append(f'<a href="{h(i.href)}" rel="noopener noreferrer">{inner}</a>')
        else:
            tag = "em" if i.kind == "em" else "strong"
            out.append(f"<{tag}>{_inlines(i.children)}</{tag}>")
    return "".join(out)


def js_data(value: Any) -> str:
    """JSON for a script file: ASCII only, and no `<`, `>` or `&` (as `\\u` escapes)."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


FILTERS: dict[str, Callable[..., object]] = {
    "h": h, "code": code, "json_block": json_block, "prose": prose, "prose_inline": prose_inline,
    "js_data": js_data,
}
