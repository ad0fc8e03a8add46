"""Sets of characters as sorted, disjoint code point intervals: enough to tell whether
two parts of a regular expression can start with the same character."""

from __future__ import annotations

MAX = 0x10FFFF
Intervals = tuple[tuple[int, int], ...]

EMPTY: Intervals = ()
EVERY: Intervals = ((0, MAX),)
# ECMA-262 classes (ASCII \d and \w, as JSON Schema's regex dialect reads them).
DIGIT: Intervals = ((0x30, 0x39),)
WORD: Intervals = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
SPACE: Intervals = ((0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680),
                    (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F),
                    (0x3000, 0x3000), (0xFEFF, 0xFEFF))
LINE_END: Intervals = ((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029))


def normalize(ranges: list[tuple[int, int]] | Intervals) -> Intervals:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def union(*sets: Intervals) -> Intervals:
    return normalize([r for s in sets for r in s])


def negate(s: Intervals) -> Intervals:
    out, start = [], 0
    for lo, hi in normalize(s):
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= MAX:
        out.append((start, MAX))
    return tuple(out)


def overlap(a: Intervals, b: Intervals) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False
