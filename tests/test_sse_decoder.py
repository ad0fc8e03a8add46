"""The generated SSE decoder, fed bytes cut anywhere (inside a line, a UTF-8
character, a CRLF): the events it returns are the served ones."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from client_support import events, split, sse_body
from openresponses._errors import StreamError
from openresponses._sse import SSEDecoder


def decode(chunks: list[bytes]) -> list[tuple[str, str]]:
    d = SSEDecoder()
    out = [e for c in chunks for e in d.feed(c)] + d.flush()
    return [(e.event, e.data) for e in out]


@settings(max_examples=300, deadline=None)
@given(style=st.integers(0, 5), cuts=st.lists(st.integers(0, 10**6), max_size=40))
def test_any_cut_points_give_the_same_events(style: int, cuts: list[int]) -> None:
    served = events()
    body = sse_body(served, style)
    got = decode(split(body, cuts))
    assert [json.loads(data) for _, data in got[:-1]] == served
    assert got[-1][1] == "[DONE]"
    named = [name for name, _ in got[:-1]]
    assert named == [item["type"] if i % 2 else "message" for i, item in enumerate(served)]


def test_fields_per_the_sse_rules() -> None:
    body = (b"data: a\ndata:b\ndata\n\n"  # joined with LF; a bare `data` adds an empty line
            b": only a comment\n\n"  # no data: nothing dispatched
            b"id: 7\nretry: 50\nevent: e\ndata:  two spaces\r\n\r\n"
            b"data: last without blank line")
    d = SSEDecoder()
    got = [e for i in range(len(body)) for e in d.feed(body[i:i + 1])] + d.flush()
    assert [(e.event, e.data, e.id, e.retry) for e in got] == [
        ("message", "a\nb\n", None, None), ("e", " two spaces", "7", 50),
        ("message", "last without blank line", "7", 50)]  # id, retry persist


def test_cr_at_a_chunk_end_is_not_an_extra_line() -> None:
    d = SSEDecoder()
    got = d.feed(b"data: x\r") + d.feed(b"\ndata: y\r\n\r") + d.feed(b"\n")
    assert [e.data for e in got] == ["x\ny"]


@settings(max_examples=100, deadline=None)
@given(style=st.integers(0, 5), cuts=st.lists(st.integers(0, 10**6), max_size=60))
def test_each_byte_is_copied_at_most_twice(style: int, cuts: list[int]) -> None:
    body = sse_body(events(), style)
    d = SSEDecoder()
    for chunk in split(body, cuts):
        d.feed(chunk)
    assert d.copied <= 2 * len(body)


def test_an_8_mb_line_in_1_kb_pieces_is_joined_once() -> None:
    size = 8 * 2**20
    body = b"data: " + b"x" * size + b"\r\n\r\n"
    d = SSEDecoder()
    got = []
    for i in range(0, len(body), 1024):
        got += d.feed(body[i:i + 1024])
    assert [len(e.data) for e in got] == [size]
    assert d.copied <= len(body) + 1024  # joining on every piece would copy ~32 GB


def test_a_line_or_event_over_the_limit_is_a_stream_error() -> None:
    for pieces in ([b"data: " + b"x" * 200], [b"data: ", b"x" * 100, b"x" * 100]):
        d = SSEDecoder(max_line=150)
        with pytest.raises(StreamError, match="longer than 150 bytes"):
            for piece in pieces:
                d.feed(piece)
    d = SSEDecoder(max_line=150)
    with pytest.raises(StreamError, match="longer than 150 bytes"):
        d.feed(b"data: " + b"y" * 100 + b"\n" + b"data: " + b"y" * 100 + b"\n")  # one event
    d = SSEDecoder(max_line=150)  # exactly at the limit, in many events: fine
    body = (b"data: " + b"z" * 144 + b"\n\n") * 50
    assert len([e for i in range(0, len(body), 7) for e in d.feed(body[i:i + 7])]) == 50
