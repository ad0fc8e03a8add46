"""File names that work on every file system a generated package may be checked out on:
unique when case is ignored (macOS and Windows fold it: `4XX` and `4xx` are one file)
and never a name Windows reserves for a device (`CON`, `NUL.md`, `com1.json`: the part
before the first dot, in any case)."""

from __future__ import annotations

RESERVED = frozenset(["con", "prn", "aux", "nul",
                      *(f"{dev}{n}" for dev in ("com", "lpt") for n in "123456789¹²³")])


def reserved(part: str) -> bool:
    """True for a path part Windows refuses (a device name, with any extension)."""
    return part.split(".", 1)[0].rstrip(" ").lower() in RESERVED


def portable_problem(paths: list[str]) -> str | None:
    """Why a set of `/`-separated relative paths cannot all exist on every file system
    (a reserved part, or two paths equal but for case), or None."""
    seen: dict[str, str] = {}  # case-folded path or folder -> its spelling
    for path in sorted(paths):
        parts = path.split("/")
        bad = next((p for p in parts if reserved(p)), None)
        if bad is not None:
            return f"{path!r}: {bad!r} is a device name on Windows"
        for end in range(1, len(parts) + 1):
            prefix = "/".join(parts[:end])
            spelled = seen.setdefault(prefix.casefold(), prefix)
            if spelled != prefix:
                return (f"{spelled!r} and {prefix!r} differ only in case "
                        "(one file on macOS and Windows)")
    return None
