"""`lines.trim_lines` is `"\\n".join(line.rstrip() for line in text.split("\\n"))`, fast or not."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.targets.lines import OTHER_SPACE, trim_lines


def test_other_space_is_every_whitespace_but_space_and_newline() -> None:
    expected = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {" ", "\n"}
    assert set(OTHER_SPACE) == expected


PIECES = st.sampled_from(["a", "é", " ", "  ", "\n", "\n\n", *OTHER_SPACE, "\ud800", "x y"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=20).map("".join))
def test_same_as_stripping_each_line(text: str) -> None:
    assert trim_lines(text) == "\n".join(line.rstrip() for line in text.split("\n"))
