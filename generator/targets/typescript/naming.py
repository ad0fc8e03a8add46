"""TypeScript naming pass: IR names -> valid, non-clashing TypeScript names.

A type keeps its IR name when that is already an ASCII identifier (`$` and `_`
allowed), else it is PascalCased; names that TypeScript reserves (keywords,
strict-mode words, predefined types such as `string` or `unknown`) or that the
generated modules use (`z`, `Equal`, the globals we name) get a trailing `_`,
then a number on a clash, in a deterministic order (sorted by IR name), as in
the Python naming pass. Each type `T` has a zod schema `TSchema` (exported) and a
private shape `TShape`: a type's name never ends up equal to another's value
name, because types live in TypeScript's type namespace and schemas in the
value namespace. Property keys keep the wire name (quoted when needed).
"""

from __future__ import annotations

from ...words import pascal, unique
from .escaping import is_ident

KEYWORDS = frozenset("""
break case catch class const continue debugger default delete do else enum export extends
false finally for function if import in instanceof new null return super switch this throw
true try typeof var void while with implements interface let package private protected
public static yield any boolean number string symbol bigint object unknown never undefined
await async as asserts declare from get set is keyof infer readonly require type module
namespace abstract constructor global of satisfies unique accessor out override
""".split())
# Names the generated modules import or define, and global types they use.
MODULE_NAMES = frozenset({
    "z", "Equal", "Expect", "Mutable", "Schemas", "UnknownVariant",
    "openEnum", "uniqueItems", "pattern", "jsonEquals",
    "Array", "Record", "Readonly", "ReadonlyArray", "Partial", "Required", "Pick", "Omit",
    "Object", "String", "Number", "Boolean", "Symbol", "Date", "Error", "Promise", "Map",
    "Set", "JSON", "RegExp", "Function", "Math", "Infinity", "NaN", "arguments", "eval",
})


def type_names(ir_names: list[str]) -> dict[str, str]:
    """IR type name -> TypeScript type name, unique and deterministic."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(ir_names):
        base = name if is_ident(name) else pascal(name)
        if not base or not (base[0].isalpha() or base[0] == "$"):
            base = "T" + base
        if base in KEYWORDS or base in MODULE_NAMES:
            base += "_"
        out[name] = unique(base, used)
        if not is_ident(out[name]):  # templates write it as code (Target.template_safe)
            raise ValueError(f"TypeScript name {out[name]!r} is not an identifier")
    return out


# The class whose static members are the zod shapes and schemas (see models.py).
HOLDER = "Schemas"
# schemas.ts's namespace import of models.ts (`import type * as T`).
TYPES = "T"


def schema_name(type_name: str) -> str:
    return f"{type_name}Schema"


def shape_name(type_name: str) -> str:
    return f"{type_name}Shape"

