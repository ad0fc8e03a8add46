"""respgen: OpenAPI (3.0/3.1, YAML/JSON) -> intermediate model -> Jinja targets.

Pipeline: `loader` reads the spec and resolves refs; `builder` turns it into
the IR (`ir`); each target in `targets/` names, maps and renders it with the
templates in `templates/<target>/`; `output` writes atomically; `drift` checks.
"""

__version__ = "0.1.0"
