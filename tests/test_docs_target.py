"""The docs target: Markdown pages with every fact, escaped, with links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from generator import pipeline
from generator.config import Config
from generator.ir import IR, EnumType, ObjectType, Ref
from generator.targets.base import available_targets
from shared_data import LATEST_SPEC, ROOT, shared_path

SPEC = ROOT / "spec" / "openapi.yaml"
MD = MarkdownIt("commonmark").enable("table")


def render_docs(spec: Path, root: Path) -> tuple[IR, dict[str, str]]:
    config = Config(spec=spec, out=root, targets=("docs",), root=root, use_cache=False)
    ir, _ = pipeline.load_ir(config)
    return ir, pipeline.render_target(ir, config, "docs")


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> tuple[IR, dict[str, str]]:
    return render_docs(SPEC, tmp_path_factory.mktemp("docs"))


def operation_page(files: dict[str, str]) -> str:
    pages = [text for path, text in files.items() if path.startswith("operations/")]
    assert len(pages) == 1
    return pages[0]


def block(page: str, name: str) -> str:
    """The section of a page under the heading `### `name``."""
    start = page.index(f"\n### `{name}`\n")
    end = page.find("\n### ", start + 1)
    return page[start:] if end < 0 else page[start:end]


# ------------------------------------------------------------------ slugs, links


def slug(text: str) -> str:  # GitHub / markdown-it anchors rule, independently written
    return re.sub(r"[^\w\- ]", "", text.strip().lower().replace(" ", "-"))


def anchors_of(text: str) -> set[str]:
    found: set[str] = set()
    tokens = MD.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            plain = "".join(c.content for c in tokens[i + 1].children or []
                            if c.type in ("text", "code_inline"))
            base = slug(plain)
            candidate, n = base, 1
            while candidate in found:
                candidate, n = f"{base}-{n}", n + 1
            found.add(candidate)
    return found


def links_of(text: str) -> list[str]:
    out = []
    for tok in MD.parse(text):
        for child in tok.children or []:
            if child.type == "link_open":
                out.append(str(child.attrs["href"]))
    return out


def assert_links_resolve(files: dict[str, str]) -> int:
    anchors = {path: anchors_of(text) for path, text in files.items()}
    checked = 0
    for path, text in files.items():
        for href in links_of(text):
            if re.match(r"^(https?:|mailto:|/)", href):  # a description's own link (ours are
                continue  # relative paths to .md pages and anchors, never from the root)
            assert ":" not in href, (path, href)
            file_part, _, anchor = href.partition("#")
            target = path if not file_part else (Path(path).parent / file_part).as_posix()
            target = re_norm(target)
            assert target in files, f"{path}: link to missing page {href}"
            if anchor:
                assert anchor in anchors[target], f"{path}: missing anchor {href}"
            checked += 1
    return checked


def re_norm(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


# ------------------------------------------------------------------------ tests


def test_docs_target_is_installed() -> None:
    assert "docs" in available_targets()


def test_pages_for_every_operation_and_type_and_an_index(ours: tuple[IR, dict[str, str]]) -> None:
    ir, files = ours
    assert "index.md" in files
    assert len([p for p in files if p.startswith("types/")]) == len(ir.types)
    for path in files:
        if path != "index.md":
            assert f"]({path})" in files["index.md"], path


def test_seed_fields_appear_with_their_facts(ours: tuple[IR, dict[str, str]]) -> None:
    seed = shared_path("seed", "create-a-response.txt").read_text(encoding="utf-8")
    names = re.findall(r"^([a-z_]+?)(?:string|number|integer|boolean|any of|all of|any)"
                       r"(?:\[\])?(?: ·|Optional|Required)", seed, re.M)
    assert len(names) > 20
    page = operation_page(ours[1])
    for name in names:
        assert f"\n### `{name}`\n" in page, name
    assert "max: 2" in block(page, "temperature") and "nullable" in block(page, "temperature")
    assert "min: -2 · max: 2" in block(page, "presence_penalty")
    assert "max: 20" in block(page, "top_logprobs")
    for name in ("user", "session_id"):
        assert "maxLength: 128" in block(page, name)
    assert "**Default:** `auto`" in block(page, "service_tier")
    assert "**Default:** `false`" in block(page, "store")
    assert "**Default:** `false`" in block(page, "stream")
    route = block(page, "route")
    assert "**Deprecated:** yes" in route and "provider.sort.partition" in route
    assert "**Possible values:** `fallback`, `sort`" in route
    assert "**Nullable:** yes" in block(page, "instructions")
    assert "**Type:** array of string" in block(page, "models")
    assert "**Example:** `openai/gpt-4o-mini`" in block(page, "model")


def test_every_enum_value_is_listed(ours: tuple[IR, dict[str, str]]) -> None:
    ir, files = ours
    page = operation_page(files)
    body = ir.types["OpenResponsesRequest"]
    assert isinstance(body, ObjectType)
    seen = 0
    for f in body.fields:
        if isinstance(f.type, Ref) and isinstance(ir.types[f.type.name], EnumType):
            enum = ir.types[f.type.name]
            assert isinstance(enum, EnumType)
            for value in enum.values:
                assert f"`{value}`" in block(page, f.name), (f.name, value)
            seen += 1
    assert seen >= 3
    for name, t in ir.types.items():
        if isinstance(t, EnumType):
            text = next(v for p, v in files.items() if p.startswith("types/")
                        and v.startswith(f"# {name}\n"))
            assert all(f"`{v}`" in text for v in t.values if isinstance(v, str)), name


def test_stream_events_sentinel_and_headers(ours: tuple[IR, dict[str, str]]) -> None:
    page = operation_page(ours[1])
    assert "## Header parameters" in page and "### `X-Session-Id`" in page
    assert "`text/event-stream`" in page and "`data: [DONE]`" in page
    assert "| `response.created` |" in page
    assert re.search(r"^### `4\d\d`$", page, re.M)


def test_union_pages_list_variants_and_mapping(ours: tuple[IR, dict[str, str]]) -> None:
    files = ours[1]
    text = files["types/open-responses-stream-event.md"]
    assert "**Variants (one of):**" in text and "**Discriminator:**" in text
    assert "| `response.completed` | [OpenResponsesStreamEventResponseCompleted]" in text


def test_what_json_schema_asks_beyond_the_models_is_shown(ours: tuple[IR, dict[str, str]]) -> None:
    """Where an allOf member is overridden (IR `also`), the page says what the
    validators still require: the base union of a content part, "not null"."""
    ir, files = ours
    shown = 0
    for name, t in ir.types.items():
        also = [*t.also, *(a for f in getattr(t, "fields", []) for a in f.type.also)]
        text = next(v for k, v in files.items() if k.startswith("types/") and
                    v.startswith(f"# {name}\n"))
        assert text.count("**JSON Schema also requires:**") == (
            bool(t.also) + sum(bool(f.type.also) for f in getattr(t, "fields", []))), name
        shown += len(also)
    assert shown >= 5
    part = files["types/open-responses-stream-event-response-content-part-done-part.md"]
    assert "**JSON Schema also requires:** [ResponsesOutputMessageContentItem]" in part


def test_links_and_anchors_resolve(ours: tuple[IR, dict[str, str]]) -> None:
    assert assert_links_resolve(ours[1]) > 1000


def test_markdown_parses_and_has_no_html(ours: tuple[IR, dict[str, str]]) -> None:
    for path, text in ours[1].items():
        html = MD.render(text)
        tokens = MD.parse(text)
        assert not [t for t in tokens if t.type == "html_block"], path
        assert "<script" not in html and "<b>" not in html, path


def test_output_is_deterministic(ours: tuple[IR, dict[str, str]], tmp_path: Path) -> None:
    assert render_docs(SPEC, tmp_path)[1] == ours[1]


HOSTILE = "</script><b>x</b> | a | *b* [c](javascript:alert(1)) `tick` &amp; _u_\n# head\n- item"

HOSTILE_SPEC = """\
openapi: 3.1.0
info: {title: "T | <i>", version: "1"}
paths:
  /things:
    post:
      operationId: makeThing
      summary: "Make | <b>thing</b>"
      description: %(h)s
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        "200":
          description: %(h)s
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      description: %(h)s
      properties:
        "a|b":
          type: string
          description: %(h)s
          enum: ["x|y", "<b>z</b>", "`q`"]
          pattern: "^a|b$"
        "a|b ":
          type: string
          const: "p|q"
        kind: {$ref: "#/components/schemas/Kind"}
    Kind:
      type: string
      description: %(h)s
      enum: ["*k*", "[l](m)"]
