"""ECMA-262 regular expressions (JSON Schema's dialect) read as JavaScript's `RegExp`
reads them without the `u` flag (Annex B, the most lenient mode, which the TypeScript
runtime falls back to): a tree for the ReDoS check, or `PatternError` with the reason
`new RegExp` would throw (`(?P<x>a)`, `(?i)`, `a**`, `[z-a]`, `(`...)."""

from __future__ import annotations

from . import charset as cs
from .tree import Node, anything

_ESCAPE_CLASSES = {"d": cs.DIGIT, "D": cs.negate(cs.DIGIT), "w": cs.WORD,
                   "W": cs.negate(cs.WORD), "s": cs.SPACE, "S": cs.negate(cs.SPACE)}
_CONTROL = {"t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "0": 0}
_HEX = set("0123456789abcdefABCDEF")
UNBOUNDED = 1 << 31


class PatternError(ValueError):
    """What JavaScript's `new RegExp(pattern)` would throw on."""


def parse(pattern: str) -> Node:
    return _Parser(pattern).run()


def ecma_refusal(pattern: str) -> str | None:
    """Why `new RegExp(pattern)` throws (with or without the `u` flag), or None."""
    try:
        parse(pattern)
    except PatternError as exc:
        return str(exc)
    except RecursionError:
        return "nested too deeply"
    return None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.names: set[str] = set()
        self.refs: list[str] = []
        self.depth = 0
        # Annex B: `\k` is a named reference only when the pattern has a named group
        self.named = "(?<" in text.replace("(?<=", "").replace("(?<!", "")

    def run(self) -> Node:
        node = self.disjunction()
        if self.i < len(self.text):
            raise PatternError("Unmatched ')'")
        missing = [r for r in self.refs if r not in self.names]
        if missing:
            raise PatternError(f"Invalid named capture referenced: {missing[0]!r}")
        return node

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < len(self.text) else ""

    def disjunction(self) -> Node:
        alts = [self.alternative()]
        while self.peek() == "|":
            self.i += 1
            alts.append(self.alternative())
        return alts[0] if len(alts) == 1 else Node("alt", items=alts)

    def alternative(self) -> Node:
        items: list[Node] = []
        while self.i < len(self.text) and self.peek() not in "|)":
            atom, quantifiable = self.term()
            bounds = self.quantifier()
            if bounds is not None:
                if not quantifiable:
                    raise PatternError("Nothing to repeat")
                atom = Node("rep", items=[atom], low=bounds[0], high=bounds[1])
            items.append(atom)
        return Node("seq", items=items)

    def quantifier(self) -> tuple[int, int] | None:
        c = self.peek()
        if c in ("*", "+", "?"):
            self.i += 1
            bounds = {"*": (0, UNBOUNDED), "+": (1, UNBOUNDED), "?": (0, 1)}[c]
        elif c == "{" and (found := self.braces()) is not None:
            bounds = found
        else:
            return None
        if self.peek() == "?":
            self.i += 1  # lazy
        if self.peek() in ("*", "+", "?") or (self.peek() == "{" and self.braces(look=True)):
            raise PatternError("Nothing to repeat")
        return bounds

    def braces(self, look: bool = False) -> tuple[int, int] | None:
        """`{n}`, `{n,}`, `{n,m}` at the cursor (consumed unless `look`), else None."""
        j = self.i + 1
        low, j = self.number(j)
        if low is None:
            return None
        high = low
        if self.text[j:j + 1] == ",":
            given, j = self.number(j + 1)
            high = UNBOUNDED if given is None else given
        if self.text[j:j + 1] != "}":
            return None
        if look:
            return (low, high)
        self.i = j + 1
        if high < low:
            raise PatternError("numbers out of order in {} quantifier")
        return (low, high)

    def number(self, j: int) -> tuple[int | None, int]:
        k = j
        while k < len(self.text) and self.text[k].isascii() and self.text[k].isdigit():
            k += 1
        return (min(int(self.text[j:k]), UNBOUNDED) if k > j else None), k

    def term(self) -> tuple[Node, bool]:
        c = self.peek()
        if c in ("^", "$"):
            self.i += 1
            return Node("assert", tag=c), False
        if c == "(":
            return self.group()
        if c == "[":
            return Node("char", self.char_class()), True
        if c == ".":
            self.i += 1
            return Node("char", cs.negate(cs.LINE_END)), True
        if c == "\\":
            return self.escape()
        if c in ("*", "+", "?"):
            raise PatternError("Nothing to repeat")
        if c == "{" and self.braces(look=True):
            raise PatternError("Nothing to repeat")
        self.i += 1
        return Node("char", ((ord(c), ord(c)),)), True

    def group(self) -> tuple[Node, bool]:
        self.depth += 1
        if self.depth > 200:
            raise PatternError("groups nested too deeply")
        rest = self.text[self.i:self.i + 4]
        quantifiable = True
        if rest.startswith(("(?=", "(?!")):
            self.i += 3
            kind = "assert"
        elif rest.startswith(("(?<=", "(?<!")):
            self.i += 4
            kind, quantifiable = "assert", False
        elif rest.startswith("(?:"):
            self.i += 3
            kind = "seq"
        elif rest.startswith("(?<"):
            end = self.text.find(">", self.i + 3)
            name = self.text[self.i + 3:end] if end > 0 else ""
            if not name or not name.replace("$", "_").isidentifier():
                raise PatternError("Invalid capture group name")
            if name in self.names:
                raise PatternError("Duplicate capture group name")
            self.names.add(name)
            self.i = end + 1
            kind = "seq"
        elif rest.startswith("(?"):
            raise PatternError("Invalid group")
        else:
            self.i += 1
            kind = "seq"
        inner = self.disjunction()
        if self.peek() != ")":
            raise PatternError("Unterminated group")
        self.i += 1
        self.depth -= 1
        if kind == "assert":
            return Node("assert", items=[inner]), quantifiable
        return Node("seq", items=[inner]), True

    def escape(self) -> tuple[Node, bool]:
        self.i += 1
        c = self.peek()
        if not c:
            raise PatternError("\\ at end of pattern")
        if c in "bB":
            self.i += 1
            return Node("assert"), False
        if c.isascii() and c.isdigit() and c != "0":
            k = self.i
            while self.peek().isascii() and self.peek().isdigit():
                self.i += 1
            n = int(self.text[k:self.i])
            if n <= self.count_groups():
                return anything(), True
            self.i = k  # Annex B: an octal or identity escape, one character
        if c == "k" and self.named:
            end = self.text.find(">", self.i)
            if self.peek(1) != "<" or end < 0:
                raise PatternError("Invalid named reference")
            self.refs.append(self.text[self.i + 2:end])
            self.i = end + 1
            return anything(), True
        return Node("char", self.class_escape()), True

    def count_groups(self) -> int:
        """Capturing groups in the whole pattern (a reference may come before its group)."""
        text, n, k, in_class = self.text, 0, 0, False
        while k < len(text):
            ch = text[k]
            if ch == "\\":
                k += 2
                continue
            if ch == "[":
                in_class = True
            elif ch == "]":
                in_class = False
            elif ch == "(" and not in_class and (text[k + 1:k + 2] != "?" or (
                    text[k + 1:k + 3] == "?<" and text[k + 3:k + 4] not in ("=", "!"))):
                n += 1
            k += 1
        return n

    def class_escape(self) -> cs.Intervals:
        """The escape after a backslash (cursor on the character after it)."""
        c = self.peek()
        self.i += 1
        if c in _ESCAPE_CLASSES:
            return _ESCAPE_CLASSES[c]
        if c in _CONTROL and not (c == "0" and self.peek().isdigit()):
            return ((_CONTROL[c],) * 2,)
        if c == "c" and self.peek().isascii() and self.peek().isalpha():
            self.i += 1
            code = ord(self.text[self.i - 1]) % 32
            return ((code, code),)
        if c == "c":
            self.i -= 1
            return ((0x5C, 0x5C),)  # Annex B: a backslash, then `c` as itself
        for lead, size in (("x", 2), ("u", 4)):
            digits = self.text[self.i:self.i + size]
            if c == lead and len(digits) == size and set(digits) <= _HEX:
                self.i += size
                code = int(digits, 16)
                return ((code, code),)
        if c.isdigit():  # Annex B octal
            k = self.i - 1
            while self.i < k + 3 and self.peek() in "01234567" and self.peek():
                self.i += 1
            code = int(self.text[k:self.i], 8) if self.text[k] in "01234567" else ord(c)
            if self.text[k] not in "01234567":
                self.i = k + 1
            return ((code, code),)
        return ((ord(c), ord(c)),)  # identity escape

    def char_class(self) -> cs.Intervals:
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        parts: list[cs.Intervals] = []
        while self.peek() != "]":
            if not self.peek():
                raise PatternError("Unterminated character class")
            low = self.class_atom()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                high = self.class_atom()
                if len(low) == 1 and len(high) == 1 and low[0][0] == low[0][1] \
                        and high[0][0] == high[0][1] and not _multi(low, high):
                    if low[0][0] > high[0][0]:
                        raise PatternError("Range out of order in character class")
                    parts.append(((low[0][0], high[0][0]),))
                    continue
                parts += [low, (((0x2D, 0x2D),)), high]  # Annex B: `[\d-z]` is three
                continue
            parts.append(low)
        self.i += 1
        found = cs.union(*parts)
        return cs.negate(found) if negated else found

    def class_atom(self) -> cs.Intervals:
        c = self.peek()
        if c == "\\":
            self.i += 1
            if self.peek() == "b":
                self.i += 1
                return ((8, 8),)
            if self.peek() == "-":
                self.i += 1
                return ((0x2D, 0x2D),)
            if not self.peek():
                raise PatternError("\\ at end of pattern")
            return self.class_escape()
        self.i += 1
        return ((ord(c), ord(c)),)


def _multi(low: cs.Intervals, high: cs.Intervals) -> bool:
    return low in _ESCAPE_CLASSES.values() or high in _ESCAPE_CLASSES.values()
