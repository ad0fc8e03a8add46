"""Standalone JSON Schemas for any schema of a (possibly multi-file) OpenAPI spec.

Each schema a `$ref` names becomes one entry of `$defs` (converted by
`reference.to_json_schema`), every `$ref` a local `#/$defs/<name>`, and a
schema carries only the entries it reaches, so `jsonschema` and
`hypothesis-jsonschema` can check and generate it without a file resolver.
Independent of respgen's builder: only the loader is used, to read files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reference import to_json_schema

from generator.source import pointer as jp
from generator.source.loader import Document, open_spec

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Bundle:
    def __init__(self, spec: Path) -> None:
        self.ws = open_spec(spec)
        self.names: dict[tuple[str, str], str] = {}  # (file, pointer) -> $defs key
        self.defs: dict[str, Any] = {}
        self.uses: dict[str, set[str]] = {}  # $defs key -> keys its schema refers to

    def _def(self, doc: Document, ptr: str) -> str:
        key = (doc.display, ptr)
        if key not in self.names:
            name = f"d{len(self.names)}"
            self.names[key] = name
            used: set[str] = set()
            self.uses[name] = used
            node = jp.walk(doc.data, jp.split(ptr))
            self.defs[name] = to_json_schema(self._rewrite(node, doc, ptr, used))
        return self.names[key]

    def _rewrite(self, node: Any, doc: Document, ptr: str, used: set[str]) -> Any:
        if isinstance(node, list):
            return [self._rewrite(v, doc, jp.join(ptr, i), used) for i, v in enumerate(node)]
        if not isinstance(node, dict):
            return node
        out = {k: self._rewrite(v, doc, jp.join(ptr, k), used) for k, v in node.items()}
        if isinstance(node.get("$ref"), str):
            target = self.ws.resolve(node["$ref"], doc, ptr)
            name = self._def(target.doc, target.pointer)
            used.add(name)
            out["$ref"] = "#/$defs/" + name
        return out

    def schema(self, origin: str) -> dict[str, Any]:
        """A standalone schema for the schema at `file#pointer` (an IR type's origin)."""
        file, _, ptr = origin.partition("#")
        doc = next((d for d in self.ws.docs.values() if d.display == file), None)
        if doc is None:
            rel = Path(file).relative_to(Path(self.ws.root.display).parent)
            doc = self.ws.load(self.ws.base_dir / rel)
        used: set[str] = set()
        node = jp.walk(doc.data, jp.split(ptr))
        if jp.is_missing(node):
            raise KeyError(f"{origin}: no schema there")
        target = to_json_schema(self._rewrite(node, doc, ptr, used))
        stack, seen = list(used), set()
        while stack:
            name = stack.pop()
            if name not in seen:
                seen.add(name)
                stack.extend(self.uses[name])
        defs = {name: self.defs[name] for name in sorted(seen)}
        if isinstance(target, dict) and "$defs" not in target:
            return {"$schema": DIALECT, **target, "$defs": defs}
        return {"$schema": DIALECT, "$ref": "#/$defs/target", "$defs": {**defs, "target": target}}
