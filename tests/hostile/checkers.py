"""Per-language proofs that nothing from a spec escaped into live code or markup.

CHECKERS maps a target name to a function `(cases) -> None` that raises
AssertionError on any escape. A target without a checker fails the corpus test:
adding a target means adding its proof here (TypeScript: compile, import the zod
schemas in node with the marker absent and stdout empty; JSON Schema: every file
parses as JSON and every payload comes back as the same string; html: pages opened in
Chromium run nothing and keep the benign DOM shape, checkers_html.py).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from markdown_it import MarkdownIt

from payloads import MARKER
from shown import visible


@dataclass
class Case:
    name: str  # payload name, or "names"
    payload: str | None  # None for the names case
    root: Path  # holds openapi.json and out/<target>/
    package: str  # the python package name
    files: dict[str, dict[str, str]]  # target -> rel path -> text
    baseline: dict[str, dict[str, str]]  # the same spec with a benign payload

    def out(self, target: str) -> Path:
        return self.root / "out" / target


# ------------------------------------------------------------------ Python

# Every name the generated models module may use: its own definitions, its imports and
# the builtins an annotation needs. Anything else (print, open, __import__, os...) is
# code that came from a spec.
_BUILTINS_OK = {"str", "int", "float", "bool", "list", "dict", "None", "True", "False"}
_CALLS_OK = {"Field", "ConfigDict", "deprecated_field", "unique_items", "float"}
_IMPORTS_OK = {"enum", "typing", "pydantic", "_runtime", "models", "__future__", "importlib",
               "warnings", "_base", "_errors", "_sse", "client", "httpx", "builtins", "os",
               "asyncio", "email", "json", "random", "time", "collections", "dataclasses",
               "urllib", "fractions", "re", "re2", "_checks", "contextvars", "math", "uuid",
               "_http", "_pages", "_raw", "_lenient", "types", ""}  # "": `from . import _base` (siblings)


def _annotation_names(node: ast.expr) -> set[str]:
    """Every name an annotation reads, quoted forward references parsed too (pydantic
    evaluates a string annotation as code)."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # a Literal's backslashes
                    found |= _annotation_names(ast.parse(sub.value, mode="eval").body)
            except SyntaxError:
                pass  # a Literal["..."] value, not an expression
    return found


def audit_class_scopes(path: Path, tree: ast.Module) -> None:
    """No annotation or decorator in a class body names something that body binds (a
    field, a method, `model_config`): there the name is the field's default (a spec's
    string, run as code by pydantic: issue 18.1) or the method, not our type."""
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        bound: set[str] = set()
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                bound.add(stmt.target.id)
            elif isinstance(stmt, ast.Assign):
                bound |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(stmt.name)
        used: set[str] = set()
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign):
                used |= _annotation_names(stmt.annotation)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = stmt.args
                for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
                    if a is not None and a.annotation is not None:
                        used |= _annotation_names(a.annotation)
                if stmt.returns is not None:
                    used |= _annotation_names(stmt.returns)
                for d in stmt.decorator_list:
                    used |= {n.id for n in ast.walk(d) if isinstance(n, ast.Name)}
        clash = bound & used
        assert not clash, f"{path}: class {cls.name} binds {sorted(clash)}, which its annotations name"


