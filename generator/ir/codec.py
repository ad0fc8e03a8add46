"""The IR as compact JSON data and back, exactly (the IR cache's form, output/cache.py).

`dump_json` (the `respgen ir` form) is for people: sorted, rare facts left out. This
form is for loading back fast: each IR dataclass is a list, `[class name, field, ...]`
in field order, trailing fields at their default left out, so `decode(encode(ir)) ==
ir`, `pattern_sites` included.

Decoding trusts nothing: it follows the IR's own annotations, so a value of the wrong
shape or kind anywhere (an entry from another respgen, a damaged file) raises
`CodecError` instead of giving an IR a target would trip over later. Fields typed
`Any` (a const, a default, examples) hold the spec's JSON values as they are.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import types
import typing
from typing import Any, Callable

from ..errors import Location
from . import IR

Decoder = Callable[[Any], Any]
Locate = Callable[[str, str], Location]  # (file, pointer) -> where it is


class CodecError(ValueError):
    """Data that is not an encoded IR of this respgen."""


def encode(ir: IR) -> list[Any]:
    """`ir` as JSON data: nested lists, strings, numbers, booleans and nulls."""
    out: list[Any] = _encode(ir)
    out.append([[p, loc.file, loc.pointer] for p, loc in ir.pattern_sites.items()])
    return out


def decode(data: Any, locate: Locate | None = None) -> IR:
    """The IR `encode` gave `data` for. `locate` gives the `Location` of a pattern's
    place (by default one without line and column)."""
    if not isinstance(data, list) or not data:
        raise CodecError("not an encoded IR")
    *body, sites = data
    ir = _decoders()[IR](body)
    if not isinstance(sites, list):
        raise CodecError("pattern sites: not a list")
    where = locate or (lambda file, pointer: Location(file, pointer))
    for site in sites:
        if not (isinstance(site, list) and len(site) == 3 and all(isinstance(s, str) for s in site)):
            raise CodecError("pattern sites: not [pattern, file, pointer]")
        ir.pattern_sites[site[0]] = where(site[1], site[2])
    return typing.cast(IR, ir)


# ------------------------------------------------------------------------ encoding


def _encode(value: Any) -> Any:
    names = _FIELDS.get(type(value))
    if names is not None:
        out = [type(value).__name__, *[_encode(getattr(value, n)) for n in names]]
        defaults = _DEFAULTS[type(value)]
        while len(out) > 1 and type(out[-1]) is type(defaults[len(out) - 2]) \
                and out[-1] == defaults[len(out) - 2]:
            out.pop()  # a trailing field at its default: the decoder fills it in
        return out
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _ir_classes() -> list[type]:
    module = sys.modules[IR.__module__]
    return [c for c in vars(module).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == module.__name__]


def _stored(cls: type) -> tuple[str, ...]:
    """The fields kept: all but the fixed `kind` tags (init=False) and the pattern sites
    (Locations, kept apart)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init and f.name != "pattern_sites")


_FIELDS: dict[type, tuple[str, ...]] = {c: _stored(c) for c in _ir_classes()}
_NO_DEFAULT = object()


def _default_of(f: dataclasses.Field[Any]) -> Any:
    """A field's default as `_encode` writes it (a factory's value encoded), or _NO_DEFAULT."""
    if f.default is not dataclasses.MISSING:
        return _encode(f.default)
    if f.default_factory is not dataclasses.MISSING:
        return _encode(f.default_factory())
    return _NO_DEFAULT


_DEFAULTS: dict[type, list[Any]] = {}
for _cls in _FIELDS:  # after _FIELDS: a default may be an IR object (Constraints())
    _DEFAULTS[_cls] = [_default_of(f) for f in dataclasses.fields(_cls) if f.name in _FIELDS[_cls]]

@functools.lru_cache(maxsize=None)
def holding_ir(cls: type) -> tuple[str, ...]:
    """The fields of IR class `cls` whose values can hold IR objects (not `Any`, not
    scalars): what a walk over the IR needs to visit."""
    hints = typing.get_type_hints(cls)
    return tuple(n for n in _FIELDS[cls] if _mentions_ir(hints[n]))


def _mentions_ir(hint: Any) -> bool:
    if isinstance(hint, type) and hint in _FIELDS:
        return True
    return any(_mentions_ir(a) for a in typing.get_args(hint))


