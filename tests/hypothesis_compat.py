"""hypothesis-jsonschema 0.23 (the latest) calls `many(...).more()`, an API of
Hypothesis' internals that newer Hypothesis replaced by an iterator. This gives
its object strategy the old API again, built on the public-enough
`draw_boolean`; nothing else of Hypothesis is touched."""

from __future__ import annotations

import types
from typing import Any

from hypothesis.internal.conjecture import utils as cu
from hypothesis_jsonschema import _from_schema


class _LegacyMany:
    def __init__(self, data: Any, min_size: int, max_size: float, average_size: float) -> None:
        self.data = data
        self.min_size, self.max_size = min_size, max_size
        self.p_continue = cu._calc_p_continue(average_size - min_size, max_size - min_size)
        self.count = 0
        self.rejections = 0
        self.force_stop = False

    def more(self) -> bool:
        if self.min_size == self.max_size:
            go = self.count < self.min_size
        else:
            forced = None
            if self.force_stop:
                forced = False
            elif self.count < self.min_size:
                forced = True
            elif self.count >= self.max_size:
                forced = False
            go = self.data.draw_boolean(self.p_continue, forced=forced)
        if go:
            self.count += 1
        return bool(go)

    def reject(self, why: str | None = None) -> None:
        self.count -= 1
        self.rejections += 1
        if self.rejections > max(3, 2 * self.count):
            if self.count < self.min_size:
                self.data.mark_invalid(why)
            else:
                self.force_stop = True


def install() -> None:
    if not hasattr(cu.many, "more"):
        _from_schema.cu = types.SimpleNamespace(many=_LegacyMany)  # type: ignore[attr-defined]
