"""Problems found in a spec: where they are, and how they are reported.

Every problem names the file, the line and column (when known) and the JSON
pointer of the offending node, so a user can jump straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


class Location:
    """A place in a spec file: path, 1-based line/column, and JSON pointer.

    `find`, when given, looks the line and column up the first time they are read
    (composing a YAML file for positions costs ~1 s on a large spec; most notes are
    never shown, and `diff` shows none)."""

    __slots__ = ("file", "pointer", "_line", "_column", "_find")

    def __init__(self, file: str, pointer: str = "", line: int | None = None,
                 column: int | None = None,
                 find: Callable[[], tuple[int, int] | None] | None = None) -> None:
        self.file = file
        self.pointer = pointer
        self._line = line
        self._column = column
        self._find = find

    def _resolve(self) -> None:
        if self._find is not None:
            found, self._find = self._find(), None
            if found is not None:
                self._line, self._column = found

    @property
    def line(self) -> int | None:
        self._resolve()
        return self._line

    @property
    def column(self) -> int | None:
        self._resolve()
        return self._column

    def _key(self) -> tuple[str, str, int | None, int | None]:
        return (self.file, self.pointer, self._line, self._column) if self._find is None \
            else (self.file, self.pointer, None, None)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and (self.file, self.pointer) == \
            (other.file, other.pointer) and (self._find is not None or other._find is not None
                                            or self._key() == other._key())

    def __hash__(self) -> int:
        return hash((self.file, self.pointer))

    def __repr__(self) -> str:
        return f"Location({self.file!r}, {self.pointer!r}, {self.line!r}, {self.column!r})"

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