def audit_python_module(path: Path, text: str) -> None:
    """The module is only what our templates write: imports from an allowed set, classes,
    annotated fields, aliases, docstrings; every name used is defined or imported."""
    tree = ast.parse(text, filename=str(path))
    audit_class_scopes(path, tree)
    defined = set(_BUILTINS_OK)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = (node.module or "") if isinstance(node, ast.ImportFrom) else node.names[0].name
            assert module.split(".")[0] in _IMPORTS_OK, (path, ast.dump(node))
            defined |= {a.asname or a.name for a in node.names}
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            defined.add(node.name)
            defined |= {a.arg for a in node.args.args + node.args.kwonlyargs} \
                if isinstance(node, ast.FunctionDef) else set()
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined |= {t.id for t in targets if isinstance(t, ast.Name)}
    for stmt in tree.body:  # top level: no bare expressions but docstrings, no calls run
        if isinstance(stmt, ast.Expr):
            assert isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str), \
                (path, ast.unparse(stmt))
    if path.name != "models.py":
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert node.id in defined, f"{path}: name {node.id!r} is not ours: spec text escaped?"
        elif isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id in _CALLS_OK, \
                (path, ast.unparse(node))
        elif isinstance(node, ast.Expr):
            assert isinstance(node.value, ast.Constant), (path, ast.unparse(node))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Global, ast.Delete,
                               ast.With, ast.For, ast.While, ast.If, ast.Try, ast.Raise,
                               ast.Return, ast.Import)):
            raise AssertionError(f"{path}: unexpected {type(node).__name__}: spec text escaped?")
        elif isinstance(node, ast.Attribute):
            assert not node.attr.startswith("__"), (path, ast.unparse(node))
        elif isinstance(node, ast.Lambda):
            assert isinstance(node.body, (ast.List, ast.Dict, ast.Constant, ast.Call)), \
                (path, ast.unparse(node))


_IMPORT_ALL = r'''
import importlib, inspect, json, re, sys
from pydantic import BaseModel, TypeAdapter
cases = json.loads(sys.argv[1])

from shown import visible

for package, payload in cases:
    sys.stderr.write(f"importing {package}\n")
    pkg = importlib.import_module(package)
    models = importlib.import_module(package + ".models")
    importlib.import_module(package + ".client")
    validators = importlib.import_module(package + ".validators")
    for name in pkg.__all__:
        obj = getattr(pkg, name)
        if inspect.isclass(obj) and issubclass(obj, BaseModel):
            obj.model_rebuild(force=True)
            obj.model_json_schema()
        else:
            TypeAdapter(obj).json_schema()
    if payload is not None:  # a payload stays data: it round-trips through the models
        Hostile = models.Hostile
        data = {payload: payload, "kind": payload, "tag": payload, "choice": payload,
                "nested": {payload: 1}, "keyed": {payload: "x"}}
        back = Hostile.model_validate(data).model_dump(mode="json", exclude_unset=True)
        assert back == data, (package, back)
        assert validators.validate("Hostile", data) == [], (package, "validator")
        assert validators.validate("Hostile", {**data, "nested": 1}), (package, "validator")
        other = "0" if payload != "0" else "1"  # a key the payload's pattern does not match
        assert validators.validate("Hostile", {**data, "keyed": {payload: 1}}), (package, "key")
        assert validators.validate("Hostile", {**data, "keyed": {other: "x"}}), (package, "key")
        assert Hostile.model_validate({}).model_dump(mode="json")[payload] == payload  # default
        assert visible(payload) in visible(inspect.getdoc(Hostile)), "docstring lost the text"
'''


def _is_alias(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.AnnAssign) and isinstance(stmt.annotation, ast.Name) \
        and stmt.annotation.id == "TypeAlias" and stmt.value is not None


def _without_aliases(statements: list[ast.stmt]) -> list[ast.stmt]:
    """`X: TypeAlias = ...` is made for long annotations only (so how many there are
    depends on the names' lengths): each is audited as a type expression and left out,
    at the top level and in an `if TYPE_CHECKING:` block (dropped when only aliases)."""
    body: list[ast.stmt] = []
    for stmt in statements:
        if _is_alias(stmt):
            assert isinstance(stmt, ast.AnnAssign) and stmt.value is not None
            _audit_type_expression(stmt.value)
        elif isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Name) \
                and stmt.test.id == "TYPE_CHECKING" and not stmt.orelse:
            stmt.body = _without_aliases(stmt.body)
            if stmt.body:
                body.append(stmt)
        else:
            body.append(stmt)
    return body


def shape(text: str) -> str:
    """A module's syntax tree with every identifier and string constant blanked: what
    spec text may change (names, literals, docstrings) gone, the code's shape left."""
    tree = ast.parse(text)
    tree.body = _without_aliases(tree.body)
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            _audit_type_expression(node.annotation)
            node.annotation = ast.Name("_")
        elif isinstance(node, ast.arg) and node.annotation is not None:
            _audit_type_expression(node.annotation)
            node.annotation = ast.Name("_")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            _audit_type_expression(node.returns)
            node.returns = ast.Name("_")
    for node in ast.walk(tree):
        for attr in ("id", "attr", "arg", "name", "asname", "module"):
            if isinstance(getattr(node, attr, None), str):
                setattr(node, attr, "_")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = "_"
    return "\n".join(sorted(_sorted_dump(stmt) for stmt in tree.body))


