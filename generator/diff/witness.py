"""Prove each suspected break with a witness, checked by both versions' validators.

The rules in exprs/types/operations only *suspect* a break (a `Change`'s
`breaks`). Here each suspicion is put to the generated validators:

- request side: a value the old version accepts and the new one rejects
  (candidates drawn from the old type);
- response side: a value the new version accepts and the old one rejects
  (candidates drawn from the new type). When the old version's generated
  models and client still take it (`Version.tolerates`: open enums, unknown
  stream events), it breaks strict clients only.

A suspicion without a witness is no break (`unproven`). A side counts only when
the subject is used on it in both versions, so types that one version merged
and the other split are judged where each is really used.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .change import Change
from .checking import Version, op_key, request_type, response_type
from .samples import locate, samples, step
from .verdicts import Verdicts

_UNION_KEYWORDS = {"oneOf", "anyOf"}


@dataclass(frozen=True)
class Witness:
    side: str  # request | response
    value: Any
    old_valid: bool | None  # None: the version has no such operation/content type
    new_valid: bool | None
    strict_only: bool = False  # the old generated models accept it (response side)
    error: str = ""  # why the rejecting version refuses it (its validator's first message)
    old_type: str | None = None  # the type it was checked as in each version (checking.py
    new_type: str | None = None  # names an operation's request/response `RespgenDiff...`)

    def to_json(self) -> dict[str, Any]:
        return {"side": self.side, "value": self.value, "old_valid": self.old_valid,
                "new_valid": self.new_valid, "strict_only": self.strict_only,
                "error": self.error, "old_type": self.old_type, "new_type": self.new_type}


@dataclass
class Prover:
    old: Version
    new: Version
    renames: dict[str, str]  # old type name -> new type name
    used: dict[str, tuple[set[str], set[str]]]  # side -> (old names, new names) used on it
    verdicts: Verdicts = field(default_factory=lambda: Verdicts(None))

    def prepare(self, changes: list[Change]) -> None:
        """Tell both versions which types the proofs will check (one build each)."""
        for c in changes:
            for side in c.breaks:
                for old_name, new_name, _ in self._targets(c, side):
                    self.old.want({old_name} if old_name else set())
                    self.new.want({new_name} if new_name else set())

    def prove(self, c: Change) -> Change:
        suspected = c.breaks
        if not suspected:
            return c
        found: list[Witness] = []
        for side in suspected:
            w = self._witness(c, side)
            if w is not None:
                found.append(w)
        breaks = tuple(w.side for w in found if not w.strict_only)
        strict = tuple(w.side for w in found if w.strict_only)
        unproven = tuple(s for s in suspected if s not in breaks and s not in strict)
        return replace(c, breaks=breaks, strict=strict, unproven=unproven, witnesses=tuple(found))

    def _witness(self, c: Change, side: str) -> Witness | None:
        strict_found: Witness | None = None
        for old_name, new_name, focus in self._targets(c, side):
            w = self._search(c, side, old_name, new_name, focus)
            if w is not None and not w.strict_only:
                return w
            strict_found = strict_found or w
        return strict_found

    def _search(self, c: Change, side: str, old_name: str | None, new_name: str | None,
                focus: str) -> Witness | None:
        """The first witness at one pair of types (one that breaks every client if any),
        from the verdicts when this very search was made before."""
        accepting, rejecting = (self.old, self.new) if side == "request" else (self.new, self.old)
        source = old_name if side == "request" else new_name
        check = new_name if side == "request" else old_name
        if source is None or source not in accepting.types:
            return None
        key = self.verdicts.key(c, side, _prefer(c), accepting, source, rejecting, check, focus)
        if key is not None:
            known, data = self.verdicts.get(key)
            if known:
                return None if data is None else Witness(**data)
        found: Witness | None = None
        where, whole = locate(_ref(source), accepting.types, focus)
        for value in samples(_ref(source), accepting.types, focus, near=(c.old, c.new),
                             prefer=_prefer(c)):
            if accepting.accepts(source, value) is not True:
                continue
            errors = rejecting.errors(check, value)
            if errors is not None:  # only errors at the change's place count
                errors = [e for e in errors if _at(e, where, whole)]
                if not errors:
                    continue
            error = errors[0].message if errors else "no such operation or content type"
            valid = None if errors is None else False
            old_ok, new_ok = (True, valid) if side == "request" else (valid, True)
            lenient = side == "response" and check is not None and \
                rejecting.tolerates(check, value)
            w = Witness(side, value, old_ok, new_ok, lenient, error, old_name, new_name)
            found = found or w
            if not lenient:
                found = w
                break
        if key is not None:
            self.verdicts.put(key, found.to_json() if found is not None else None)
        return found

    def _targets(self, c: Change, side: str) -> list[tuple[str | None, str | None, str]]:
        """(old type, new type, focus) pairs where the change can be observed on `side`."""
        if c.group == "type":
            back = {b: a for a, b in self.renames.items()}
            old_name = back.get(c.subject, c.subject)
            olds, news = self.used[side]
            if old_name not in olds or c.subject not in news:
                return []
            return [(old_name, c.subject, c.path)]
        return _operation_targets(self.old, self.new, c, side)


def _operation_targets(old: Version, new: Version, c: Change,
                       side: str) -> list[tuple[str | None, str | None, str]]:
    ops = {op_key(o.method, o.path): o for o in old.ir.operations}
    new_ops = {op_key(o.method, o.path): o for o in new.ir.operations}
    a, b = ops.get(c.subject), new_ops.get(c.subject)
    out: list[tuple[str | None, str | None, str]] = []
    if side == "request" and a is not None:
        medias = [m.media_type for m in (a.request_body.content if a.request_body else [])] or [""]
        rest = c.path[5:] if c.path.startswith("body ") else None
        for media in medias:
            focus = c.path
            if rest is not None:
                taken = step(rest, [media])
                if taken is None:
                    continue
                focus = "body" + rest[len(media):]
            name = request_type(c.subject, media)
            out.append((name, name if b is not None and name in new.types else None, focus))
    if side == "response" and a is not None and b is not None:
        for r in b.responses:
            for content in r.content:
                taken = step(c.path, [f"{r.status} {content.media_type}"])
                if taken is not None:
                    name = response_type(c.subject, r.status, content.media_type)
                    out.append((name, name, taken[1]))
    return out


def _prefer(c: Change) -> str:
    """Which candidate shows this change best: null, or the property left out."""
    if c.category == "nullable":
        return "null"
    if c.category in ("required", "field", "parameter") and c.action in ("removed", "added"):
        return "absent"
    return ""


def _at(error: Any, where: list[str | None], whole: bool) -> bool:
    """Whether a validator error is about the place a change was reported at: under it,
    the property it names missing (`whole`: the change is about that property), or a
    union around it that no variant matched."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in error.pointer.split("/")[1:]]

    def matches(a: list[str], b: list[str | None]) -> bool:
        return all(y is None or x == y for x, y in zip(a, b))

    if len(tokens) >= len(where) and matches(tokens, where):
        return True
    if whole and error.kind == "missing" and len(tokens) + 1 == len(where) and matches(tokens, where) \
            and error.value == where[-1]:
        return True
    return error.keyword in _UNION_KEYWORDS and matches(tokens, where)


def _ref(name: str) -> Any:
    from ..ir import Ref

    return Ref(name=name)