# ------------------------------------------------------------------------ decoding


@functools.lru_cache(maxsize=1)
def _decoders() -> dict[type, Decoder]:
    """A decoder per IR class, made from its annotations (once per process)."""
    made: dict[type, Decoder] = {}
    hints: dict[type, dict[str, Any]] = {}

    def hint_of(cls: type) -> dict[str, Any]:
        if cls not in hints:
            hints[cls] = typing.get_type_hints(cls)
        return hints[cls]

    def for_class(cls: type) -> Decoder:
        if cls in made:
            return made[cls]
        names = _FIELDS[cls]
        parts: list[Decoder] = []
        fixed = {f.name: f.default for f in dataclasses.fields(cls) if not f.init
                 and f.name != "pattern_sites"}
        tag = cls.__name__
        size = len(names) + 1
        stated = [f for f in dataclasses.fields(cls) if f.name in names]
        least = 1 + max((i + 1 for i, f in enumerate(stated) if _default_of(f) is _NO_DEFAULT),
                        default=0)  # up to the last field without a default
        tail: list[tuple[str, Callable[[], Any] | None, Any]] = [
            (f.name, None if f.default_factory is dataclasses.MISSING
             else f.default_factory, f.default) for f in stated]

        def run(value: Any) -> Any:
            if type(value) is not list or not least <= len(value) <= size or value[0] != tag:
                raise CodecError(f"not a {tag}")
            obj: Any = object.__new__(cls)
            state = {n: p(v) for n, p, v in zip(names, parts, value[1:])}
            for name, factory, default in tail[len(value) - 1:]:
                state[name] = default if factory is None else factory()
            state.update(fixed)
            if cls is IR:
                state["pattern_sites"] = {}  # filled by decode()
            obj.__dict__.update(state)
            return obj

        made[cls] = run  # before the fields: the IR's types refer to themselves
        parts.extend(for_hint(hint_of(cls)[n]) for n in names)
        return run

    def for_hint(hint: Any) -> Decoder:
        if hint is Any:
            return _any
        if hint in (str, bool, int, float, type(None)):
            return _scalar(hint)
        if isinstance(hint, type) and hint in _FIELDS:
            return for_class(hint)
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is list:
            return _list_of(for_hint(args[0]))
        if origin is dict and args[0] is str:
            return _dict_of(for_hint(args[1]))
        if origin in (typing.Union, types.UnionType):
            return _union_of(args, for_hint)
        raise TypeError(f"the IR codec cannot decode {hint!r}")  # a new IR field's kind

    return {c: for_class(c) for c in _FIELDS}


def _any(value: Any) -> Any:
    return value


def _scalar(kind: type) -> Decoder:
    if kind is float:  # a float field holds any JSON number
        def number(value: Any) -> Any:
            if type(value) not in (int, float):
                raise CodecError("not a number")
            return value
        return number

    def exact(value: Any) -> Any:
        if type(value) is not kind:
            raise CodecError(f"not a {kind.__name__}")
        return value
    return exact


def _list_of(item: Decoder) -> Decoder:
    def run(value: Any) -> Any:
        if type(value) is not list:
            raise CodecError("not a list")
        return [item(v) for v in value]
    return run


def _dict_of(item: Decoder) -> Decoder:
    def run(value: Any) -> Any:
        if type(value) is not dict:
            raise CodecError("not a mapping")
        return {k: item(v) for k, v in value.items()}
    return run


def _union_of(args: tuple[Any, ...], for_hint: Callable[[Any], Decoder]) -> Decoder:
    """A union of IR classes (told apart by the tag each list starts with) and scalars."""
    classes = {a.__name__: for_hint(a) for a in args if isinstance(a, type) and a in _FIELDS}
    scalars = {a: for_hint(a) for a in args if a in (str, bool, int, float, type(None))}
    if float in scalars:
        scalars[int] = scalars[float]

    def run(value: Any) -> Any:
        if type(value) is list and value and type(value[0]) is str:
            found = classes.get(value[0])
            if found is not None:
                return found(value)
        scalar = scalars.get(type(value))
        if scalar is None:
            raise CodecError(f"not one of {sorted(classes)} or {sorted(s.__name__ for s in scalars)}")
        return scalar(value)
    return run
