"""One spec version as the diff checks it: its IR and its generated validators.

The validators are the very code `respgen generate` writes (`validators.py` and
`_checks.py` of the python target), rendered for a copy of the IR and loaded in
memory. The copy adds one type per operation so that a whole request (its
parameters and body) and each response body can be checked like any named type:

- request `(operation, media type)`: a closed object with one field per
  parameter (`query:limit`, `header:x-key`, ...) and `body`, required as the spec says;
- response `(operation, status, media type)`: an alias of the body's type.

`lenient=True` checks as the generated *models* read a response: open enums accept
any value of their base type (the validators keep every enum closed); `tolerates`
adds the client's `UnknownEvent` for an event with an unknown tag. Validators are
built for the types a diff asks about and those they use, not the whole spec.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import types as pytypes
from dataclasses import dataclass, field, replace
from typing import Any

from ..ir import IR, AliasType, EnumType, Field, ObjectType, Primitive, Ref, Type, TypeExpr, UnionType
from ..ir.codec import encode_part
from ..ir.walk import reachable
from ..targets.python.naming import class_names

_COUNTER = itertools.count()


def op_key(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def request_type(op: str, media: str) -> str:
    return f"RespgenDiffRequest {op} {media}"


def response_type(op: str, status: str, media: str) -> str:
    return f"RespgenDiffResponse {op} {status} {media}"


def operation_types(ir: IR) -> dict[str, Type]:
    """The synthetic request and response types of every operation (see above)."""
    out: dict[str, Type] = {}
    for o in ir.operations:
        key = op_key(o.method, o.path)
        params = [Field(name=f"{p.location}:{p.name}", type=p.type, required=p.required)
                  for p in o.parameters]
        medias: list[tuple[str, TypeExpr | None]] = [("", None)]
        if o.request_body is not None:
            medias = [(c.media_type, c.type) for c in o.request_body.content] or medias
        for media, body in medias:
            fields = list(params)
            if body is not None:
                required = o.request_body is not None and o.request_body.required
                fields.append(Field(name="body", type=body, required=required))
            name = request_type(key, media)
            out[name] = ObjectType(name=name, fields=fields, additional_properties=False)
        for r in o.responses:
            for c in r.content:
                if c.type is not None:
                    name = response_type(key, r.status, c.media_type)
                    out[name] = AliasType(name=name, target=c.type)
    return out


class Validators:
    """The generated validators of one IR, by IR type name."""

    def __init__(self, ir: IR) -> None:
        self.names = class_names(list(ir.types))
        self.covered = frozenset(ir.types)
        self.module = _load(ir)

    def errors(self, type_name: str, value: Any) -> list[Any] | None:
        """The validator's errors, or None when the version has no such type."""
        py = self.names.get(type_name)
        if py is None or py not in self.module.VALIDATORS:
            return None
        return list(self.module.validate(py, value))

def _load(ir: IR) -> pytypes.ModuleType:
    """Render `_checks.py` and `validators.py` for `ir` and import them from memory."""
    from ..targets.python.escaping import FILTERS
    from ..targets.python.validators import build_validators
    from ..targets.render import environment

    env = environment("python", None, FILTERS)
    context = {"title": ir.title or "API", "source": ir.source, "package": "respgen_diff"}
    package = f"_respgen_diff_{next(_COUNTER)}"
    root = pytypes.ModuleType(package)
    root.__path__ = []
    sys.modules[package] = root
    modules = {}
    for name, source in (
            ("_checks", env.get_template("_checks.py.j2").render(context)),
            ("validators", env.get_template("validators.py.j2").render(
                {**context, "view": build_validators(ir)}))):
        module = pytypes.ModuleType(f"{package}.{name}")
        module.__package__ = package
        sys.modules[module.__name__] = module
        exec(compile(source, f"<respgen diff {name}.py>", "exec"), module.__dict__)
        modules[name] = module
    return modules["validators"]


