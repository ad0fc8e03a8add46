"""The html target, checked in headless Chromium (tests/browser.py) for spec/ and the
latest upstream spec: every page loads clean, every link and anchor resolves, the
POST /responses page shows every body field with its facts (asserted against the IR),
nested objects and union variants open in place, search finds a field; screenshots of
the operation page and a type page go to the test's output folder."""

from __future__ import annotations

import copy
import json
import time
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

import pytest

from browser import Browser
from generator import pipeline
from generator.config import Config
from generator.ir import IR, Array, Constraints, EnumType, ObjectType, Ref
from generator.output.writer import write_target
from generator.targets.docs.escaping import value_text
from generator.targets.docs.types import bounds
from harness import Generated
from shared_data import LATEST_SPEC

SPECS = {"spec": "ours", "latest": LATEST_SPEC}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'none'")


class Site:
    def __init__(self, ir: IR, folder: Path, files: dict[str, str], base: str) -> None:
        self.ir, self.folder, self.files, self.base = ir, folder, files, base
        self.visited: list[dict[str, Any]] | None = None

    def url(self, rel: str) -> str:
        return self.base + rel

    def pages(self) -> list[str]:
        return sorted(p for p in self.files if p.endswith(".html"))

    def operation(self, method: str, path: str) -> str:
        return next(p for p in self.pages() if p.startswith("operations/")
                    and f'<span class="method">{method}</span> <code>{path}</code>'
                    in self.files[p])


@pytest.fixture(scope="module")
def sites(generated_for: Callable[[str], Generated], browser: Browser,
          tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Site]:
    made: dict[str, Site] = {}

    def get(key: str) -> Site:
        if key not in made:
            ir = generated_for(SPECS[key]).ir
            root = tmp_path_factory.mktemp(f"html-{key}")
            config = Config(spec=Path(ir.source), out=root, targets=("html",), root=root,
                            use_cache=False)
            files = pipeline.render_target(ir, config, "html")
            write_target(root / "html", files, {"target": "html"})
            made[key] = Site(ir, root / "html", files, browser.serve(root / "html"))
        return made[key]

    return get


def visited(site: Site, browser: Browser) -> list[dict[str, Any]]:
    if site.visited is None:
        started = time.perf_counter()
        site.visited = browser.visit(site.base, site.pages())
        print(f"\n{len(site.visited)} pages loaded in {time.perf_counter() - started:.1f} s")
    return site.visited


@pytest.mark.parametrize("key", SPECS)
def test_every_page_loads_clean(sites: Callable[[str], Site], browser: Browser, key: str) -> None:
    """No console error, page error, failed request, CSP violation or dialog; only our
    two scripts, from the site's own folder; the CSP meta on every page."""
    site = sites(key)
    pages = visited(site, browser)
    stray = [p["problems"] for p in pages if p["url"] == "(other)"]
    assert not stray, stray  # a problem not from one of the pages
    assert len(pages) == len(site.ir.types) + len(site.ir.operations) + 1
    assets = {site.url("assets/search.js")}  # it loads search-index.js when first used
    for page in pages:
        assert not page["problems"] and not page["violations"], (page["url"], page["problems"],
                                                                  page["violations"])
        assert page["marker"] is None and not page["prose"], page["url"]
        assert set(page["scripts"]) == assets, (page["url"], page["scripts"])
        assert page["csp"] == CSP, page["url"]


@pytest.mark.parametrize("key", SPECS)
def test_every_link_and_anchor_resolves(sites: Callable[[str], Site], browser: Browser,
                                        key: str) -> None:
    site = sites(key)
    pages = visited(site, browser)
    ids = {page["url"]: set(page["ids"]) for page in pages}
    checked = outside = 0
    for page in pages:
        for href, raw in page["links"]:
            parts = urlsplit(href)
            target = parts._replace(fragment="").geturl()
            if not href.startswith(site.base) or raw.startswith("/"):  # a description's own
                assert parts.scheme in ("http", "https", "mailto"), (page["url"], href)
                outside += 1  # link: to the spec author's site (or root-relative to it)
                continue
            assert target in ids, f"{page['url']}: link to a missing page {raw}"
            assert not parts.fragment or unquote(parts.fragment) in ids[target], \
                f"{page['url']}: missing anchor {raw}"
            checked += 1
    index = site.files["assets/search-index.js"]
    entries = json.loads(index[index.index("= ") + 2:].rstrip().rstrip(";"))
    for name, what, href in entries:  # every search result leads to a page and an anchor
        page, _, anchor = href.partition("#")
        assert site.url(page) in ids and (not anchor or anchor in ids[site.url(page)]), href
    print(f"\n{key}: {checked} links resolved, {outside} to the spec author's pages, "
          f"{len(entries)} search entries")
    assert checked > 1000 and len(entries) > len(site.ir.types)


FIELDS_JS = r"""
const page = await context.newPage();
await page.goto(args.url);
const rows = await page.$$eval("section.body > .fields > .field", (els) => els.map((el) => ({
  id: el.id,
  name: el.querySelector(":scope > .field-head .field-name").textContent,
  type: el.querySelector(":scope > .field-head .field-type").textContent,
  badges: [...el.querySelectorAll(":scope > .field-head .badge")].map((b) => b.textContent),
  facts: Object.fromEntries([...el.querySelectorAll(":scope > dl.facts > dt")].map(
    (dt) => [dt.textContent, dt.nextElementSibling.textContent])),
  description: (el.querySelector(":scope > .prose") || {}).textContent || "",
  visible: el.checkVisibility(),
})));
await page.close();
return rows;
"""


