"""Build the IR from a loaded spec: schemas, operations, then whole-IR passes."""

from __future__ import annotations

from ..errors import ConfigError, Diagnostics, SpecError
from ..ir import IR, AliasType, Ref
from ..ir.walk import all_exprs
from ..source.loader import Workspace
from .also import override_message
from .also_prune import prune_also
from .clashes import note_name_clashes
from .depth import reject_deep_nesting
from .discriminators import finalize_discriminators
from .inline_names import assign_inline_names
from .operations import build_operations
from .overlaps import read_overlapping_oneofs
from .schemas import SchemaBuilder
from .servers import build_auth, build_servers
from .usage import apply_directions


def build_ir(ws: Workspace, diags: Diagnostics, operations: tuple[str, ...] = ()) -> IR:
    """Spec -> IR: every operation and component schema, inline types named.

    With `operations` (e.g. ("POST /responses",)), only those operations and
    the types they reach are built: a Responses SDK from a vendor's whole API.
    """
    data = ws.root.data
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    builder = SchemaBuilder(ws, diags)
    if not operations:
        builder.build_components()
    wanted = {o.split(None, 1)[0].lower() + " " + o.split(None, 1)[1].strip()
              for o in operations if len(o.split(None, 1)) == 2}
    built = build_operations(builder, wanted or None)
    builder.finish()
    if operations and not built:
        raise ConfigError(f"no operation matches {', '.join(operations)} in {ws.root.display}")
    ir = IR(
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        openapi=str(data.get("openapi", data.get("swagger", ""))),
        source=ws.root.display,
        operations=built,
        types=builder.types,
        pattern_sites=builder.pattern_sites,
        servers=build_servers(data),
        auth=build_auth(data),
    )
    apply_definition_nullability(ir, builder.def_nullable)
    reject_ref_cycles(ir, ws)
    reject_deep_nesting(ir, ws)
    finalize_discriminators(ir, builder)
    note_overrides(builder, prune_also(ir))  # before inline types are merged (and dropped)
    assign_inline_names(ir, builder.hints)
    read_overlapping_oneofs(ir, ws, diags)  # named, before the request side's twins
    apply_directions(ir)
    ir.types = dict(sorted(ir.types.items()))
    note_name_clashes(ir, ws, diags)
    return ir


def note_overrides(builder: SchemaBuilder, fate: dict[int, str]) -> None:
    """Say where allOf members disagree, unless the kept member turned out implied."""
    for also, (where, keys, checked) in builder.also_notes:
        if fate.get(id(also)) != "implied":
            builder.diags.note(where, override_message(keys, checked, fate.get(id(also))))


def apply_definition_nullability(ir: IR, def_nullable: dict[str, bool]) -> None:
    """A named schema that admits null makes every use of it nullable."""
    for e in all_exprs(ir):
        if isinstance(e, Ref) and def_nullable.get(e.name):
            e.nullable = True
    for name, nullable in def_nullable.items():
        if nullable and name in ir.types:
            ir.types[name].admits_null = True


def reject_ref_cycles(ir: IR, ws: Workspace) -> None:
    """`A: {$ref: B}`, `B: {$ref: A}` names no schema at all: a clear error, not a hang."""
    for name in sorted(ir.types):
        t = ir.types[name]
        seen = [name]
        while isinstance(t, AliasType) and isinstance(t.target, Ref):
            nxt = t.target.name
            if nxt in seen:
                chain = " -> ".join(seen + [nxt])
                raise SpecError(ws.origin_location(ir.types[name].origin),
                                f"$ref cycle that cannot be expanded: {chain}")
            seen.append(nxt)
            t = ir.types.get(nxt)  # type: ignore[assignment]
