"""The IR as compact JSON data and back, exactly (the IR cache's form, output/cache.py).

`dump_json` (the `respgen ir` form) is for people: sorted, rare facts left out. This
form is for loading back fast: each IR dataclass is a list, `[class name, field, ...]`
in field order, trailing fields at their default left out, so `decode(encode(ir)) ==
ir`, `pattern_sites` included.

Decoding trusts nothing: it follows the IR's own annotations (decoder.py), so a value
of the wrong shape or kind anywhere (an entry from another respgen, a damaged file)
raises `CodecError` instead of giving an IR a target would trip over later. Fields typed
`Any` (a const, a default, examples) hold the spec's JSON values as they are.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import typing
from typing import Any, Callable

from ..errors import Location
from . import IR
from .decoder import CodecError, make_decoders

__all__ = ["CodecError", "Locate", "decode", "encode", "encode_part", "holding_ir"]
Locate = Callable[[str, str], Location]  # (file, pointer) -> where it is


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


def encode_part(value: Any) -> Any:
    """One part of an IR (a named type, an expression) in `encode`'s form."""
    return _encode(value)


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
def _decoders() -> dict[type, Callable[[Any], Any]]:
    """A decoder per IR class (decoder.py), made once per process."""
    least = {}
    for cls, names in _FIELDS.items():
        defaults = _DEFAULTS[cls]
        least[cls] = 1 + max((i + 1 for i in range(len(names)) if defaults[i] is _NO_DEFAULT),
                             default=0)  # up to the last field without a default
    return make_decoders(_FIELDS, least)
