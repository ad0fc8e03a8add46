"""Shared pieces of the client tests: the committed generated package, canned
JSON from our spec's own examples, and SSE bodies built from events."""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from typing import Any

from shared_data import ROOT

from generator import pipeline
from generator.config import Config
from generator.ir import IR

sys.path.insert(0, str(ROOT / "generated" / "python"))

import openresponses  # noqa: E402
from openresponses import _base, _errors, client  # noqa: E402,F401

OPERATION = "POST /responses"


@lru_cache(maxsize=1)
def ir() -> IR:
    config = Config(spec=ROOT / "spec" / "openapi.yaml", out=ROOT / "generated",
                    targets=("python",), package="openresponses", root=ROOT, use_cache=False)
    return pipeline.load_ir(config)[0]


def example(type_name: str) -> Any:
    return json.loads(json.dumps(ir().types[type_name].examples[0]))


def error_examples() -> dict[int, Any]:
    """Status -> the example body our spec gives that error response."""
    op = next(o for o in ir().operations if f"{o.method.upper()} {o.path}" == OPERATION)
    out = {}
    for r in op.responses:
        if r.status.isdigit() and int(r.status) >= 400:
            ref = r.content[0].type
            out[int(r.status)] = example(ref.name)  # type: ignore[union-attr]
    return out


def delta(text: str, seq: int) -> dict[str, Any]:
    return {"type": "response.output_text.delta", "sequence_number": seq, "output_index": 0,
            "item_id": "msg_5e2a", "content_index": 0, "delta": text, "logprobs": []}


def events() -> list[dict[str, Any]]:
    """A realistic mix of served events, every one from (or shaped like) a spec example."""
    return [
        example("OpenResponsesStreamEventResponseCreated"),
        delta("Hello", 1),
        delta(", wörld 🐙\n", 2),
        example("OpenResponsesStreamEventResponseReasoningSummaryPartDone"),
        example("OpenResponsesImageGenCallPartialImage"),
        example("OpenResponsesErrorEvent"),
        delta("\u2028end", 3),
    ]


def sse_body(items: list[dict[str, Any]], style: int = 0, done: bool = True) -> bytes:
    """Events as SSE text; `style` varies line endings, comments, keep-alives and
    multi-line data fields so every way of writing them is served."""
    out: list[str] = [": welcome\n\n"] if style % 2 else []
    eol = ["\n", "\r\n", "\r"][style % 3]
    for i, item in enumerate(items):
        if (style + i) % 3 == 0:
            data = json.dumps(item, indent=1, ensure_ascii=False).split("\n")  # multi-line data
        else:
            data = [json.dumps(item, ensure_ascii=(i % 2 == 0))]
        lines = [f"event: {item['type']}"] if i % 2 else []
        lines += [f"data:{d}" if (i + style) % 2 else f"data: {d}" for d in data]
        if i % 3 == 1:
            lines.insert(0, ": keep-alive")
        out.append(eol.join(lines) + eol + eol)
        if i % 4 == 2:
            out.append(":" + eol + eol)  # a bare keep-alive: no event
    if done:
        out.append(f"data: [DONE]{eol}{eol}")
    return "".join(out).encode()


def dumped(values: list[Any]) -> list[Any]:
    return [v.model_dump(mode="json", by_alias=True, exclude_unset=True)
            if hasattr(v, "model_dump") else v for v in values]


def split(body: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(body) + 1) for c in cuts} | {0, len(body)})
    return [body[a:b] for a, b in zip(points, points[1:]) if b > a]
