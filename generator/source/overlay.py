"""OpenAPI Overlay 1.0 documents, applied to a spec's root document before the IR is built.

An overlay is the way to fix a vendor's spec without forking it: a list of `actions`,
each selecting nodes of the spec with a JSONPath `target` (RFC 9535, through the
`jsonpath-rfc9535` library) and either merging an `update` into them or removing them.

Semantics (Overlay 1.0.0), in the order the actions are written:
- `update` on an object merges recursively: an object value merges into an object,
  anything else replaces the property; on an array the update value is appended.
- `remove: true` removes every selected node from the object or array holding it.
- An action whose target selects nothing is a warning with its place, not an error.
Overlays apply to the root document; files the spec reaches through `$ref` are read as
they are. Errors name the overlay file, line, column and the action's JSON pointer.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..errors import Diagnostics, Location, SpecError
from .loader import Document, Workspace, read_document


def apply_overlays(ws: Workspace, overlays: list[Path], diags: Diagnostics,
                   display: dict[Path, str] | None = None) -> None:
    """Apply each overlay file, in order, to `ws.root` (its data is replaced by a copy)."""
    if not overlays:
        return
    data = copy.deepcopy(ws.root.data)
    for path in overlays:
        shown = (display or {}).get(path, str(path))
        doc = read_document(path.resolve(), shown, ws.cache_dir)
        ws.overlays.append(doc.path)
        data = apply_document(data, doc, diags)
    if not isinstance(data, dict):
        raise SpecError(ws.root.location(""), "after the overlays the spec is no longer a mapping")
    ws.root.data = data


def apply_document(data: Any, doc: Document, diags: Diagnostics) -> Any:
    """The spec `data` with the overlay `doc`'s actions applied (data is changed in place)."""
    overlay = doc.data
    if not isinstance(overlay, dict):
        raise SpecError(doc.location(""), "an overlay must be a mapping at the top level")
    version = overlay.get("overlay")
    if not isinstance(version, str) or not version.startswith("1."):
        raise SpecError(doc.location("/overlay" if "overlay" in overlay else ""),
                        f"not an Overlay 1.x document (overlay: {version!r})")
    actions = overlay.get("actions")
    if not isinstance(actions, list) or not actions:
        raise SpecError(doc.location("/actions" if "actions" in overlay else ""),
                        "an overlay needs a non-empty list of actions")
    for index, action in enumerate(actions):
        data = _apply_action(data, action, doc, f"/actions/{index}", diags)
    return data


def _apply_action(data: Any, action: Any, doc: Document, at: str, diags: Diagnostics) -> Any:
    if not isinstance(action, dict):
        raise SpecError(doc.location(at), "an action must be a mapping")
    target = action.get("target")
    if not isinstance(target, str):
        raise SpecError(doc.location(at), "an action needs a JSONPath `target` string")
    remove = action.get("remove", False)
    if not isinstance(remove, bool):
        raise SpecError(doc.location(f"{at}/remove"), "`remove` must be true or false")
    if remove == ("update" in action):
        raise SpecError(doc.location(at), "an action needs exactly one of `update` or `remove: true`")
    import jsonpath_rfc9535 as jsonpath  # ~25 ms: imported only when an overlay is applied

    try:
        nodes = list(jsonpath.find(target, data))
    except jsonpath.JSONPathError as exc:
        raise SpecError(doc.location(f"{at}/target"), f"bad JSONPath {target!r}: {exc}") from None
    if not nodes:
        diags.warn(doc.location(f"{at}/target"), f"overlay target {target!r} matches nothing")
        return data
    if remove:
        return _remove(data, [tuple(n.location) for n in nodes], doc, at)
    update = action["update"]
    for node in nodes:
        if isinstance(node.value, dict):
            if not isinstance(update, dict):
                raise SpecError(doc.location(f"{at}/update"),
                                f"{node.path()} is an object: the update must be a mapping")
            _merge(node.value, update)
        elif isinstance(node.value, list):
            node.value.append(copy.deepcopy(update))
        else:
            raise SpecError(doc.location(f"{at}/target"),
                            f"{node.path()} is neither an object nor an array: cannot update it")
    return data


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value)


def _remove(data: Any, locations: list[tuple[Any, ...]], doc: Document, at: str) -> Any:
    if any(not loc for loc in locations):
        raise SpecError(doc.location(f"{at}/target"), "cannot remove the whole document")
    # deepest and last first, so removing one node never shifts another's index
    def order(loc: tuple[Any, ...]) -> tuple[int, list[tuple[int, int, str]]]:
        return len(loc), [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in loc]

    for loc in sorted(set(locations), key=order, reverse=True):
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        key = loc[-1]
        if isinstance(parent, list):
            del parent[int(key)]
        else:
            parent.pop(key, None)
    return data
