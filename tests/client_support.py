"""Shared pieces of the client tests: the committed generated package, canned
JSON from our spec's own examples, and SSE bodies built from events."""

from __future__ import annotations

import asyncio
import json
import sys
from functools import lru_cache
from typing import Any, Callable

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


FAST = {"backoff_base": 0.001, "backoff_max": 0.002, "timeout": 10.0}


class Driver:
    """One API for both clients: each call makes a client, uses it and closes it.
    `module`: a generated package's `client` module (ours by default)."""

    def __init__(self, mode: str, url: str, module: Any = client, prefix: str = "/api/v1",
                 **options: Any) -> None:
        self.mode = mode
        self.module = module
        self.options = {"api_key": "sk-test", "base_url": url + prefix, **FAST, **options}

    def run(self, use: Callable[[Any], Any]) -> Any:
        if self.mode == "sync":
            with self.module.Client(**self.options) as c:
                return use(c)

        async def main() -> Any:
            async with self.module.AsyncClient(**self.options) as c:
                result = use(c)
                return await result if asyncio.iscoroutine(result) else await _drain(result)

        return asyncio.run(main())

    def create(self, **kw: Any) -> Any:
        return self.run(lambda c: c.responses.create(**kw))

    def stream(self, **kw: Any) -> list[Any]:
        if self.mode == "sync":
            return self.run(lambda c: list(c.responses.create(stream=True, **kw)))

        async def go(c: Any) -> list[Any]:
            return [e async for e in await c.responses.create(stream=True, **kw)]
        return self.run(go)

    def text(self, **kw: Any) -> str:
        if self.mode == "sync":
            return self.run(lambda c: c.responses.create(stream=True, **kw).text())

        async def go(c: Any) -> str:
            return await (await c.responses.create(stream=True, **kw)).text()
        return self.run(go)

    def first_then_close(self, after: Callable[[Any], Any], **kw: Any) -> tuple[Any, Any]:
        """Read one event, close the stream early, then make one more call on the
        same client (the connection pool must still work)."""
        if self.mode == "sync":
            def go_sync(c: Any) -> tuple[Any, Any]:
                s = c.responses.create(stream=True, **kw)
                for event in s:
                    break
                s.close()
                return event, after(c)
            return self.run(go_sync)

        async def go(c: Any) -> tuple[Any, Any]:
            s = await c.responses.create(stream=True, **kw)
            async for event in s:
                break
            await s.aclose()
            return event, await after(c)
        return self.run(go)


async def _drain(value: Any) -> Any:
    return value
