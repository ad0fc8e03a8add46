"""The decoder of `codec.encode`'s form: Python made from the IR's annotations, once
per process, so each value is checked in line (no call per scalar field) and a nested
IR value costs one call. Any value of the wrong shape or kind raises `CodecError`."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Callable

_SCALARS = (str, bool, int, float, type(None))


class CodecError(ValueError):
    """Data that is not an encoded IR of this respgen."""


def make_decoders(fields: dict[type, tuple[str, ...]],
                  least: dict[type, int]) -> dict[type, Callable[[Any], Any]]:
    """A decoder per class of `fields` (class -> the fields encoded, in order); `least`:
    how many fields each encoding has at the least (those after may be left out)."""
    maker = _Maker(fields)
    for cls in fields:
        maker.for_class(cls, least[cls])
    scope = maker.scope
    exec(compile("\n".join(maker.lines), "<respgen ir decoder>", "exec"), scope)
    for table, classes in maker.tags.items():
        scope[table].update({c.__name__: scope[_fn(c)] for c in classes})
    return {cls: scope[_fn(cls)] for cls in fields}


def _fn(cls: type) -> str:
    return f"class_{cls.__name__}"


def _scalar_kinds(hint: Any) -> tuple[type, ...] | None:
    """The types a value of only scalars may have (() for Any), None for any other hint."""
    if hint is Any:
        return ()
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    args = typing.get_args(hint) if union else (hint,)
    if not all(a in _SCALARS for a in args):
        return None
    return tuple(sorted({*args, int} if float in args else set(args), key=lambda t: t.__name__))


class _Maker:
    def __init__(self, fields: dict[type, tuple[str, ...]]) -> None:
        self.fields = fields
        self.lines: list[str] = []
        self.scope: dict[str, Any] = {"Error": CodecError, "NEW": object.__new__}
        self.tags: dict[str, list[type]] = {}  # tag table -> the classes it dispatches to
        self.made: dict[str, str] = {}  # repr(hint) -> its function's name

    def const(self, value: Any) -> str:
        name = f"C{len(self.scope)}"
        self.scope[name] = value
        return name

    def for_class(self, cls: type, least: int) -> None:
        hints = typing.get_type_hints(cls)
        names = self.fields[cls]
        stated = [f for f in dataclasses.fields(cls) if f.name in names]
        fixed = {f.name: f.default for f in dataclasses.fields(cls)
                 if not f.init and f.name in hints and f.default is not dataclasses.MISSING}
        out = [f"def {_fn(cls)}(v):",
               f"    if type(v) is not list or not {least} <= len(v) <= {len(names) + 1} "
               f"or v[0] != {cls.__name__!r}:",
               f"        raise Error({'not a ' + cls.__name__!r})",
               "    n = len(v)",
               f"    d = dict({self.const(fixed)})"]
        for i, f in enumerate(stated, start=1):
            take = self.take(hints[f.name], f"v[{i}]", f"d[{f.name!r}]", f.name)
            if i < least:
                out += ["    " + t for t in take]
                continue
            if f.default_factory is not dataclasses.MISSING:
                default = f"{self.const(f.default_factory)}()"
            else:
                default = self.const(f.default)
            out += [f"    if n > {i}:", *("        " + t for t in take),
                    f"    else:\n        d[{f.name!r}] = {default}"]
        if "pattern_sites" in hints:  # the IR's, filled by codec.decode
            out.append("    d['pattern_sites'] = {}")
        out += ["    o = NEW(" + self.const(cls) + ")", "    o.__dict__ = d", "    return o", ""]
        self.lines += out

    def take(self, hint: Any, source: str, target: str, what: str) -> list[str]:
        """Statements that check `source` as `hint` and set `target` to its value."""
        kinds = _scalar_kinds(hint)
        if kinds == ():
            return [f"{target} = {source}"]
        if kinds is not None:
            return [f"x = {source}", f"if type(x) not in {self.const(kinds)}: raise Error({what!r})",
                    f"{target} = x"]
        return [f"{target} = {self.function(hint)}({source})"]

    def function(self, hint: Any) -> str:
        """The name of a function decoding a value of `hint` (an IR class, list, str-keyed
        dict, or union of IR classes and scalars)."""
        if isinstance(hint, type) and hint in self.fields:
            return _fn(hint)
        key = repr(hint)
        if key in self.made:
            return self.made[key]
        name = self.made[key] = f"hint_{len(self.made)}"
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is list:
            body = ["if type(x) is not list: raise Error('not a list')",
                    *self._items(args[0], "[{} for y in x]")]
        elif origin is dict and args[0] is str:
            body = ["if type(x) is not dict: raise Error('not a mapping')",
                    *self._items(args[1], "{{k: {} for k, y in x.items()}}")]
        elif origin in (typing.Union, types.UnionType):
            classes = [a for a in args if isinstance(a, type) and a in self.fields]
            rest = [a for a in args if a not in classes]
            if not all(a in _SCALARS for a in rest):
                raise TypeError(f"the IR decoder cannot decode {hint!r}")
            kinds = tuple(sorted({*rest, int} if float in rest else set(rest),
                                 key=lambda t: t.__name__))
            table = self.const({})
            self.tags[table] = classes
            body = ["if type(x) is list and x and type(x[0]) is str:",
                    f"    f = {table}.get(x[0])", "    if f is not None: return f(x)",
                    f"if type(x) in {self.const(kinds)}: return x",
                    f"raise Error({'not a ' + key!r})"]
        else:
            raise TypeError(f"the IR decoder cannot decode {hint!r}")  # a new kind of field
        self.lines += [f"def {name}(x):", *("    " + b for b in body), ""]
        return name

    def _items(self, hint: Any, shape: str) -> list[str]:
        kinds = _scalar_kinds(hint)
        if kinds == ():
            return [f"return {shape.format('y')}"]
        if kinds is not None:
            check = f"for y in {'x.values()' if shape.startswith('{') else 'x'}:\n" \
                    f"    if type(y) not in {self.const(kinds)}: raise Error('not a scalar')"
            return [*check.split("\n"), f"return {shape.format('y')}"]
        return [f"return {shape.format(self.function(hint) + '(y)')}"]
