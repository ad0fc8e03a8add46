"""`also` entries while building: allOf members a merge overrode, keywords beside
a union. They are built last (`finish`), once every component has been built
from its own place, so a member's inner types keep the names they get there,
whatever order the schemas are met in; each keeps the note that explains it.
"""

from __future__ import annotations

from typing import Any, Callable

from ..source import pointer as jp
from ..errors import Diagnostics, Location
from ..ir import NamedType, Ref, Type, TypeExpr
from ..source.loader import Document
from .allof import Member, Merge
from .keywords import STRUCTURAL, pointer_hint

Note = tuple[Location, list[str], str]  # where, the keywords in conflict, what is checked


def override_message(keys: list[str], checked: str, fate: str | None) -> str:
    """The note for one overridden member, once pruning has decided its `fate`."""
    head = f"allOf members disagree on {', '.join(keys)}: "
    if fate == "null":
        return head + "validators refuse null there, as one member does"
    return (head + f"the models take the later member; validators also check {checked}, "
            "as JSON Schema does")


class AlsoParts:
    """Mixed into SchemaBuilder (which provides `expr`, `body` and the tables)."""

    diags: Diagnostics
    types: dict[str, Type]
    hints: dict[str, str]
    deferred: list[tuple[Type | TypeExpr, Callable[[], TypeExpr], Note | None]]
    also_notes: list[tuple[TypeExpr, Note]]  # said once `also` is pruned

    def expr(self, node: Any, doc: Document, ptr: str, hint: str) -> TypeExpr:
        raise NotImplementedError

    def body(self, s: dict[str, Any], doc: Document, ptr: str, name: str,
             hint: str, null: bool = False) -> Type | TypeExpr:
        raise NotImplementedError

    def _provisional(self, hint: str) -> str:
        raise NotImplementedError

    def _hoist(self, t: Type, doc: Document, ptr: str, provisional: str, hint: str) -> None:
        """Register a type met inline, under its provisional name (named later)."""
        t.inline = True
        t.origin = f"{doc.display}#{ptr}"
        self.types[provisional] = t
        self.hints[provisional] = hint

    def _with_also(self, result: Type | TypeExpr, merge: Merge, doc: Document, ptr: str,
                   hint: str, null: bool) -> Type | TypeExpr:
        """Keep the allOf members the merge overrode, as written, in `result.also`.
        Where the whole admits null (from around it, or a bare `nullable: true`
        member) and a member was not overridden *for* refusing null, null is
        no concern of that member's check."""
        for member, keys in merge.lost:
            tokens = [t for t in jp.split(member.ptr) if not t.isdigit()]
            named = pointer_hint(tokens, STRUCTURAL | {"allOf"})
            keep_null = (null or merge.nullable) and "null" not in keys

            def build(member: Member = member, named: str = named,
                      keep_null: bool = keep_null) -> TypeExpr:
                also = self.expr(member.node, member.doc, member.ptr, named or hint + "Also")
                also.nullable = also.nullable or keep_null
                return also

            self._later(result, build, (doc.location(ptr), keys,
                                        f"{member.doc.display}#{member.ptr}"))
        if merge.own is not None:
            own, keys = merge.own
            self._later(result, lambda: self._sibling(own, doc, ptr, hint + "Own", null),
                        (doc.location(ptr), keys, "this schema's own keywords"))
        return result

    def _later(self, owner: Type | TypeExpr, build: Callable[[], TypeExpr],
               note: Note | None = None) -> None:
        """Add `build()` to `owner.also` in `finish`; `note` is said if it stays."""
        self.deferred.append((owner, build, note))

    def finish(self) -> None:
        """Build the deferred `also` entries (which may defer more)."""
        while self.deferred:
            owner, build, note = self.deferred.pop(0)
            also = build()
            if also in owner.also:  # one member met twice (nested allOf, beside a union)
                also = owner.also[owner.also.index(also)]
            else:
                owner.also.append(also)
            if note is not None:
                self.also_notes.append((also, note))

    def _sibling(self, rest: dict[str, Any], doc: Document, ptr: str, hint: str,
                 null: bool) -> TypeExpr:
        """The keywords beside a union (as a use, for `also`); null when around it."""
        provisional = self._provisional(hint)
        result = self.body(rest, doc, ptr, provisional, hint, null)
        if isinstance(result, NamedType):
            self._hoist(result, doc, ptr, provisional, hint)
            return Ref(name=provisional, nullable=null)
        result.nullable = result.nullable or null
        return result
