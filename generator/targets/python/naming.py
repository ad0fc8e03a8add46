"""Python naming pass: IR names -> valid, non-clashing Python identifiers.

Class names keep the IR name when it is already a valid identifier, else are
PascalCased. Field names are snake_case. Neither may be a keyword, a builtin
used in annotations, a name the generated module imports, or an attribute of
pydantic's BaseModel; clashes get a trailing underscore, then a number, in a
deterministic order (sorted by wire/IR name). The wire name is always kept as
the field's alias.
"""

from __future__ import annotations

import builtins
import keyword

import re
from collections.abc import Collection

from ...ir import Operation
from ...words import pascal, snake, unique, upper_snake

# Names the generated models module defines or imports.
MODULE_NAMES = frozenset(
    {
        "Annotated", "Any", "BaseModel", "ConfigDict", "Enum", "Field", "Literal",
        "StrictBool", "StrictFloat", "StrictInt", "StrictStr", "TypeAlias", "Union",
        "JsonValue", "Model", "OpenStrEnum", "OpenIntEnum", "NOT_NULL", "deprecated_field",
        "unique_items", "annotations", "StrEnum", "IntEnum",
    }
)
# Attributes of pydantic.BaseModel that a field must not shadow: respgen's own fixed list
# (pydantic 2.x's public attributes, plus every `model_` name pydantic reserves), so that
# generation never imports the generated code's runtime and the output does not depend on
# the installed pydantic. tests/test_python_naming.py checks it covers the installed one.
MODEL_ATTRS = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "model_computed_fields",
        "model_config", "model_construct", "model_copy", "model_dump", "model_dump_json",
        "model_extra", "model_fields", "model_fields_set", "model_json_schema",
        "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
        "model_validate_json", "model_validate_strings", "parse_file", "parse_obj",
        "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
    }
)
# Lower-case names the client module binds, which a method in a class body would shadow
# for the annotations and decorators after it.
CLIENT_MODULE_NAMES = frozenset({"builtins", "os", "httpx", "overload"})
ANNOTATION_BUILTINS = frozenset({"str", "int", "float", "bool", "list", "dict", "bytes", "None"})


def _is_reserved_class(name: str) -> bool:
    return (
        keyword.iskeyword(name)
        or keyword.issoftkeyword(name)
        or name in MODULE_NAMES
        or name in MODEL_ATTRS  # bound in a class body (`model_config = ...`)
        or name == "__pydantic_extra__"
        or hasattr(builtins, name)
    )


def class_names(ir_names: list[str]) -> dict[str, str]:
    """IR type name -> Python class name, unique and deterministic."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(ir_names):
        base = name if name.isidentifier() and name.isascii() else pascal(name)
        if not base or not base[0].isalpha():
            base = "T" + base
        if _is_reserved_class(base):
            base += "_"
        out[name] = unique(base, used)
    return out


def field_names(wire_names: list[str], types: Collection[str] = ()) -> dict[str, str]:
    """Wire name -> Python attribute name, for the fields of one class.

    `types` are the module's type names: in a class body a field binds its name, and
    an annotation after it naming a type so would resolve to the field's default
    (a string, which pydantic evaluates as code). A field never takes such a name."""
    reserved = frozenset(types)  # the same object when it is one already
    out: dict[str, str] = {}
    used: set[str] = set()
    for wire in sorted(wire_names):
        base = wire if wire.isidentifier() and wire.isascii() and wire == wire.lower() else snake(wire)
        base = base.lstrip("_")
        if not base:
            base = "field"
        if base[0].isdigit():
            base = "field_" + base
        if (
            keyword.iskeyword(base)
            or base in MODEL_ATTRS
            or base in ANNOTATION_BUILTINS
            or base in MODULE_NAMES
            or base in reserved
        ):
            base += "_"
        out[wire] = unique(base, used, reserved)
    return out


def member_names(values: list[object]) -> list[str]:
    """Enum values -> UPPER_SNAKE member names, unique, in value order."""
    used: set[str] = set()
    out = []
    for value in values:
        base = upper_snake(str(value)) or "EMPTY"
        if base[0].isdigit():
            base = "V_" + base
        if base.startswith("_"):
            base = "V" + base
        out.append(unique(base, used))
    return out


def endpoint_names(ops: list[Operation]) -> dict[int, str]:
    """id(operation) -> the client module's Endpoint variable of each (`_POST_RESPONSES`):
    an ASCII identifier, unique (`/a/b` and `/a.b` both give `_POST_A_B`; the later in
    `ops`' order is `_POST_A_B_2`), all upper-case (the aliases beside it are not)."""
    used: set[str] = set()
    out: dict[int, str] = {}
    for op in ops:
        base = "_" + re.sub(r"[^0-9A-Za-z]", "_", f"{op.method}{op.path}").upper()
        out[id(op)] = unique(base, used)
    return out


def mentions(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as a whole word (as `\\bname\\b` would find it,
    without compiling a pattern per name: generation asks this for every class)."""
    if not name or not (name[0].isalnum() or name[0] == "_") or \
            not (name[-1].isalnum() or name[-1] == "_"):
        return re.search(rf"\b{re.escape(name)}\b", text) is not None
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not _word_char(text[at - 1])) and \
                (end == len(text) or not _word_char(text[end])):
            return True
        at = text.find(name, at + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
