"""What a change touches in the generated code: Python and TypeScript names.

A change to a named type names the Python class and field (the attribute, as
the naming pass makes it) and the TypeScript type and property (the wire name,
quoted when it is not an identifier). A change to an operation names the
Python client method and its keyword argument. Names come from the version
that still has the thing (the new one, or the old one for a removal).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field

from ..ir import IR, EnumType, ObjectType
from ..targets.python.naming import class_names, field_names, member_names
from ..targets.typescript.escaping import is_ident
from ..targets.typescript.naming import type_names
from .change import Change
from .checking import op_key
from .samples import step


@dataclass
class Names:
    ir: IR
    py: dict[str, str] = field(init=False)
    ts: dict[str, str] = field(init=False)
    _methods: dict[str, tuple[str, dict[str, str]]] | None = None

    def __post_init__(self) -> None:
        self.py = class_names(list(self.ir.types))
        self.ts = type_names(list(self.ir.types))

    def methods(self) -> dict[str, tuple[str, dict[str, str]]]:
        """'POST /x' -> (`client.res.method`, {'query:q': keyword argument})."""
        if self._methods is None:
            from ..targets.python.client import build_client

            view = build_client(self.ir, self.py)
            self._methods = {}
            for res in view.resources:
                for op in res.operations:
                    args = {f"{a.location}:{a.key}": a.name for a in op.args if a.location != "body"}
                    self._methods[ast.literal_eval(op.name)] = (f"client.{res.attr}.{op.method_name}", args)
        return self._methods

    def of_type(self, name: str, path: str) -> dict[str, str]:
        t = self.ir.types.get(name)
        if t is None:
            return {}
        py, ts = self.py[name], self.ts[name]
        taken = step(path, [f.name for f in t.fields]) if isinstance(t, ObjectType) else None
        head = taken[0] if taken else ""
        if isinstance(t, ObjectType) and taken:
            py += "." + field_names([f.name for f in t.fields])[head]
            ts += "." + head if is_ident(head) else f"[{json.dumps(head)}]"
        elif isinstance(t, EnumType):
            for value, member in zip(t.values, member_names(list(t.values))):
                if json.dumps(value, ensure_ascii=False) == path:
                    py += "." + member
        return {"python": py, "typescript": ts}

    def of_operation(self, key: str, path: str) -> dict[str, str]:
        found = self.methods().get(key)
        if found is None:
            if not any(op_key(o.method, o.path) == key for o in self.ir.operations):
                return {}
            return {"python": "not in the client (its request body is not JSON)"}
        method, args = found
        arg = args.get(path)
        return {"python": f"{method}({arg}=...)" if arg else method}


def name_changes(changes: list[Change], old: IR, new: IR, renames: dict[str, str]) -> list[Change]:
    """Each change with `sdk` filled in: where an SDK user meets it."""
    from dataclasses import replace

    olds, news = Names(old), Names(new)
    back = {b: a for a, b in renames.items()}
    out = []
    for c in changes:
        if c.group == "type":
            found = [news.of_type(c.subject, c.path), olds.of_type(back.get(c.subject, c.subject), c.path)]
        else:
            found = [news.of_operation(c.subject, c.path), olds.of_operation(c.subject, c.path)]
        # the new names, unless only the old version has the field (it was removed)
        new_names, old_names = found
        old_py, new_py = old_names.get("python", ""), new_names.get("python", "")
        deeper = bool(new_py) and old_py.startswith(new_py) and len(old_py) > len(new_py)
        out.append(replace(c, sdk=old_names if deeper or not new_names else new_names))
    return out
