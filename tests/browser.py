"""Headless Chromium for the tests: Debian's `chromium` (installed with apt-get when
/usr/bin/chromium is missing) driven by npm's `playwright-core` (installed into
.cache/browser/, never `npx playwright install`), offline, one browser per test process.

`Browser.serve(folder)` serves a folder on 127.0.0.1; `Browser.visit(base, paths)`
loads pages (as iframes of one host page, a batch at a time) and reports, per page,
what the tests assert on: console errors, page errors, failed requests and 4xx/5xx
responses, CSP violations, the ids, the links, the DOM's shape, and whether a marker a
payload might set got set.
`Browser.run(script, args)` runs any other JavaScript against the browser context.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from node_tools import npm_install
from shared_data import ROOT

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_DIR = ROOT / ".cache" / "browser"
PACKAGES = {"playwright-core": "1.65.1"}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> Path:
    """/usr/bin/chromium, installed with apt-get (as root) when missing."""
    if CHROMIUM.exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("no /usr/bin/chromium, and apt-get (as root) is not available to install it")
    BROWSER_DIR.mkdir(parents=True, exist_ok=True)
    with open(BROWSER_DIR / ".apt-lock", "w") as lock:  # parallel workers install once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not CHROMIUM.exists():
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
                run = subprocess.run(cmd, capture_output=True, text=True, env=env)
                assert run.returncode == 0, f"{' '.join(cmd)} failed:\n{run.stderr[-2000:]}"
    assert CHROMIUM.exists(), "apt-get installed chromium, but /usr/bin/chromium is missing"
    return CHROMIUM


DRIVER = r"""
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";
import { createServer } from "node:http";
import { readFile } from "node:fs";
import { extname, join, normalize } from "node:path";
const [executablePath, userDataDir, argsJson] = process.argv.slice(2);
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath, headless: true,
  // offline but for our own server: every host name fails to resolve, 127.0.0.1 is no name
  args: [...JSON.parse(argsJson), "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});
await context.addInitScript(() => {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = () => { window.HOSTILE_MARKER = "called " + name; };
  }
});
// A static file server on 127.0.0.1 for a folder; any other path is an empty host page.
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8" };
async function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://h").pathname));
    if (path === "/favicon.ico") {  // asked for by the browser itself, not by our pages
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === "/__host") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><title>host</title>");
      return;
    }
    readFile(join(root, path), (err, data) => {
      res.writeHead(err ? 404 : 200, { "content-type": TYPES[extname(path)] || "application/octet-stream" });
      res.end(err ? "" : data);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${server.address().port}/`;
}
// Everything a test asserts on for one page, read in its frame.
function facts(doc, win) {
  const SHAPE_ATTRS = ["class", "type", "rel", "hidden", "open", "lang", "charset", "name", "http-equiv"];
  const PROSE_TAGS = new Set(["P", "UL", "OL", "LI", "PRE", "CODE", "EM", "STRONG", "A"]);
  const prose = [];
  function shape(el) {
    if (el.classList.contains("prose")) {  // a description: only the safe subset inside
      for (const sub of el.querySelectorAll("*")) {
        const attrs = [...sub.attributes].map((a) => a.name);
        const bad = !PROSE_TAGS.has(sub.tagName)
          || attrs.some((a) => !["href", "rel", "class", "start"].includes(a))
          || (sub.tagName === "A" && !/^(https?:|mailto:|[^:]*$)/.test(sub.getAttribute("href") || ""))
          || (sub.hasAttribute("class") && !/^language-[A-Za-z0-9_+.#-]+$/.test(sub.getAttribute("class")));
        if (bad) prose.push(sub.outerHTML.slice(0, 200));
      }
      return "prose";
    }
    const attrs = [...el.attributes].map((a) => SHAPE_ATTRS.includes(a.name) ? a.name + "=" + a.value : a.name);
    const kids = [];
    for (const child of el.childNodes) {
      if (child.nodeType === 1) kids.push(shape(child));
      else if (child.nodeType === 3 && child.data.trim() && kids[kids.length - 1] !== "#text") kids.push("#text");
      else if (child.nodeType !== 3) kids.push("#node" + child.nodeType);
    }
    return el.tagName.toLowerCase() + "[" + attrs.sort().join(",") + "](" + kids.join(",") + ")";
  }
  return {
    ids: [...doc.querySelectorAll("[id]")].map((e) => e.id),
    links: [...doc.querySelectorAll("a[href]")].map((a) => [a.href, a.getAttribute("href")]),
    scripts: [...doc.scripts].map((s) => s.src),
    csp: (doc.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || "",
    shape: shape(doc.documentElement),
    text: doc.body ? doc.body.textContent : "",
    prose,
    marker: win.HOSTILE_MARKER === undefined ? null : String(win.HOSTILE_MARKER),
    violations: win.__violations || [],
  };
}
// Load pages (paths under `base`) `batch` at a time, as iframes of one host page (much
// faster than a navigation each); problems are told apart by the URL they come from.
async function visitAll(base, paths, batch, hosts) {
  const problems = [];
  const out = [];
  let next = 0;
  async function host() {  // one host page, loading batch after batch
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error") problems.push([m.location().url, "console: " + m.text()]); });
    page.on("pageerror", (e) => problems.push(["", "pageerror: " + e]));
    page.on("requestfailed", (r) => problems.push([r.frame().url(), "requestfailed: " + r.url()]));
    page.on("response", (r) => { if (r.status() >= 400) problems.push([r.frame().url(), r.status() + ": " + r.url()]); });
    page.on("dialog", (d) => { problems.push(["", "dialog: " + d.message()]); d.dismiss(); });
    await page.goto(base + "__host");
    while (next < paths.length) {
      const urls = paths.slice(next, next + batch).map((p) => base + p);
      next += batch;
      const found = await page.evaluate(async ([urls, factsSource]) => {
        const facts = new Function("return " + factsSource)();
        const frames = urls.map((u) => { const f = document.createElement("iframe"); f.src = u; return f; });
        const loaded = frames.map((f) => new Promise((ok) => f.addEventListener("load", ok)));
        frames.forEach((f) => document.body.appendChild(f));
        await Promise.all(loaded);
        await new Promise((ok) => setTimeout(ok, 20));  // let error events of the last ones land
        const got = frames.map((f) => ({ url: f.src, ...facts(f.contentDocument, f.contentWindow) }));
        frames.forEach((f) => f.remove());
        return got;
      }, [urls, facts.toString()]);
      out.push(...found);
    }
    await page.close();
  }
  await Promise.all(Array.from({ length: hosts }, host));
  const order = new Map(paths.map((p, i) => [base + p, i]));
  out.sort((a, b) => order.get(a.url) - order.get(b.url));
  for (const page of out) page.problems = problems.filter(([url]) => url === page.url || url === "").map(([, p]) => p);
  const known = new Set(out.map((p) => p.url));
  const stray = problems.filter(([url]) => url && !known.has(url));
  if (stray.length) out.push({ url: "(other)", problems: stray.map(([u, p]) => u + " " + p) });
  return out;
}
const AsyncFunction = (async () => {}).constructor;
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const { script, args } = JSON.parse(line);
  let reply;
  try {
    const fn = new AsyncFunction("context", "serve", "visitAll", "args", script);
    reply = { ok: true, value: await fn(context, serve, visitAll, args) };
  } catch (e) {
    reply = { ok: false, error: String(e && e.stack || e) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
await context.close();
process.exit(0);
"""


class Browser:
    """One Chromium (a persistent context with a new, empty profile) behind a node driver."""

    def __init__(self) -> None:
        executable = chromium()
        modules = npm_install(BROWSER_DIR, PACKAGES, "the html target is not checked in a browser")
        assert modules.is_dir()
        scratch = BROWSER_DIR / f"driver.{os.getpid()}.mjs"  # parallel workers: write, then
        scratch.write_text(DRIVER)  # move into place, so no one runs a half-written file
        os.replace(scratch, BROWSER_DIR / "driver.mjs")
        self.profile = tempfile.mkdtemp(prefix="respgen-chromium-")
        self.proc = subprocess.Popen(
            ["node", "driver.mjs", str(executable), self.profile, json.dumps(ARGS)],
            cwd=BROWSER_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, script: str, args: Any = None) -> Any:
        """Run `script` (an async function body over `context`, `serve`, `visitAll`, `args`)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"script": script, "args": args}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the browser driver exited"
        reply = json.loads(line)
        assert reply["ok"], reply["error"]
        return reply["value"]

    def serve(self, folder: Path) -> str:
        """A base URL (http://127.0.0.1:port/) serving `folder`, for as long as we run."""
        return str(self.run("return await serve(args);", str(folder)))

    def visit(self, base: str, paths: list[str], batch: int = 40,
              hosts: int = 2) -> list[dict[str, Any]]:
        """What `facts` reads on each page (plus its `problems`), in the order given;
        `hosts` host pages load batches side by side."""
        return list(self.run("return await visitAll(args.base, args.paths, args.batch, args.hosts);",
                             {"base": base, "paths": paths, "batch": batch, "hosts": hosts}))

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


_SHARED: list[Browser] = []


def shared_browser() -> Browser:
    """This process's one browser (the `browser` fixture and the hostile checker share it)."""
    if not _SHARED:
        _SHARED.append(Browser())
        atexit.register(_SHARED[0].close)
    return _SHARED[0]