_TYPE_NODES = (ast.Subscript, ast.Name, ast.Attribute, ast.Constant, ast.Tuple, ast.List,
               ast.BinOp, ast.BitOr, ast.Load, ast.keyword, ast.UnaryOp, ast.USub)


def _audit_type_expression(node: ast.AST) -> None:
    """An annotation or alias is names, subscripts, literals, `|` and `Field(k=literal)`."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            assert isinstance(sub.func, ast.Name) and sub.func.id == "Field" and not sub.args, \
                ast.unparse(sub)
        else:
            assert isinstance(sub, _TYPE_NODES), ast.unparse(node)


def _sorted_dump(node: ast.AST) -> str:
    """ast.dump with the order of definitions and of list items set aside (names order them)."""
    if isinstance(node, (ast.ClassDef, ast.List, ast.Tuple, ast.Set, ast.Dict)):
        for field in ("body", "elts", "keys", "values"):
            items = getattr(node, field, None)
            if isinstance(items, list) and not isinstance(node, ast.Dict):
                items.sort(key=_sorted_dump)
        if isinstance(node, ast.Dict):
            pairs = sorted(zip(node.keys, node.values), key=lambda kv: (
                _sorted_dump(kv[0]) if kv[0] else "", _sorted_dump(kv[1])))
            node.keys = [k for k, _ in pairs]
            node.values = [v for _, v in pairs]
    for child in ast.iter_child_nodes(node):
        _sorted_dump(child)
    return ast.dump(node, include_attributes=False)


def check_python(cases: list[Case]) -> None:
    for case in cases:
        for rel, text in case.files["python"].items():
            path = case.out("python") / rel
            if rel.endswith(".py"):
                audit_python_module(path, text)
                if case.payload is not None:  # same code as for a benign spec, but data
                    benign = case.baseline["python"][rel.replace(case.package, "hostile_benign", 1)]
                    assert shape(text) == shape(benign), (case.name, rel, "code shape changed")
            elif rel.endswith(".toml"):
                meta = tomllib.loads(text)
                assert meta["project"]["name"] == case.package, path
    cwd = cases[0].root.parent
    paths = [str(c.out("python")) for c in cases] + [str(Path(__file__).parent)]  # + visible()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    arg = json.dumps([[c.package, c.payload] for c in cases])
    run = subprocess.run([sys.executable, "-c", _IMPORT_ALL, arg], cwd=cwd, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout == "", f"importing generated code printed: {run.stdout[:500]!r}"
    assert not list(cwd.rglob(MARKER + "*")), "a payload ran: the marker file exists"


# ------------------------------------------------------------------ Markdown

MD = MarkdownIt("commonmark").enable("table")


def plain_text(md: str) -> str:
    """The text a reader sees: every text, code span and fence, markup gone."""
    parts = []
    for tok in MD.parse(md):
        if tok.type == "fence":
            parts.append(tok.content)
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
    return visible(" ".join(parts))


# A description is the safe CommonMark subset, written with its own markers: `*` lists,
# ordered lists and `~~~` code (our pages use `-` lists and backtick fences for examples).
_PROSE_INLINE = {"text", "code_inline", "em_open", "em_close", "strong_open", "strong_close",
                 "link_open", "link_close", "softbreak", "hardbreak"}
_PROSE_BLOCK = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open",
                "bullet_list_close", "ordered_list_open", "ordered_list_close", "list_item_open",
                "list_item_close", "fence"}
_LINK_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _prose(block: list) -> bool:  # type: ignore[type-arg]
    """A top-level block a description may have written (and nothing else in it)."""
    first = block[0]
    if first.type == "paragraph_open" or first.type == "ordered_list_open":
        pass
    elif first.type == "bullet_list_open":
        if first.markup != "*":
            return False
    elif first.type == "fence":
        if not first.markup.startswith("~"):
            return False
    else:
        return False
    for tok in block:
        assert tok.type in _PROSE_BLOCK, tok.type
        assert tok.type != "bullet_list_open" or tok.markup == "*", tok.markup
        assert tok.type != "fence" or tok.markup.startswith("~"), tok.markup
        for child in tok.children or []:
            assert child.type in _PROSE_INLINE, child.type
    return True


def _top_blocks(tokens: list) -> list[list]:  # type: ignore[type-arg]
    blocks: list[list] = []  # type: ignore[type-arg]
    for tok in tokens:
        if tok.level == 0 and tok.nesting >= 0:
            blocks.append([tok])
        else:
            blocks[-1].append(tok)
    return blocks


def structure(md: str) -> list[str]:
    """A page's Markdown structure without its text: block tokens, and inside each
    inline the kinds of its children (runs of text merged); every run of blocks a
    description may write (paragraphs, `*` and ordered lists, `~~~` code; checked to
    hold only the safe subset) as one `prose`."""
    out: list[str] = []
    for block in _top_blocks(MD.parse(md)):
        if _prose(block):
            if not out or out[-1] != "prose":
                out.append("prose")
            continue
        for tok in block:
            if tok.type == "inline":
                kinds: list[str] = []
                for child in tok.children or []:
                    kind = child.type
                    if kind == "softbreak" or (kind == "text" and kinds and kinds[-1] == "text"):
                        continue
                    kinds.append(kind)
                out.append("inline[" + ",".join(kinds) + "]")
            else:
                out.append(tok.type + ":" + tok.tag)
    return out


def audit_markdown(path: str, text: str) -> None:
    tokens = MD.parse(text)
    children = [c for t in tokens for c in t.children or []]
    kinds = {t.type for t in tokens} | {c.type for c in children}
    assert not kinds & {"html_block", "html_inline", "image", "code_block"}, (path, kinds)
    for c in children:
        if c.type == "link_open":
            href = str(c.attrs["href"])
            scheme = _LINK_SCHEME.match(href)
            assert scheme is None or scheme.group(1) in ("http", "https", "mailto"), (path, href)
    for t in tokens:
        if t.type == "fence" and t.markup.startswith("`"):  # our examples
            assert t.info == "json", (path, t.info)
            json.loads(t.content)  # an example block is whole JSON, nothing after it
        elif t.type == "fence":  # a description's code
            assert re.match(r"^[A-Za-z0-9_+.#-]*$", t.info), (path, t.info)
    html = MD.render(text)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html, path


def check_docs(cases: list[Case]) -> None:
    """Markdown: no HTML, no images, no link to a scheme but http, https or mailto; every
    page has exactly the structure (headings, lists, tables and their cells, code spans,
    fences, links) it has for a benign spec, but for what descriptions may add inside
    their own blocks (the safe subset: see `structure`); the payload is shown, as text."""
    for case in cases:
        files = case.files["docs"]
        for path, text in files.items():
            text.encode("utf-8")
            audit_markdown(path, text)
        if case.payload is None:
            continue
        mine = sorted(structure(t) for t in files.values())
        benign = sorted(structure(t) for t in case.baseline["docs"].values())
        assert len(mine) == len(benign), (case.name, "pages")
        for got, want in zip(mine, benign):
            assert got == want, (case.name, [(g, w) for g, w in zip(got, want) if g != w][:3])
        page = next(t for p, t in files.items() if p.endswith("/hostile.md"))
        assert visible(case.payload) in plain_text(page), (case.name, "description not shown as text")
        op = next(t for p, t in files.items() if p.startswith("operations/"))
        assert visible(case.payload) in plain_text(op), (case.name, "operation text not shown")


# Imported last: they use Case and the Markdown audit above.
from checkers_html import check_html  # noqa: E402
from checkers_jsonschema import check_jsonschema  # noqa: E402
from checkers_ts import check_typescript  # noqa: E402

CHECKERS: dict[str, Callable[[list[Case]], None]] = {
    "python": check_python,
    "docs": check_docs,
    "typescript": check_typescript,
    "jsonschema": check_jsonschema,
    "html": check_html,
}

