"""Load a spec and the files it refers to, and resolve `$ref`s.

A spec is one root file plus any files beside it that its `$ref`s name.
References may point at other files in the spec's folder (or below it), never
outside it and never over the network.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits, parse_cache
from . import pointer as jp
from ..errors import Location, SpecError
from .yaml_json import ParseError, is_json, locate, parse


@dataclass
class Document:
    """One parsed file of a spec."""

    path: Path
    text: str
    data: Any
    display: str  # the path as shown in messages

    def location(self, pointer: str) -> Location:
        """Where an escaped JSON pointer is in this file (line/column looked up lazily)."""
        pos = locate(self.text, pointer)
        if pos is None:
            return Location(self.display, pointer)
        return Location(self.display, pointer, pos[0], pos[1])


@dataclass(frozen=True)
class Target:
    """What a `$ref` points at: the document, the escaped pointer and the node."""

    doc: Document
    pointer: str
    node: Any

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.doc.path), self.pointer)


@dataclass
class Workspace:
    """The root document plus every file loaded through `$ref`s."""

    root: Document
    base_dir: Path
    cache_dir: Path | None = None
    docs: dict[Path, Document] = field(default_factory=dict)
    overlays: list[Path] = field(default_factory=list)  # overlay files applied to root
    local_refs: bool = True  # False for a spec read over HTTPS: only `#...` refs

    def inputs(self) -> list[Path]:
        """Every file this spec was read from: the documents, then the overlays."""
        return [*self.docs, *self.overlays]

    def load(self, path: Path, referrer: Location | None = None) -> Document:
        path = path.resolve()
        if path in self.docs:
            return self.docs[path]
        doc = read_document(path, self._display(path), self.cache_dir, referrer)
        self.docs[path] = doc
        return doc

    def _display(self, path: Path) -> str:
        try:
            rel = path.relative_to(self.base_dir)
        except ValueError:
            return str(path)
        return str(Path(self.root.display).parent / rel)

    def origin_location(self, origin: str, *tokens: str) -> Location:
        """Where an IR origin (`file#pointer`, plus tokens below it) is."""
        file, _, ptr = origin.partition("#")
        ptr = jp.join(ptr, *tokens)
        for doc in self.docs.values():
            if doc.display == file:
                return doc.location(ptr)
        return Location(file or self.root.display, ptr)

    def resolve(self, ref: Any, doc: Document, at: str) -> Target:
        """Resolve a `$ref` value found in `doc` at pointer `at` (the `$ref` key's parent)."""
        where = jp.join(at, "$ref")
        if not isinstance(ref, str):
            raise SpecError(doc.location(where), "$ref must be a string")
        if "://" in ref.split("#", 1)[0] or ref.startswith("//"):
            raise SpecError(
                doc.location(where),
                f"remote $ref {ref!r} refused: respgen never reads over the network",
            )
        file_part, _, fragment = ref.partition("#")
        target_doc = doc
        if file_part and not self.local_refs:
            raise SpecError(
                doc.location(where),
                f"$ref {ref!r} to another file refused: a spec read over HTTPS may only "
                "refer inside itself (#/...)",
            )
        if file_part:
            from urllib.parse import unquote

            try:
                path = (doc.path.parent / unquote(file_part)).resolve()
            except (RuntimeError, OSError):  # a symlink loop (RuntimeError before 3.13)
                raise SpecError(doc.location(where),
                                f"$ref {ref!r}: cannot read it (a symlink loop?)") from None
            if not path.is_relative_to(self.base_dir):
                raise SpecError(
                    doc.location(where),
                    f"$ref {ref!r} points outside the spec's folder {self.base_dir}: refused",
                )
            target_doc = self.load(path, doc.location(where))
        try:
            tokens = jp.split(fragment)
        except ValueError as exc:
            raise SpecError(doc.location(where), f"bad $ref {ref!r}: {exc}") from None
        node = jp.walk(target_doc.data, tokens)
        if jp.is_missing(node):
            raise SpecError(
                doc.location(where),
                f"dangling $ref {ref!r}: nothing at #{fragment} in {target_doc.display}",
            )
        return Target(target_doc, jp.join("", *tokens), node)

    def follow(self, node: Any, doc: Document, ptr: str) -> tuple[Any, Document, str]:
        """Follow a chain of `$ref`s (path items, parameters, responses, schemas) to the
        node it ends at; a chain that comes back on itself is a SpecError, not a hang."""
        first, start, chain = doc, ptr, [f"#{ptr}"]
        seen = {(str(doc.path), ptr)}
        while isinstance(node, dict) and "$ref" in node:
            target = self.resolve(node["$ref"], doc, ptr)
            chain.append(("" if target.doc is first else target.doc.display) + "#" + target.pointer)
            if target.key in seen:
                raise SpecError(first.location(start),
                                "$ref cycle that cannot be expanded: " + " -> ".join(chain))
            seen.add(target.key)
            node, doc, ptr = target.node, target.doc, target.pointer
        return node, doc, ptr


def read_document(
    path: Path, display: str, cache_dir: Path | None, referrer: Location | None = None
) -> Document:
    """Read and parse one file, raising SpecError with its position on failure."""
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise SpecError(referrer or Location(display),
                            f"{display} is not a regular file: refused")
        if size > limits.max_bytes():
            raise SpecError(referrer or Location(display),
                            f"{display} is {size / 2**20:.1f} MiB, over the limit of "
                            f"{limits.max_bytes() / 2**20:.0f} MiB: refused "
                            "(set RESPGEN_MAX_SPEC_MB to raise it)")
        raw = path.read_bytes()
    except OSError as exc:
        where = referrer or Location(display)
        raise SpecError(where, f"cannot read {display}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(Location(display), f"not UTF-8 text: {exc.reason}") from None
    as_json = is_json(path.name, text)

    def doc_location(pointer: str) -> Location:
        pos = locate(text, pointer)
        return Location(display, pointer, *pos) if pos else Location(display, pointer)

    def too_deep(pointer: str, line: int | None = None, column: int | None = None) -> SpecError:
        where = doc_location(pointer) if line is None else Location(display, pointer, line, column)
        return SpecError(where, f"nested more than {limits.MAX_DEPTH} levels deep: refused")

    def do_parse() -> Any:
        try:
            data = parse(text, as_json)
        except ParseError as exc:
            kind = ("JSON" if as_json else "YAML") + " syntax error: " if exc.syntax else ""
            loc = Location(display, exc.pointer, exc.line, exc.column)
            raise SpecError(loc, f"{kind}{exc.message}") from None
        except RecursionError:
            found = limits.deep_json_position(text)
            raise too_deep(*found) if found else too_deep("") from None
        deep = limits.too_deep(data)
        if deep is not None:
            raise too_deep(deep)
        bad = limits.lone_surrogate(text, data)
        if bad is not None:
            where = doc_location(bad)
            pos = limits.lone_surrogate_position(text) if where.line is None else None
            if pos:
                where = Location(display, bad, *pos)
            raise SpecError(where, "text with a lone surrogate (a \\ud800-\\udfff "
                            "escape without its pair is not Unicode): refused")
        return data

    data = do_parse() if as_json else parse_cache.cached(raw, do_parse, cache_dir)
    return Document(path, text, data, display)


def open_spec(path: Path, cache_dir: Path | None = None, display: str | None = None,
              local_refs: bool = True) -> Workspace:
    """Load the root file of a spec (`display`: how messages and outputs name it;
    `local_refs=False`: a downloaded spec, whose `$ref`s may not name other files)."""
    path = Path(path)
    display = display or str(path)
    doc = read_document(path.resolve(), display, cache_dir)
    if not isinstance(doc.data, dict):
        raise SpecError(doc.location(""), "a spec must be a mapping at the top level")
    ws = Workspace(root=doc, base_dir=path.resolve().parent, cache_dir=cache_dir,
                   local_refs=local_refs)
    ws.docs[doc.path] = doc
    return ws
