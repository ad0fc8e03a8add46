"""One change between two spec versions, and who it breaks.

A rule says on which sides of the wire a change *would* break a client
(`REQUEST`: what the client sends may now be refused; `RESPONSE`: what the
client receives may now surprise it). A change breaks only on the sides where
its subject is actually used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..ir import AnyType, Array, Const, Map, Primitive, Ref, TypeExpr

Sides = frozenset[str]
NONE: Sides = frozenset()
REQUEST: Sides = frozenset({"request"})
RESPONSE: Sides = frozenset({"response"})
BOTH: Sides = REQUEST | RESPONSE


@dataclass(frozen=True)
class Change:
    group: str  # "operation" | "type"
    subject: str  # "POST /responses" or a type name (the new name when renamed)
    path: str  # where inside the subject, e.g. "service_tier" or "" for the subject itself
    category: str  # type, field, enum value, bound, required, nullable, default, ...
    action: str  # added | removed | changed | renamed | tightened | loosened
    old: Any
    new: Any
    breaks: tuple[str, ...]  # sides this change breaks ("request", "response"): proven ones
    # once witness.py has run; before, the sides a rule suspects
    sides: tuple[str, ...]  # sides the subject is used on
    message: str
    strict: tuple[str, ...] = ()  # sides it breaks for strict clients only (validators)
    unproven: tuple[str, ...] = ()  # sides a rule suspected but no witness confirmed
    witnesses: tuple[Any, ...] = ()  # witness.Witness, one per side in breaks + strict
    sdk: dict[str, str] = field(default_factory=dict, compare=False)  # names.py

    @property
    def breaking(self) -> bool:
        return bool(self.breaks)

    @property
    def severity(self) -> str:
        if self.breaks:
            return "breaking for " + _plural(self.breaks)
        if self.strict:
            return "breaks strict clients only (" + _plural(self.strict) + ")"
        return "compatible"

    @property
    def added(self) -> bool:
        """Something new to use (a minor release), not merely a change."""
        return self.action == "added" and self.category != "deprecated"

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "subject": self.subject, "path": self.path,
                "category": self.category, "action": self.action,
                "old": _plain(self.old), "new": _plain(self.new),
                "breaking": self.breaking, "breaks": list(self.breaks),
                "strict_only": list(self.strict), "unproven": list(self.unproven),
                "witnesses": [_plain(w.to_json()) for w in self.witnesses],
                "sides": list(self.sides), "sdk": self.sdk, "message": self.message}


def _plural(sides: tuple[str, ...]) -> str:
    return " and ".join(f"{s}s" for s in sides)


def _plain(value: Any) -> Any:
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return repr(value)


@dataclass
class Context:
    """Where changes are being collected: one operation or one named type."""

    group: str
    subject: str
    sides: Sides
    renames: dict[str, str]  # old type name -> new type name
    new_types: dict[str, Any]
    old_types: dict[str, Any]
    out: list[Change] = field(default_factory=list)
    prefix: str = ""  # path of the use through which a replaced type is compared
    seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, path: str, category: str, action: str, old: Any, new: Any,
            rule: Sides, message: str) -> None:
        if self.prefix:
            path = self.prefix + ("" if not path or path.startswith("[") else ".") + path
            message = f"{self.prefix}: {message}"
        breaks = tuple(s for s in ("request", "response") if s in rule and s in self.sides)
        sides = tuple(s for s in ("request", "response") if s in self.sides)
        self.out.append(Change(self.group, self.subject, path, category, action, old, new,
                               breaks, sides, message))

    def with_sides(self, sides: Sides) -> "Context":
        return Context(self.group, self.subject, sides, self.renames, self.new_types,
                       self.old_types, self.out, self.prefix, self.seen)

    def under(self, prefix: str) -> "Context":
        return Context(self.group, self.subject, self.sides, self.renames, self.new_types,
                       self.old_types, self.out, prefix, self.seen)


def show(e: TypeExpr | None, renames: dict[str, str] | None = None) -> str:
    """A short human spelling of a type use: `string`, `array[Foo]`, `const false`."""
    if e is None:
        return "none"
    if isinstance(e, Ref):
        text = (renames or {}).get(e.name, e.name)
    elif isinstance(e, Primitive):
        text = e.type + (f"({e.format})" if e.format else "")
    elif isinstance(e, Array):
        text = f"array[{show(e.items, renames)}]"
    elif isinstance(e, Map):
        text = f"map[{show(e.values, renames)}]"
    elif isinstance(e, Const):
        text = "const " + json.dumps(e.value)
    elif isinstance(e, AnyType):
        return "any"
    else:  # pragma: no cover - every TypeExpr is listed above
        text = type(e).__name__
    return text + (" | null" if e.nullable else "")


def value(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)
