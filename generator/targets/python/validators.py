"""View for `templates/python/validators.py.j2`: a checker per reachable named type.

Each named type gets `_v_<Name>(d, p, e)`, straight-line code that appends
every problem with `d` (at path `p`) to `e`; public `validate_<Name>` and
`check_<Name>` wrap it. Semantics are JSON Schema 2020-12 over the IR (enums
are closed here even where the models keep them open: a validator says what
the spec says; every `also` is checked too, so each allOf member holds). Unions first split on the value's JSON kind, then on a tag
property the object variants pin, and only then try the remaining variants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...ir import (
    IR, AnyType, Array, Const, EnumType, Map, ObjectType, Primitive, Ref, TypeExpr, UnionType,
)
from ...ir.walk import exprs_of_operations, reachable, refs
from .escaping import py_str, py_value
from .naming import class_names, mentions
from .vcode import Coder, indent, shown
from .vkinds import buckets, decisive_fields, tag_pins

_HELPERS = ("MISSING", "any_of", "bad", "by_tag", "equal", "extra", "in_enum", "is_int",
            "is_num", "matches", "missing", "multiple_of", "unique")
_BUCKETS = (
    ("object", "isinstance(d, dict)"),
    ("array", "isinstance(d, list)"),
    ("string", "isinstance(d, str)"),
    ("null", "d is None"),
    ("boolean", "isinstance(d, bool)"),
    ("number", "is_num(d)"),
)


@dataclass
class Checker:
    name: str  # the function's name
    body: str  # its indented body (4 spaces), no trailing newline
    type_name: str | None = None  # the Python type name, for public functions


@dataclass
class ValidatorsView:
    constants: list[tuple[str, str]] = field(default_factory=list)  # (name, expression)
    checkers: list[Checker] = field(default_factory=list)
    tables: list[tuple[str, str, str]] = field(default_factory=list)  # (name, annotation, expr)
    public: list[Checker] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)  # helpers from _checks the code uses
    uses_re: bool = False


def validated_types(ir: IR) -> list[str]:
    """Types reachable from the operations (every type when there are none)."""
    if not ir.operations:
        return sorted(ir.types)
    roots = [name for _, e in exprs_of_operations(ir) for name in refs(e)]
    return sorted(reachable(ir, roots))


def build_validators(ir: IR, names: dict[str, str] | None = None) -> ValidatorsView:
    """The validators of `ir`'s types; `names`: their Python names (`class_names`),
    when already made (the models view has them)."""
    if names is None:
        names = class_names(list(ir.types))
    wanted = validated_types(ir)
    fn_names = {n: "_v_" + names[n] for n in ir.types}
    builder = _Builder(ir, names, fn_names)
    view = ValidatorsView()
    for ir_name in wanted:
        lines = builder.named(ir_name)
        checker = Checker(fn_names[ir_name], _body(lines), names[ir_name])
        view.checkers.append(checker)
        if ir.types[ir_name].admits_null:  # the type on its own admits null, as its uses do
            entry = builder.coder.expr(Ref(name=ir_name, nullable=True), "d", "p")
            checker = Checker("_n" + fn_names[ir_name][2:], _body(entry), names[ir_name])
            view.checkers.append(checker)
        view.public.append(checker)
    view.checkers.extend(builder.helpers)
    view.constants = [(n, expr) for expr, n in builder.coder.constants.items()]
    view.tables = builder.tables
    text = "\n".join([c.body for c in view.checkers] + [e for _, e in view.constants]
                     + [e for _, _, e in view.tables])
    view.imports = [n for n in _HELPERS if mentions(text, n)]
    view.uses_re = "re2.compile(" in text
    return view


def _same(a: Any, b: Any) -> bool:
    """JSON equality of two spec values (true is not 1)."""
    return type(a) is type(b) and a == b or (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def _tuple(items: list[str]) -> str:
    """A tuple display black leaves alone (a trailing comma only where one is needed)."""
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _body(lines: list[str]) -> str:
    return "\n".join(indent(lines or ["pass"]))


class _Builder:
    def __init__(self, ir: IR, names: dict[str, str], fn_names: dict[str, str]) -> None:
        self.ir = ir
        self.names = names
        self.coder = Coder(ir, fn_names)
        self.helpers: list[Checker] = []
        self.tables: list[tuple[str, str, str]] = []

    def named(self, name: str) -> list[str]:
        """A named type's checks, then those of its `also` (see `Coder.expr`)."""
        also = self.coder.named_also(name, "d", "p")
        t = self.ir.types[name]
        if isinstance(t, ObjectType):
            return self._object(t, also)
        if isinstance(t, EnumType):
            return self._enum(t) + also
        if isinstance(t, UnionType):
            return self._union(t, name) + also
        return self.coder.expr(t.target, "d", "p") + also

    # ---------------------------------------------------------------- objects

    def _object(self, t: ObjectType, then: list[str]) -> list[str]:
        """Checks of an object; `then` runs after them whatever the value is."""
        c = self.coder
        fail = [] if t.implicit else ["    " + c.err("p", "type", "object", "d")]
        lines: list[str] = []
        for f in t.fields:
            key = py_str(f.name)
            check = c.expr(f.type, "v", f"(p, {key})")
            if f.required and not check:
                lines += [f"if {key} not in d:", f"    e.append(missing(p, {key}))"]
            elif f.required:
                lines += [f"v = d.get({key}, MISSING)", "if v is MISSING:",
                          f"    e.append(missing(p, {key}))", "else:", *indent(check)]
            elif check:
                lines += [f"v = d.get({key}, MISSING)", "if v is not MISSING:", *indent(check)]
        lines += self._extra(t)
        lines += c._sizes(t.constraints, "d", "p", items=False)
        if not then:
            return ["if not isinstance(d, dict):", *fail, "    return", *lines]
        if not lines:
            return [*(["if not isinstance(d, dict):", *fail] if fail else []), *then]
        return ["if isinstance(d, dict):", *indent(lines), *(["else:", *fail] if fail else []),
                *then]

    def _extra(self, t: ObjectType) -> list[str]:
        """Every key: the `patternProperties` it matches, then additionalProperties
        when it matched none and is not a declared property."""
        by_pattern = self.coder.patterns(t.pattern_properties, "k", "x", "(p, k)", "m")
        extra = t.additional_properties
        if extra is False:
            rest = ["e.append(extra(p, k))"]
        else:
            rest = [] if extra is True else self.coder.expr(extra, "x", "(p, k)")
        tests = (["not m"] if by_pattern else []) + (
            [f"k not in {self._keys([f.name for f in t.fields])}"] if t.fields else [])
        if rest and tests:
            rest = [f"if {' and '.join(tests)}:", *indent(rest)]
        if not (by_pattern or rest):
            return []
        head = "for k in d:" if extra is False and not by_pattern else "for k, x in d.items():"
        return [head, *indent(by_pattern + rest)]

    def _keys(self, keys: list[str]) -> str:
        if not keys:
            return "()"
        return self.coder.constant("frozenset({" + ", ".join(py_str(k) for k in keys) + "})", "K")

    # ------------------------------------------------------------------ enums

    def _enum(self, t: EnumType) -> list[str]:
        return self._enum_check(t.values)

    def _enum_check(self, values: list[Any]) -> list[str]:
        c = self.coder
        expected = c.constant(py_str("one of " + ", ".join(shown(v) for v in values)), "X")
        if all(isinstance(v, str) for v in values):
            known = c.constant("frozenset({" + ", ".join(py_str(v) for v in values) + "})", "E")
            test = f"not (isinstance(d, str) and d in {known})"
        else:
            known = c.constant(_tuple([py_value(v) for v in values]), "E")
            test = f"not in_enum(d, {known})"
        return [f"if {test}:", f"    e.append(bad(p, \"enum\", {expected}, d))"]

    def _merged_values(self, t: UnionType, cands: list[int]) -> list[Any] | None:
        """When every candidate is a fixed set of values (enum or const), their union
        (for oneOf, only when no value is in two of them): one membership test."""
        values: list[Any] = []
        for i in cands:
            v = t.variants[i]
            if isinstance(v, Const) and not v.nullable:
                part = [v.value]
            elif isinstance(v, Ref) and not v.nullable and isinstance(
                    self.ir.types.get(v.name), EnumType):
                part = list(self.ir.types[v.name].values)  # type: ignore[union-attr]
            else:
                return None
            for value in part:
                if any(_same(value, seen) for seen in values):
                    if t.exclusive:
                        return None
                    continue
                values.append(value)
        return values

    # ----------------------------------------------------------------- unions

    def _union(self, t: UnionType, name: str) -> list[str]:
        kinds = [buckets(self.ir, v) for v in t.variants]
        fns = [self._variant_fn(name, i, v) for i, v in enumerate(t.variants)]
        labels = [self._label(v) for v in t.variants]
        lines: list[str] = []
        present: list[str] = []
        for bucket, test in _BUCKETS:
            cands = [i for i, k in enumerate(kinds) if bucket in k]
            if not cands:
                continue
            present.append(bucket)
            body = self._bucket(t, name, bucket, cands, fns, labels)
            lines += [("elif " if lines else "if ") + test + ":", *indent(body)]
        if len(present) == len(_BUCKETS):
            lines += ["else:", "    " + self._try(t, name, "any", list(range(len(fns))), fns, labels)]
            return lines
        lines += ["else:", "    " + self.coder.err("p", "type", " or ".join(present), "d")]
        return lines

    def _bucket(self, t: UnionType, name: str, bucket: str, cands: list[int], fns: list[str],
                labels: list[str]) -> list[str]:
        if len(cands) == 1:
            return [f"{fns[cands[0]]}(d, p, e)"]
        merged = self._merged_values(t, cands)
        if merged is not None:
            return self._enum_check(merged)
        if bucket == "object":
            tagged = self._by_tag(t, name, cands, fns, labels)
            if tagged is not None:
                return [tagged]
        return [self._try(t, name, bucket, cands, fns, labels)]

    def _choice(self, t: UnionType, cands: list[int], fns: list[str], labels: list[str]) -> str:
        if not cands:
            return "((), (), ())"
        f = _tuple([fns[i] for i in cands])
        lab = _tuple([py_str(labels[i]) for i in cands])
        pairs = [f"({py_str(k)}, {pos})" for k, pos in decisive_fields(self.ir, t, cands)
                 if len(cands) > 1]
        return f"({f}, {lab}, {_tuple(pairs)})"

    def _try(self, t: UnionType, name: str, bucket: str, cands: list[int], fns: list[str],
             labels: list[str]) -> str:
        table = f"_U_{bucket}_{self.names[name]}"
        self.tables.append((table, "Choice", self._choice(t, cands, fns, labels)))
        return f"any_of(d, p, e, *{table}, {t.exclusive})"

    def _by_tag(self, t: UnionType, name: str, cands: list[int], fns: list[str],
                labels: list[str]) -> str | None:
        prop = t.discriminator.property if t.discriminator else "type"
        pins = {i: tag_pins(self.ir, t.variants[i], prop) for i in cands}
        if all(p is None for p, _ in pins.values()):
            return None
        values = sorted({v for p, _ in pins.values() if p for v in p})
        entries = []
        for value in values:
            chosen = [i for i in cands if pins[i][0] is None or value in pins[i][0]]  # type: ignore[operator]
            entries.append(f"{py_str(value)}: {self._choice(t, chosen, fns, labels)}")
        base = f"_T_{self.names[name]}"
        self.tables.append((base, "dict[str, Choice]", "{" + ", ".join(entries) + "}"))
        absent = [i for i in cands if not pins[i][1]]
        other = [i for i in cands if pins[i][0] is None]
        self.tables.append((base + "_absent", "Choice", self._choice(t, absent, fns, labels)))
        self.tables.append((base + "_other", "Choice", self._choice(t, other, fns, labels)))
        return (f"by_tag(d, p, e, {py_str(prop)}, {base}, {base}_absent, {base}_other, "
                f"{t.exclusive})")

    def _variant_fn(self, name: str, index: int, v: TypeExpr) -> str:
        if isinstance(v, Ref) and not v.nullable:
            return self.coder.fn_names[v.name]
        fn = f"_u{index}_{self.names[name]}"
        self.helpers.append(Checker(fn, _body(self.coder.expr(v, "d", "p"))))
        return fn

    def _label(self, v: TypeExpr) -> str:
        if isinstance(v, Ref):
            label = self.names[v.name]
        elif isinstance(v, Primitive):
            label = v.type
        elif isinstance(v, Array):
            label = "array"
        elif isinstance(v, Map):
            label = "object"
        elif isinstance(v, Const):
            label = shown(v.value)
        else:
            label = "any"
        return label + (" or null" if v.nullable and not isinstance(v, AnyType) else "")