@pytest.mark.parametrize("key", SPECS)
def test_request_body_fields_show_every_fact(sites: Callable[[str], Site], browser: Browser,
                                             key: str) -> None:
    """POST /responses: each body field, in the IR's order, with its type, Required or
    Optional, nullable, bounds, default, every enum value, deprecation and an example."""
    site = sites(key)
    op = next(o for o in site.ir.operations if o.method == "post" and o.path == "/responses")
    assert op.request_body is not None
    body = next(site.ir.types[c.type.name] for c in op.request_body.content
                if isinstance(c.type, Ref) and not c.event_stream)
    assert isinstance(body, ObjectType)
    rows = browser.run(FIELDS_JS, {"url": site.url(site.operation("POST", "/responses"))})
    assert [r["name"] for r in rows] == [f.name for f in body.fields]
    for f, row in zip(body.fields, rows):
        assert row["visible"], f.name
        named = site.ir.types.get(f.type.name) if isinstance(f.type, Ref) else None
        assert ("Required" in row["badges"]) == f.required, f.name
        assert ("Optional" in row["badges"]) == (not f.required), f.name
        assert ("nullable" in row["type"].split(" · ")) == f.type.nullable, (f.name, row["type"])
        assert ("Deprecated" in row["badges"]) == (f.deprecated or bool(named and named.deprecated))
        use = named.target if named is not None and hasattr(named, "target") else f.type
        for bound in bounds(getattr(use, "constraints", None) or Constraints()):
            if "`" not in bound:
                assert bound in row["type"], (f.name, bound, row["type"])
        if f.has_default:
            assert row["facts"]["Default"] == value_text(f.default), f.name
        enum = _enum_of(site.ir, f.type)
        if enum is not None:
            shown = row["facts"]["Possible values"]
            assert all(value_text(v) in shown for v in enum.values), (f.name, shown)
        assert "Example" in row["facts"], f.name
        if f.description:
            assert row["description"].strip(), f.name


def _enum_of(ir: IR, e: Any) -> EnumType | None:
    if isinstance(e, Array):
        return _enum_of(ir, e.items)
    t = ir.types.get(e.name) if isinstance(e, Ref) else None
    if isinstance(t, EnumType):
        return t
    return _enum_of(ir, t.target) if t is not None and hasattr(t, "target") else None


EXPAND_JS = r"""
const page = await context.newPage();
await page.setViewportSize({ width: 1280, height: 900 });
await page.goto(args.url);
const out = {};
for (const kind of ["nested", "variant"]) {
  const details = page.locator(`section.body > .fields > .field details.${kind}:has(.field)`)
    .filter({ visible: true }).first();
  const inner = details.locator(":scope > .fields > .field").first();
  out[kind] = { before: await inner.isVisible() };
  await details.locator(":scope > summary").click();
  out[kind].open = await details.evaluate((d) => d.open);
  out[kind].after = await inner.isVisible();
  out[kind].name = await inner.locator(".field-name").first().textContent();
}
await page.screenshot({ path: args.shots + "/operation.png" });
await page.locator("#search").fill(args.query);
const result = page.locator("#results a").filter({ hasText: args.query }).first();
out.found = await result.getAttribute("href");
await result.click();
await page.waitForLoadState("load");
out.landed = page.url();
out.target = await page.evaluate(() => {
  const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  return el ? el.querySelector(".field-name").textContent : null;
});
await page.screenshot({ path: args.shots + "/type.png" });
await page.close();
return out;
"""


@pytest.mark.parametrize("key", SPECS)
def test_nested_objects_and_variants_expand_and_search_finds_a_field(
        sites: Callable[[str], Site], browser: Browser, key: str, tmp_path: Path) -> None:
    site = sites(key)
    # a field that is on no operation page: search must find it on its type's page
    owner, field = next((t, f) for name, t in sorted(site.ir.types.items())
                        if isinstance(t, ObjectType) and not t.inline and len(t.fields) > 2
                        for f in t.fields[2:3])
    out = browser.run(EXPAND_JS, {"url": site.url(site.operation("POST", "/responses")),
                                  "shots": str(tmp_path), "query": field.name})
    for kind in ("nested", "variant"):
        assert out[kind] == {**out[kind], "before": False, "open": True, "after": True}, out
    assert out["target"] == field.name, out
    assert "#f-" in out["landed"] and out["landed"].split("#")[0].endswith(".html"), out
    for shot in ("operation.png", "type.png"):
        assert (tmp_path / shot).stat().st_size > 10_000
    print(f"\nscreenshots: {tmp_path}/operation.png, {tmp_path}/type.png (searched {owner.name}."
          f"{field.name})")


def test_operation_page_shows_the_authorization(sites: Callable[[str], Site]) -> None:
    """The security scheme (IR `auth`, read from the spec) heads every operation page:
    where the key goes, under which name, and the value's form. Until the IR carries one,
    a header scheme is set on a copy of spec/'s IR."""
    site = sites("spec")
    ir = copy.copy(site.ir)
    auth = getattr(ir, "auth", None) or SimpleNamespace(location="header", name="authorization",
                                                        prefix="Bearer ")
    setattr(ir, "auth", auth)
    config = Config(spec=Path(ir.source), out=site.folder, targets=("html",), root=site.folder,
                    use_cache=False)
    files = pipeline.render_target(ir, config, "html")
    for path in (p for p in files if p.startswith("operations/")):
        page = files[path]
        section = page[page.index('<section class="auth" id="authorization">'):]
        section = section[:section.index("</section>")]
        assert (f"<code>{escape(auth.name)}</code> <span class=\"field-type\">{auth.location} "
                f"· string</span> <span class=\"badge required\">Required</span>") in section
        assert f"<code>{escape(auth.prefix)}&lt;API key&gt;</code>" in section
        assert page.index("authorization") < page.index('<section class="body"')
