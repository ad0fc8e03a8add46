"""Render a list of changes: readable text, JSON, or a markdown changelog section.

Spec text (type and field names, values, paths of the files) is escaped where it
is written: for a terminal through `misleading.shown`, for Markdown through the
docs target's escaper. What respgen writes itself (colour, headings) is not.
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any, Iterable

import click

from ..misleading import shown
from ..targets.docs.escaping import md_code, md_inline
from .change import Change

BUMPS = ("none", "patch", "minor", "major")


def bump(changes: list[Change]) -> str:
    """The semantic-version bump for the generated package: major on a (proven)
    breaking change, minor on an addition or a strict-clients-only break, patch on
    any other change, none without changes."""
    if any(c.breaking for c in changes):
        return "major"
    if any(c.added or c.strict for c in changes):
        return "minor"
    return "patch" if changes else "none"


def summary(changes: list[Change]) -> dict[str, Any]:
    renames = [c for c in changes if _is_rename(c)]
    return {"changes": len(changes) - len(renames), "breaking": sum(c.breaking for c in changes),
            "strict_only": sum(bool(c.strict) and not c.breaking for c in changes),
            "unproven": sum(bool(c.unproven) and not c.breaking and not c.strict for c in changes),
            "renamed_types": len(renames), "bump": bump(changes)}


def warnings(old: list[str], new: list[str], old_name: str, new_name: str) -> list[str]:
    """The overlays' warnings on reading both versions: once when both gave it, else
    saying which version it came from."""
    out = [w if w in new else f"{w} (reading {old_name})" for w in old]
    return out + [f"{w} (reading {new_name})" for w in new if w not in old]


def _is_rename(c: Change) -> bool:
    return c.category == "type" and c.action == "renamed"


def _groups(changes: list[Change]) -> Iterable[tuple[tuple[str, str], list[Change]]]:
    for key, items in groupby(changes, key=lambda c: (c.group, c.subject)):
        rest = [c for c in items if not _is_rename(c)]
        if rest:
            yield key, rest


def _was(changes: list[Change]) -> dict[str, str]:
    return {c.subject: str(c.old) for c in changes if _is_rename(c)}


def _witness_text(c: Change) -> str:
    parts = []
    for w in c.witnesses:
        old = "absent" if w.old_valid is None else "valid" if w.old_valid else "invalid"
        new = "absent" if w.new_valid is None else "valid" if w.new_valid else "invalid"
        parts.append(f"{json.dumps(w.value, ensure_ascii=False)} ({old} -> {new})")
    return "; ".join(parts)


def _plural(sides: tuple[str, ...]) -> str:
    return " and ".join(f"{s}s" for s in sides)


def _sdk_text(c: Change) -> str:
    return ", ".join(f"{lang} {name}" for lang, name in sorted(c.sdk.items()))


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def text(changes: list[Change], old: str, new: str) -> str:
    """For a terminal: click.echo drops the colour when the output is not one."""
    s = summary(changes)
    lines = [click.style(f"{shown(old)} -> {shown(new)}: {s['changes']} change(s), "
                         f"{s['breaking']} breaking, {s['strict_only']} breaking strict clients only, "
                         f"{s['renamed_types']} type(s) renamed", bold=True)]
    was = _was(changes)
    heading = ""
    for (group, subject), items in _groups(changes):
        title = "Operations" if group == "operation" else "Types"
        if title != heading:
            heading = title
            lines += ["", click.style(title, bold=True, underline=True)]
        used = items[0].sides
        note = f" (was {shown(was[subject])})" if subject in was else ""
        lines.append(click.style(shown(subject), bold=True) + note
                     + (f"  [{', '.join(used)}]" if group == "type" and used else ""))
        for c in items:
            mark = click.style("breaking ", fg="red", bold=True) if c.breaking else \
                click.style("strict   ", fg="yellow", bold=True) if c.strict else \
                click.style("ok       ", fg="green")
            where = click.style(f"  ({c.severity})", fg="red" if c.breaking else "yellow") \
                if c.breaking or c.strict else ""
            if c.unproven and not c.breaking and not c.strict:
                where = f"  (suspected for {_plural(c.unproven)}: no witness, so compatible)"
            lines.append(f"  {mark}{shown(c.message)}{where}")
            if c.sdk:
                lines.append(f"           in the SDK: {shown(_sdk_text(c))}")
            if c.witnesses:
                lines.append(f"           witness: {shown(_short(_witness_text(c)))}")
    renames = [c for c in changes if _is_rename(c)]
    if renames:
        lines += ["", click.style("Renamed types", bold=True, underline=True)]
        lines += [f"  {shown(str(c.old))} -> {shown(str(c.new))}" for c in renames]
    lines += ["", click.style(f"Version bump: {s['bump']}", bold=True)]
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change], old: str, new: str) -> str:
    data = {"old": old, "new": new, "summary": summary(changes), "bump": bump(changes),
            "changes": [c.to_json() for c in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def markdown(changes: list[Change], old: str, new: str) -> str:
    """A changelog section, ready to paste: every piece of spec text escaped."""
    s = summary(changes)
    out = [f"## API changes: {md_code(old)} → {md_code(new)}", "",
           f"{s['changes']} change(s), **{s['breaking']} breaking**, {s['strict_only']} breaking "
           f"strict clients only, {s['renamed_types']} type(s) renamed.", ""]
    sections = (("Breaking changes", lambda c: c.breaking),
                ("Breaking strict clients only", lambda c: not c.breaking and bool(c.strict)),
                ("Other changes", lambda c: not c.breaking and not c.strict))
    for title, pick in sections:
        items = [c for c in changes if pick(c) and not _is_rename(c)]
        if not items:
            continue
        out += [f"### {title}", ""]
        out += [_md_item(c) for c in items]
        out.append("")
    renames = [c for c in changes if _is_rename(c)]
    if renames:
        out += ["### Renamed types", ""]
        out += [f"- {md_code(str(c.old))} → {md_code(str(c.new))}" for c in renames] + [""]
    out.append(f"Version bump for the generated package: **{s['bump']}**.\n")
    return "\n".join(out)


def _md_item(c: Change) -> str:
    line = f"- {md_code(c.subject)}: {md_inline(c.message)}"
    if c.breaking or c.strict:
        line += f" _({c.severity})_"
    if c.sdk:
        line += " — " + ", ".join(f"{lang}: {md_code(name)}" for lang, name in sorted(c.sdk.items()))
    for w in c.witnesses:
        line += f"; witness ({w.side}): {md_code(_short(json.dumps(w.value, ensure_ascii=False)))}"
    return line
