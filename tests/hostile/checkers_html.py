"""The html target's proof, in headless Chromium (tests/browser.py), for every corpus case
at once (one server over the corpus folder, pages loaded in batches):

  - no page runs a script of the payload's: the marker the payloads set
    (`window.HOSTILE_MARKER`, also set by any alert/confirm/prompt) stays unset, and no
    CSP violation is reported (so our escaping held, not just the policy);
  - no console error, page error, dialog or failed request (an injected `<img src=x>`
    would be one);
  - every page has the DOM shape (elements, attribute names, the values of `class`,
    `rel`, `type`...) it has for a benign spec, text aside, but for descriptions
    (`.prose`), which may hold only the safe subset (p, lists, pre/code, em, strong,
    links to http, https, mailto or relative hrefs) and are audited;
  - the payload is shown, as text, on its operation page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from browser import shared_browser
from shown import visible

if TYPE_CHECKING:
    from checkers import Case

def check_html(cases: list["Case"]) -> None:
    root = cases[0].root.parent
    benign = root / "benign"
    folders = {"benign": benign, **{c.name: c.root for c in cases}}
    paths = {name: sorted(str((folder / "out" / "html" / p).relative_to(root))
                          for p in (cases[0].baseline["html"] if name == "benign"
                                    else next(c for c in cases if c.name == name).files["html"])
                          if p.endswith(".html"))
             for name, folder in folders.items()}
    browser = shared_browser()
    base = browser.serve(root)
    every = [p for name in folders for p in paths[name]]
    pages = {page["url"][len(base):]: page for page in browser.visit(base, every)}
    assert "(other)" not in {page["url"] for page in pages.values()}, \
        [p["problems"] for p in pages.values() if p["url"] == "(other)"]
    for path, page in pages.items():
        assert page["marker"] is None, (path, "a payload ran", page["marker"])
        assert not page["violations"], (path, "blocked by the CSP only", page["violations"])
        assert not page["problems"], (path, page["problems"])
        assert not page["prose"], (path, "a description holds more than the subset",
                                   page["prose"])
    want = sorted(pages[p]["shape"] for p in paths["benign"])
    for case in cases:
        if case.payload is None:
            continue
        got = sorted(pages[p]["shape"] for p in paths[case.name])
        assert len(got) == len(want), (case.name, "pages")
        for mine, theirs in zip(got, want):
            assert mine == theirs, (case.name, _first_difference(mine, theirs))
        op = next(pages[p] for p in paths[case.name] if "/operations/" in p)
        assert visible(case.payload) in visible(op["text"]), (case.name, "payload not shown")


def _first_difference(a: str, b: str) -> Any:
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return a[max(0, n - 150): n + 150], b[max(0, n - 150): n + 150]