"""


def test_hostile_text_renders_as_text(tmp_path: Path) -> None:
    """Exact renderings of a few payloads (tests/hostile/ proves every payload in every sink)."""
    import json

    spec = tmp_path / "spec.yaml"
    spec.write_text(HOSTILE_SPEC % {"h": json.dumps(HOSTILE)}, encoding="utf-8")
    _, files = render_docs(spec, tmp_path)
    assert_links_resolve(files)
    for path, text in files.items():
        tokens = MD.parse(text)
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not kinds & {"html_block", "html_inline", "code_block", "image"}, path
        html = MD.render(text)
        assert "<script" not in html and "<b>" not in html and "<i>" not in html, path
        for href in re.findall(r'href="([^"]*)"', html):
            assert not href.startswith("javascript"), path
        headings = [t for t in tokens if t.type == "heading_open"]
        assert all(h.tag != "h1" for h in headings[1:]), path  # "# head" stayed text
        for i, t in enumerate(tokens):  # every table row keeps its column count
            if t.type == "tr_open":
                cells = 0
                for u in tokens[i + 1:]:
                    if u.type == "tr_close":
                        break
                    cells += u.type in ("td_open", "th_open")
                assert cells in (2, 3, 5), (path, cells)
    page = files["operations/make-thing.md"]
    text = MD.render(page)
    assert ("<p>&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; | a | <em>b</em> [c](javascript:alert(1)) "
            "<code>tick</code> &amp; <em>u</em></p>\n<p># head</p>\n<ul>\n<li>item</li>") in text
    assert "<code>x|y</code>" in text and "<code>&lt;b&gt;z&lt;/b&gt;</code>" in text
    assert "<code>p|q</code>" in text  # the const, inside a table cell too


PROSE = """With `stream: true` the server *streams* **events**; see [the guide](https://example.com/g?a=1&b=2)
or [mail](mailto:team@example.com) or [a page](other.md#x).

- first `item`
- second *item*

1. one
2. two

```python
print("hi")
```

[bad](javascript:alert(1)) [data](data:text/html,x) <b>raw</b> <script>x()</script>

# Not a heading
| not | a | row |
"""


def test_descriptions_render_as_safe_commonmark(tmp_path: Path) -> None:
    """Code, emphasis, lists and http/mailto/relative links in a description render as
    such (parsed back with markdown-it-py); other schemes, raw HTML, headings and table
    rows stay text, inside the description's own blocks."""
    import json

    spec = tmp_path / "spec.yaml"
    spec.write_text(HOSTILE_SPEC % {"h": json.dumps(PROSE)}, encoding="utf-8")
    _, files = render_docs(spec, tmp_path)
    page = files["operations/make-thing.md"]
    html = MD.render(page)
    assert "With <code>stream: true</code> the server <em>streams</em> <strong>events</strong>" in html
    assert '<a href="https://example.com/g?a=1&amp;b=2">the guide</a>' in html
    assert '<a href="mailto:team@example.com">mail</a>' in html
    assert '<a href="other.md#x">a page</a>' in html
    assert "<li>first <code>item</code></li>\n<li>second <em>item</em></li>" in html
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html
    assert '<pre><code class="language-python">print(&quot;hi&quot;)\n</code></pre>' in html
    assert ("[bad](javascript:alert(1)) [data](data:text/html,x) &lt;b&gt;raw&lt;/b&gt; "
            "&lt;script&gt;x()&lt;/script&gt;</p>") in html
    assert "<p># Not a heading</p>\n<p>| not | a | row |</p>" in html
    tokens = MD.parse(page)
    hrefs = {str(c.attrs["href"]) for t in tokens for c in t.children or [] if c.type == "link_open"}
    assert not [h for h in hrefs if h.startswith(("javascript", "data"))], hrefs
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    # the description's list ends where it ends: the field facts are a list of their own
    field = block(page, "a|b")
    facts = MD.parse(field[field.index("- **Type:**"):])
    assert facts[0].type == "bullet_list_open" and facts[0].markup == "-"
    desc_lists = [t for t in MD.parse(field) if t.type == "bullet_list_open"]
    assert [t.markup for t in desc_lists] == ["*", "-"]


def test_latest_upstream_spec_links_resolve(tmp_path: Path) -> None:
    spec = shared_path("specs", LATEST_SPEC)
    ir, files = render_docs(spec, tmp_path)
    assert len(files) == len(ir.types) + len(ir.operations) + 1
    assert assert_links_resolve(files) > 1000
    for path, text in files.items():
        assert not [t for t in MD.parse(text) if t.type == "html_block"], path
