"""No template writes spec text without its target's escaping filter.

The rule, checked on the Jinja AST of every template of every installed target:
every `{{ expression }}` must be *safe*, where safe is
  - a literal, or `a if test else b` / `a ~ b` / `a or b` / a tuple / an item of safe parts (the
    test may be anything);
  - `value | f` where `f` is one of the target's escaping filters (`Target.filters`);
  - `safe | layout-filter(literals...)` (indent, join, capitalize...: they move or case
    text, never un-escape it);
  - a value the target's Python code computed and escaped already: an attribute or
    name matching `Target.template_safe` (docs: `*_md`; python: identifiers and source
    built by models.py), or a loop variable over such a value;
  - a call of a macro (its body is checked like any template text).
Anything else (a raw `{{ page.description }}`) is reported with its template and line.
That the escaping filters and view code really escape is proved by tests/hostile/.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from generator.targets.render import builtin_templates, environment
from generator.targets.base import Target, available_targets

LAYOUT = {"indent", "join", "capitalize", "lower", "upper", "trim", "title", "center"}


class Rule:
    def __init__(self, target: Target) -> None:
        self.escapers = set(target.filters)
        self.patterns = target.template_safe

    def named_safe(self, name: str) -> bool:
        return any(fnmatchcase(name, p) for p in self.patterns)

    def safe(self, node: nodes.Node, names: set[str], macros: set[str]) -> bool:
        if isinstance(node, (nodes.Const, nodes.TemplateData)):
            return True
        if isinstance(node, nodes.Filter):
            if node.name in self.escapers:
                return True
            literal_args = all(isinstance(a, nodes.Const) for a in node.args) and \
                all(isinstance(k.value, nodes.Const) for k in node.kwargs)
            return node.name in LAYOUT and literal_args and node.node is not None and \
                self.safe(node.node, names, macros)
        if isinstance(node, nodes.CondExpr):
            return self.safe(node.expr1, names, macros) and (
                node.expr2 is None or self.safe(node.expr2, names, macros))
        if isinstance(node, (nodes.Tuple, nodes.List)):
            return all(self.safe(n, names, macros) for n in node.items)
        if isinstance(node, nodes.Getitem):  # an item of a safe tuple; quotes off a literal
            return self.safe(node.node, names, macros)
        if isinstance(node, (nodes.Or, nodes.And)):
            return self.safe(node.left, names, macros) and self.safe(node.right, names, macros)
        if isinstance(node, nodes.Concat):
            return all(self.safe(n, names, macros) for n in node.nodes)
        if isinstance(node, nodes.Getattr):
            return self.named_safe(node.attr)
        if isinstance(node, nodes.Name):
            return node.name in names or self.named_safe(node.name)
        if isinstance(node, nodes.Call):  # a macro: m.field_blocks(fs) or field_table(x)
            fn = node.node
            return (isinstance(fn, nodes.Name) and fn.name in macros) or (
                isinstance(fn, nodes.Getattr) and isinstance(fn.node, nodes.Name)
                and fn.node.name in macros)
        return False

    def violations(self, env: jinja2.Environment, source: str, label: str) -> list[str]:
        tree = env.parse(source)
        macros = {m.name for m in tree.find_all(nodes.Macro)}
        macros |= {i.target for i in tree.find_all(nodes.Import)}
        macros |= {x if isinstance(x, str) else x[1]
                   for i in tree.find_all(nodes.FromImport) for x in i.names}
        names: set[str] = set()
        changed = True
        while changed:  # loop and set variables bound to safe values are safe
            changed = False
            for loop in tree.find_all(nodes.For):
                if self.safe(loop.iter, names, macros):
                    bound = {n.name for n in loop.target.find_all(nodes.Name)} | (
                        {loop.target.name} if isinstance(loop.target, nodes.Name) else set())
                    if not bound <= names:
                        names |= bound
                        changed = True
            for macro in tree.find_all(nodes.Macro):  # a parameter every call passes safely
                calls = [c for c in tree.find_all(nodes.Call)
                         if isinstance(c.node, nodes.Name) and c.node.name == macro.name]
                for i, param in enumerate(macro.args):
                    if param.name in names or not calls:
                        continue
                    if all(i < len(c.args) and self.safe(c.args[i], names, macros) for c in calls):
                        names.add(param.name)
                        changed = True
            for assign in tree.find_all(nodes.Assign):
                if isinstance(assign.target, nodes.Name) and assign.target.name not in names \
                        and self.safe(assign.node, names, macros):
                    names.add(assign.target.name)
                    changed = True
        bad = []
        for out in tree.find_all(nodes.Output):
            for expr in out.nodes:
                if not self.safe(expr, names, macros):
                    text = source.splitlines()[expr.lineno - 1].strip()
                    bad.append(f"{label}:{expr.lineno}: unescaped output in: {text}")
        return bad


def templates_of(name: str) -> list[Path]:
    return sorted((builtin_templates() / name).glob("*.j2"))


@pytest.mark.parametrize("name", sorted(available_targets()))
def test_every_template_output_is_escaped_or_pre_escaped(name: str) -> None:
    target = available_targets()[name]
    env = environment(name, None, target.filters)
    rule = Rule(target)
    found = templates_of(name)
    assert found, f"no templates for {name}"
    bad: list[str] = []
    outputs = 0
    for path in found:
        source = path.read_text(encoding="utf-8")
        outputs += sum(not isinstance(n, nodes.TemplateData)
                       for o in env.parse(source).find_all(nodes.Output) for n in o.nodes)
        bad += rule.violations(env, source, f"templates/{name}/{path.name}")
    assert not bad, "\n".join(bad)
    print(f"\n{name}: {len(found)} templates, {outputs} expressions checked")


def test_the_rule_catches_raw_spec_text() -> None:
    docs = available_targets()["docs"]
    env = environment("docs", None, docs.filters)
    rule = Rule(docs)
    bad = rule.violations(env, "# {{ page.title }}\n{{ page.description | trim }}\n"
                               "{% for d in page.descriptions %}{{ d }}{% endfor %}\n"
                               "{{ page.title | md_inline }} {{ page.type_md }}\n"
                               "{{ page.x if c else page.y_md }}\n", "t.j2")
    assert [b.split(":")[1] for b in bad] == ["1", "2", "3", "5"], bad
