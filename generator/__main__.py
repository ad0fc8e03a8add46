"""`python -m generator ...` is the same as the `respgen` command."""

from .cli import entry

entry()