@dataclass
class Version:
    """One side of a diff: the IR, and (built on first use) its validators, for the
    types asked about (`want`, and grown to cover any other type asked later: a type
    the version has is never reported absent)."""

    ir: IR
    _types: dict[str, Type] | None = field(default=None, repr=False)
    _wanted: set[str] = field(default_factory=set, repr=False)
    _built: dict[bool, Validators] = field(default_factory=dict, repr=False)
    _plan: tuple[frozenset[str], dict[str, str]] | None = field(default=None, repr=False)
    _events: set[str] | None = field(default=None, repr=False)
    _closures: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _prints: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def types(self) -> dict[str, Type]:
        """The IR's types and the synthetic request/response type of each operation."""
        if self._types is None:
            self._types = {**self.ir.types, **operation_types(self.ir)}
        return self._types

    def facts(self, name: str | None) -> list[Any] | None:
        """What checking a value as `name` depends on (None: no such type): every type it
        reaches, by content, with the class name its validators give it (asked once the
        wanted types are known) and whether it is an event stream's union."""
        if name is None or name not in self.types:
            return None
        if self._events is None:
            self._events = {c.type.name for o in self.ir.operations for r in o.responses
                            for c in r.content if c.event_stream and isinstance(c.type, Ref)}
        closure = self._closures.get(name)
        if closure is None:
            closure = self._closures[name] = sorted(self._reach([name]))
        names = self._names_for(name)
        return [[n, self._fingerprint(n), names.get(n), n in self._events] for n in closure]

    def _names_for(self, name: str) -> dict[str, str]:
        """The class names of the (strict) validators that will check `name`: those built,
        or those a build now would give (`_validators`)."""
        built = self._built.get(False)
        if built is not None and name in built.covered:
            return built.names
        wanted = frozenset(self._wanted | {name} | (built.covered if built else set()))
        if self._plan is None or self._plan[0] != wanted:
            self._plan = (wanted, class_names(sorted(self._reach(sorted(wanted)))))
        return self._plan[1]

    def _reach(self, names: list[str]) -> set[str]:
        return reachable(replace(self.ir, operations=[], types=self.types), names)

    def _fingerprint(self, name: str) -> str:
        found = self._prints.get(name)
        if found is None:
            text = json.dumps(encode_part(self.types[name]), ensure_ascii=False, sort_keys=True)
            found = self._prints[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
        return found

    def want(self, names: set[str]) -> None:
        """Types about to be checked: validators are built for them and what they use."""
        self._wanted |= {n for n in names if n in self.types}

    def errors(self, type_name: str | None, value: Any, lenient: bool = False) -> list[Any] | None:
        """Errors of `value` as `type_name` (None when the version has no such type)."""
        if type_name is None or type_name not in self.types:
            return None
        return self._validators(type_name, lenient).errors(type_name, value)

    def accepts(self, type_name: str | None, value: Any, lenient: bool = False) -> bool | None:
        errors = self.errors(type_name, value, lenient)
        return None if errors is None else not errors

    def _validators(self, type_name: str, lenient: bool) -> Validators:
        lenient = lenient and any(isinstance(t, EnumType) and t.open for t in self.ir.types.values())
        built = self._built.get(lenient)
        if built is None or type_name not in built.covered:
            self._wanted.add(type_name)
            if built is not None:
                self._wanted |= built.covered
            self._built[lenient] = built = Validators(self._checked_ir(lenient))
        return built

    def _checked_ir(self, lenient: bool) -> IR:
        # the wanted types and what they use, as named types of an IR without operations
        # (the validators then cover each of them, the synthetic ones too)
        types = {n: self.types[n] for n in sorted(self._reach(sorted(self._wanted)))}
        if lenient:
            types = {n: _opened(t) for n, t in types.items()}
        return replace(self.ir, operations=[], types=types)

    def tolerates(self, type_name: str, value: Any) -> bool:
        """Whether the generated models (and client) of this version take `value` as
        `type_name`: open enums keep unknown values, and an event stream turns an event
        with an unknown tag into `UnknownEvent`."""
        return self.accepts(type_name, value, lenient=True) is True or self._unknown_event(type_name, value)

    def _unknown_event(self, type_name: str, value: Any) -> bool:
        t = self.types.get(type_name)
        while isinstance(t, AliasType) and isinstance(t.target, Ref):
            t = self.types.get(t.target.name)
        events = {c.type.name for o in self.ir.operations for r in o.responses for c in r.content
                  if c.event_stream and isinstance(c.type, Ref)}
        if not isinstance(t, UnionType) or t.name not in events or t.discriminator is None:
            return False
        tag = value.get(t.discriminator.property) if isinstance(value, dict) else None
        return isinstance(tag, str) and tag not in t.discriminator.mapping


def _opened(t: Type) -> Type:
    if not (isinstance(t, EnumType) and t.open and t.base in ("string", "integer", "number", "boolean")):
        return t
    return AliasType(name=t.name, description=t.description, origin=t.origin, inline=t.inline,
                     admits_null=t.admits_null, target=Primitive(type=t.base))
