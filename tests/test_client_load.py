"""The generated client under load, against loopback servers (tests/load_server.py),
sync and async: a thousand concurrent streams with the default settings, pool
exhaustion as its own error, and sequential streams reusing one connection."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from client_support import events, sse_body
from load_server import LoadServer
from openresponses import _errors, client

CONCURRENT = 1000
BODY = sse_body(events())
EVENTS = len(events())
MODES = ["sync", "async"]


def _stream_count(c: Any) -> int:
    return sum(1 for _ in c.responses.create(model="m", input="hi", stream=True))


async def _astream_count(c: Any) -> int:
    return sum([1 async for _ in await c.responses.create(model="m", input="hi", stream=True)])


def test_a_thousand_concurrent_async_streams_with_the_defaults() -> None:
    with LoadServer(BODY, gate=CONCURRENT) as server:
        async def main() -> list[Any]:
            async with client.AsyncClient(api_key="k", base_url=server.url) as c:
                calls = [_astream_count(c) for _ in range(CONCURRENT)]
                return await asyncio.gather(*calls, return_exceptions=True)

        counts = asyncio.run(main())
    failed = [c for c in counts if c != EVENTS]
    assert failed == [], f"{len(failed)} streams failed, e.g. {failed[:1]!r}"
    assert server.peak == CONCURRENT  # the gate held every reply until all were open
    assert server.requests == CONCURRENT


def test_a_thousand_concurrent_sync_streams_with_the_defaults() -> None:
    with LoadServer(BODY, gate=CONCURRENT) as server:
        with client.Client(api_key="k", base_url=server.url) as c, \
                ThreadPoolExecutor(CONCURRENT) as pool:
            futures = [pool.submit(_stream_count, c) for _ in range(CONCURRENT)]
            counts = [f.exception() or f.result() for f in futures]
    failed = [c for c in counts if c != EVENTS]
    assert failed == [], f"{len(failed)} streams failed, e.g. {failed[:1]!r}"
    assert server.peak == CONCURRENT
    assert server.requests == CONCURRENT


def _wait_for(condition: Any, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the server never saw the expected requests"
        time.sleep(0.01)


@pytest.mark.parametrize("mode", MODES)
def test_running_out_of_pool_is_its_own_clear_error(mode: str) -> None:
    options = {"api_key": "k", "max_connections": 2, "pool_timeout": 0.2, "max_retries": 2}
    with LoadServer(BODY, gate=3) as server:  # two streams are held open; the gate waits
        if mode == "sync":
            with client.Client(base_url=server.url, **options) as c, ThreadPoolExecutor(2) as pool:
                held = [pool.submit(_stream_count, c) for _ in range(2)]
                _wait_for(lambda: server.requests == 2)
                with pytest.raises(_errors.PoolTimeoutError) as caught:
                    _stream_count(c)
                server.release()
                assert [f.result() for f in held] == [EVENTS, EVENTS]
        else:
            async def main() -> BaseException | None:
                async with client.AsyncClient(base_url=server.url, **options) as c:
                    held = [asyncio.create_task(_astream_count(c)) for _ in range(2)]
                    while server.requests < 2:
                        await asyncio.sleep(0.01)
                    try:
                        await _astream_count(c)
                    except _errors.PoolTimeoutError as exc:
                        error: BaseException | None = exc
                    else:
                        error = None
                    server.release()
                    assert await asyncio.gather(*held) == [EVENTS, EVENTS]
                    return error

            error = asyncio.run(main())
            assert error is not None, "no PoolTimeoutError"
            caught = pytest.ExceptionInfo.from_exc_info((type(error), error, None))
    message = str(caught.value)
    assert isinstance(caught.value, _errors.APITimeoutError)
    assert "POST /responses: no free connection in the pool within 0.2 s" in message
    assert "max_connections" in message
    assert server.requests == 2  # the third call was never sent, nor retried


@pytest.mark.parametrize("mode", MODES)
def test_twenty_sequential_streams_use_one_connection(mode: str) -> None:
    with LoadServer(BODY) as server:
        if mode == "sync":
            with client.Client(api_key="k", base_url=server.url) as c:
                counts = [_stream_count(c) for _ in range(20)]
        else:
            async def main() -> list[int]:
                async with client.AsyncClient(api_key="k", base_url=server.url) as c:
                    return [await _astream_count(c) for _ in range(20)]

            counts = asyncio.run(main())
    assert counts == [EVENTS] * 20
    assert (server.accepted, server.requests) == (1, 20)


def test_draining_gives_up_on_a_body_that_goes_on_after_the_sentinel() -> None:
    from openresponses import _http

    tail = b": keep-alive\n\n" * _http.DRAIN_BYTES  # far more than the drain reads
    with LoadServer(BODY + tail) as server, client.Client(api_key="k", base_url=server.url) as c:
        assert [_stream_count(c) for _ in range(3)] == [EVENTS] * 3
        _wait_for(lambda: server.accepted == 3)  # each connection was dropped, not reused


@pytest.mark.parametrize("mode", MODES)
def test_draining_is_bounded_when_the_server_never_ends_the_body(mode: str) -> None:
    # the read timeout is long: only the drain's own bound ends the stream
    done: list[int] = []

    def run() -> None:
        with LoadServer(BODY, stall=True) as server:
            options = {"api_key": "k", "base_url": server.url, "timeout": 120.0}
            if mode == "sync":
                with client.Client(**options) as c:
                    done.append(_stream_count(c))
            else:
                async def main() -> int:
                    async with client.AsyncClient(**options) as c:
                        return await _astream_count(c)

                done.append(asyncio.run(main()))
            _wait_for(lambda: server.hung_up == 1)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)  # a hang guard (the drain gives up after DRAIN_SECONDS), not a timing
    assert not worker.is_alive(), "the stream never ended after its sentinel"
    assert done == [EVENTS]
