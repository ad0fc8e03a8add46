"""Render a list of changes: readable text, JSON, or a markdown changelog section."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Iterable

import click

from .change import Change


def summary(changes: list[Change]) -> dict[str, int]:
    renames = [c for c in changes if _is_rename(c)]
    return {"changes": len(changes) - len(renames), "breaking": sum(c.breaking for c in changes),
            "renamed_types": len(renames)}


def _is_rename(c: Change) -> bool:
    return c.category == "type" and c.action == "renamed"


def _groups(changes: list[Change]) -> Iterable[tuple[tuple[str, str], list[Change]]]:
    for key, items in groupby(changes, key=lambda c: (c.group, c.subject)):
        rest = [c for c in items if not _is_rename(c)]
        if rest:
            yield key, rest


def _was(changes: list[Change]) -> dict[str, str]:
    return {c.subject: str(c.old) for c in changes if _is_rename(c)}


def text(changes: list[Change], old: str, new: str) -> str:
    s = summary(changes)
    lines = [click.style(f"{old} -> {new}: {s['changes']} change(s), {s['breaking']} breaking, "
                         f"{s['renamed_types']} type(s) renamed", bold=True)]
    was = _was(changes)
    heading = ""
    for (group, subject), items in _groups(changes):
        title = "Operations" if group == "operation" else "Types"
        if title != heading:
            heading = title
            lines += ["", click.style(title, bold=True, underline=True)]
        used = items[0].sides
        note = f" (was {was[subject]})" if subject in was else ""
        lines.append(click.style(subject, bold=True) + note
                     + (f"  [{', '.join(used)}]" if group == "type" and used else ""))
        for c in items:
            mark = click.style("breaking ", fg="red", bold=True) if c.breaking else \
                click.style("ok       ", fg="green")
            where = click.style(f"  ({c.severity})", fg="red") if c.breaking else ""
            lines.append(f"  {mark}{c.message}{where}")
    renames = [c for c in changes if _is_rename(c)]
    if renames:
        lines += ["", click.style("Renamed types", bold=True, underline=True)]
        lines += [f"  {c.old} -> {c.new}" for c in renames]
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change], old: str, new: str) -> str:
    data = {"old": old, "new": new, "summary": summary(changes),
            "changes": [c.to_json() for c in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def markdown(changes: list[Change], old: str, new: str) -> str:
    s = summary(changes)
    out = [f"## API changes: `{old}` → `{new}`", "",
           f"{s['changes']} change(s), **{s['breaking']} breaking**, {s['renamed_types']} type(s) renamed.", ""]
    for title, pick in (("Breaking changes", True), ("Other changes", False)):
        items = [c for c in changes if c.breaking == pick and not _is_rename(c)]
        if not items:
            continue
        out += [f"### {title}", ""]
        for c in items:
            where = f" _({c.severity})_" if c.breaking else ""
            out.append(f"- **{_md(c.subject)}**: {_md(c.message)}{where}")
        out.append("")
    renames = [c for c in changes if _is_rename(c)]
    if renames:
        out += ["### Renamed types", ""] + [f"- `{c.old}` → `{c.new}`" for c in renames] + [""]
    return "\n".join(out)


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("<", "&lt;")
