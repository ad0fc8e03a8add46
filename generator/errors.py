"""Problems found in a spec: where they are, and how they are reported.

Every problem names the file, the line and column (when known) and the JSON
pointer of the offending node, so a user can jump straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """A place in a spec file: path, 1-based line/column, and JSON pointer."""

    file: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: #{self.pointer}"


class SpecError(Exception):
    """A spec that cannot be turned into code. Exit code 2 at the CLI."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class ConfigError(Exception):
    """Bad options or configuration (not a spec problem). Exit code 2."""


@dataclass(frozen=True)
class Diagnostic:
    """A non-fatal problem: a warning or a note, with where it was found."""

    level: str  # "warning" | "note"
    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message}"


@dataclass
class Diagnostics:
    """Collects warnings while building, instead of crashing on them."""

    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, location: Location, message: str) -> None:
        self.items.append(Diagnostic("warning", message, location))

    def note(self, location: Location, message: str) -> None:
        self.items.append(Diagnostic("note", message, location))

    def sorted(self) -> list[Diagnostic]:
        return sorted(
            set(self.items),
            key=lambda d: (d.location.file, d.location.pointer, d.level, d.message),
        )
