"""Every relative link in README.md and docs/*.md points at a file that exists (and at a
heading that exists, when it names one)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _tokens(text: str):  # type: ignore[no-untyped-def]
    for token in MarkdownIt("commonmark").parse(text):
        yield token
        yield from token.children or []


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    tokens = list(_tokens(path.read_text(encoding="utf-8")))
    return {_slug(tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"}


def _links(path: Path) -> list[str]:
    return [str(t.attrs["href"]) for t in _tokens(path.read_text(encoding="utf-8"))
            if t.type == "link_open"]


def test_every_relative_link_resolves() -> None:
    broken = []
    checked = 0
    for page in PAGES:
        for href in _links(page):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(ROOT)}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".md" and parts.fragment not in _anchors(target):
                broken.append(f"{page.relative_to(ROOT)}: {href} (no such heading)")
    assert checked >= 10, "the README and docs/ should link to each other"
    assert not broken, "\n".join(broken)


def test_readme_is_a_front_page() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 220, f"README.md has {len(lines)} lines; the manual belongs in docs/"
    text = "\n".join(lines)
    for page in ("guide", "generated-python", "validators", "diff", "security",
                 "benchmarks", "architecture", "new-target"):
        assert f"docs/{page}.md" in text, page
