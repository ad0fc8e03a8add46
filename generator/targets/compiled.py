"""respgen's own templates, compiled once per installation, as Python's modules are.

Compiling the templates costs every cold run ~45 ms for the python target and ~75 ms
for all four (Jinja lexes, parses and generates Python source, then `compile()`s it).
Python keeps its modules' bytecode beside them in `__pycache__`; this keeps the
compiled templates' code there too (`generator/targets/__pycache__/`), through Jinja's
own bytecode cache, which reloads a template whose source changed (its checksum is
in the entry). The entry's name also holds everything else the compiled code depends
on: the exact Jinja and Python versions and the environment's settings, filters and
tests. So a run's output never depends on whether an entry was there (another Jinja
gets entries of its own), and a run with an empty RESPGEN_CACHE_DIR depends only on
the installed respgen, as with its `.pyc` files.

Only respgen's own templates are kept (never a `--templates` override's, whose
environment is sandboxed). As with `.pyc` files, entries are read but never written
under `PYTHONDONTWRITEBYTECODE` (`python -B`): a user who asked Python to write nothing
beside the installed code gets nothing written there by respgen either. A read-only
installation gets none: its templates are compiled each run, as without this.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

FOLDER = Path(__file__).resolve().parent / "__pycache__"
PATTERN = "respgen-template-%s.jinja"


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file system bytecode cache, keyed by what the compiled code depends on."""

    def __init__(self, env: jinja2.Environment, folder: Path = FOLDER) -> None:
        super().__init__(str(folder), PATTERN)
        self.salt = _salt(env)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        text = "\0".join([self.salt, name, filename or ""])
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:  # unreadable: compiled as without the cache
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if sys.dont_write_bytecode:  # PYTHONDONTWRITEBYTECODE, python -B
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # read-only: compiled again next run, as without the cache
            pass


def _salt(env: jinja2.Environment) -> str:
    """Everything besides the template's source that the compiled code depends on."""
    kind = type(env)
    settings = (
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.optimized, env.is_async, _what(env.autoescape), _what(env.finalize),
        sorted(env.extensions), _name(env.undefined), _name(env.code_generator_class),
        _name(env.context_class), sorted(env.filters), sorted(env.tests))
    return repr((jinja2.__version__, importlib.util.MAGIC_NUMBER.hex(), sys.implementation.cache_tag,
                 f"{kind.__module__}.{kind.__qualname__}", settings))


def _name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _what(value: object) -> str:
    """A setting that may be a function, named stably (not by its address)."""
    return repr(value) if value is None or isinstance(value, bool) else _name(type(value)) + (
        ":" + getattr(value, "__qualname__", "") if callable(value) else repr(value))
