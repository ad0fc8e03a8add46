"""The conveniences and messages of the generated client, against a real server on
127.0.0.1 (tests/http_stub.py), sync and async: raw responses, `with_options`,
idempotency keys kept across retries, auto-pagination (on the OpenAI spec's
input_items, generated once per session), short validation messages that keep
the body, Retry-After fallbacks, timeout messages and the stream's line limit."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import uuid
from types import ModuleType
from typing import Any, Callable

import httpx
import pytest

from client_support import error_examples, events, example, sse_body, dumped
from harness import Generated
from http_stub import Reply, StubServer
from openresponses import _base, _errors, _http, _raw, client, models

MODES = ["sync", "async"]
FAST = {"backoff_base": 0.001, "backoff_max": 0.002, "timeout": 10.0}
OPENAI_SPEC = "openai/2025-04-29-498c71d.yaml"


def call(mode: str, url: str, use: Callable[[Any], Any], module: ModuleType = client,
         **options: Any) -> Any:
    """`use(client)` with a fresh sync or async client (awaited when it is a coroutine)."""
    settings = {"api_key": "sk-test", "base_url": url, **FAST, **options}
    if mode == "sync":
        with module.Client(**settings) as c:
            return use(c)

    async def main() -> Any:
        async with module.AsyncClient(**settings) as c:
            result = use(c)
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(main())


async def _alist(items: Any) -> list[Any]:
    return [item async for item in items]


@pytest.fixture
def server() -> Any:
    with StubServer() as s:
        yield s


def served() -> Any:
    return example("OpenResponsesNonStreamingResponse")


# ------------------------------------------------------------------- raw responses


@pytest.mark.parametrize("mode", MODES)
def test_with_raw_response_gives_status_headers_and_the_parsed_body(
        mode: str, server: StubServer) -> None:
    headers = {"x-request-id": "req_1", "x-ratelimit-remaining-requests": "99"}
    server.script(Reply.json(200, served(), **headers), Reply.sse([sse_body(events())]))
    raw = call(mode, server.url, lambda c: c.responses.with_raw_response.create(model="m"))
    assert isinstance(raw, _raw.RawResponse)
    assert (raw.status_code, raw.request_id) == (200, "req_1")
    assert raw.headers["x-ratelimit-remaining-requests"] == "99"
    parsed = raw.parse()
    assert isinstance(parsed, models.OpenResponsesNonStreamingResponse)
    assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == served()
    assert raw.parse() is parsed  # parsed once

    if mode == "sync":
        def stream(c: Any) -> tuple[str, list[Any]]:
            r = c.responses.with_raw_response.create(model="m", stream=True)
            return r.headers["content-type"], list(r.parse())
    else:
        async def stream(c: Any) -> tuple[str, list[Any]]:  # type: ignore[misc]
            r = await c.responses.with_raw_response.create(model="m", stream=True)
            return r.headers["content-type"], await _alist(r.parse())
    kind, got = call(mode, server.url, stream)
    assert kind == "text/event-stream" and dumped(got) == events()


# -------------------------------------------------------------------- with_options


@pytest.mark.parametrize("mode", MODES)
def test_with_options_returns_a_configured_copy_sharing_the_pool(
        mode: str, server: StubServer) -> None:
    bodies = error_examples()
    server.script(Reply.json(500, bodies[500]), Reply.json(200, served()),
                  Reply.json(500, bodies[500]), Reply.json(200, served()))

    def use(c: Any) -> Any:
        copy = c.with_options(max_retries=1, timeout=5.0, default_headers={"X-B": "b"})
        assert copy._http is c._http and (copy.max_retries, copy.timeout) == (1, 5.0)
        assert (c.max_retries, c.timeout) == (0, 10.0)  # the original is unchanged
        if mode == "sync":
            first = copy.responses.create(model="m")
            with pytest.raises(_errors.InternalServerError):
                c.responses.create(model="m")
            copy.close()  # a copy does not close the shared pool
            return first, c.responses.create(model="m")

        async def go() -> Any:
            first = await copy.responses.create(model="m")
            with pytest.raises(_errors.InternalServerError):
                await c.responses.create(model="m")
            await copy.aclose()
            return first, await c.responses.create(model="m")
        return go()

    first, last = call(mode, server.url, use, max_retries=0, default_headers={"X-A": "a"})
    assert isinstance(first, models.OpenResponsesNonStreamingResponse)
    assert isinstance(last, models.OpenResponsesNonStreamingResponse)
    sent = server.received
    assert len(sent) == 4  # the copy retried once; the original did not retry
    assert [(r.headers.get("x-a"), r.headers.get("x-b")) for r in sent] == [
        ("a", "b"), ("a", "b"), ("a", None), ("a", None)]


# ----------------------------------------------------------------- idempotency keys


@pytest.mark.parametrize("mode", MODES)
def test_a_retried_post_carries_the_same_idempotency_key(mode: str, server: StubServer) -> None:
    bodies = error_examples()
    server.script(Reply.json(500, bodies[500]), Reply.json(503, bodies[503]),
                  Reply.json(200, served()), Reply.json(200, served()),
                  Reply.json(429, bodies[429]), Reply.json(200, served()))
    for extra in (None, None, {"Idempotency-Key": "mine"}):
        call(mode, server.url, lambda c: c.responses.create(model="m", extra_headers=extra),
             max_retries=3)
    keys = [r.headers.get("idempotency-key") for r in server.received]
    assert len(keys) == 6
    assert keys[0] == keys[1] == keys[2] and uuid.UUID(keys[0])  # generated, kept on retries
    assert keys[3] != keys[0] and uuid.UUID(keys[3])  # a new call, a new key
    assert keys[4:] == ["mine", "mine"]  # the caller's own key, on every attempt


# ------------------------------------------------------------------ pagination


@pytest.fixture(scope="module")
def oa_client(generated_for: Callable[[str], Generated]) -> ModuleType:
    return importlib.import_module(f"{generated_for(OPENAI_SPEC).package}.client")


def _page(ids: list[str], more: bool) -> dict[str, Any]:
    items = [{"id": i, "type": "message", "role": "user", "status": "completed",
              "content": [{"type": "input_text", "text": f"text of {i}"}]} for i in ids]
    return {"object": "list", "data": items, "has_more": more, "first_id": ids[0],
            "last_id": ids[-1]}


@pytest.mark.parametrize("mode", MODES)
def test_list_input_items_pages_through_three_pages(mode: str, server: StubServer,
                                                    oa_client: ModuleType) -> None:
    pages = [_page(["m1", "m2"], True), _page(["m3", "m4"], True), _page(["m5"], False)]
    server.script(*[Reply.json(200, p) for p in pages + pages])

    def items(c: Any) -> Any:
        listing = c.responses.list_input_items(response_id="resp_1", limit=2)
        if mode == "sync":
            return [item.id for item in listing]

        async def go() -> list[str]:
            return [item.id async for item in await listing]
        return go()

    def by_page(c: Any) -> Any:
        if mode == "sync":
            first = c.responses.list_input_items(response_id="resp_1", limit=2)
            second = first.next_page()
            third = second.next_page()
            return [first.has_next_page(), second.has_next_page(), third.has_next_page(),
                    [i.id for i in third.data], type(first.model).__name__]

        async def go() -> list[Any]:
            first = await c.responses.list_input_items(response_id="resp_1", limit=2)
            second = await first.next_page()
            third = await second.next_page()
            with pytest.raises(RuntimeError, match="last page"):
                await third.next_page()
            return [first.has_next_page(), second.has_next_page(), third.has_next_page(),
                    [i.id for i in third.data], type(first.model).__name__]
        return go()

    assert call(mode, server.url, items, module=oa_client) == ["m1", "m2", "m3", "m4", "m5"]
    assert call(mode, server.url, by_page, module=oa_client) == [
        True, True, False, ["m5"], "ResponseItemList"]
    queries = [httpx.URL(r.path).params for r in server.received]
    assert [q.get("after") for q in queries] == [None, "m2", "m4"] * 2
    assert all(q["limit"] == "2" for q in queries)
    assert {httpx.URL(r.path).path for r in server.received} == {
        "/responses/resp_1/input_items"}


def test_only_page_shaped_lists_are_paginated(oa_client: ModuleType) -> None:
    sig = inspect.signature(oa_client._ResponsesResource.list_input_items)
    assert "Page[" in str(sig.return_annotation)
    assert "Page[" not in str(inspect.signature(oa_client._ResponsesResource.retrieve)
                              .return_annotation)


# ------------------------------------------------------------------- messages


@pytest.mark.parametrize("mode", MODES)
def test_a_huge_invalid_body_gives_a_short_message_and_keeps_the_body(
        mode: str, server: StubServer) -> None:
    huge = {"id": "x" * 5_000_000, "object": "response"}
    server.script(Reply.json(200, huge))
    with pytest.raises(_errors.ResponseValidationError) as caught:
        call(mode, server.url, lambda c: c.responses.create(model="m"))
    message = str(caught.value)
    assert message.startswith("POST /responses: HTTP 200 body does not match the spec: ")
    assert "Field required" in message and len(message) < 1200
    assert caught.value.body == huge and caught.value.status == 200


def test_retry_after_values() -> None:
    def asked(**headers: str) -> float | None:
        return _http.retry_after(httpx.Headers(headers))

    assert asked(**{"retry-after": "2"}) == 2.0
    assert asked(**{"retry-after": "0"}) == 0.0
    assert asked(**{"retry-after-ms": "1500"}) == 1.5
    assert asked(**{"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0  # past: now
    for bad in ("-1", "-0.5", "nan", "inf", "soon", "", "1e999", "Wed, 99 Foo"):
        assert asked(**{"retry-after": bad}) is None, bad
    assert asked(**{"retry-after-ms": "-5", "retry-after": "3"}) == 3.0


@pytest.mark.parametrize("mode", MODES)
def test_an_invalid_retry_after_falls_back_to_backoff(
        mode: str, server: StubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(_base.time, "sleep", waits.append)
    monkeypatch.setattr(_base.asyncio, "sleep", fake_async_sleep)
    body = error_examples()[429]
    server.script(Reply.json(429, body, **{"Retry-After": "-1"}),
                  Reply.json(429, body, **{"Retry-After": "soon"}),
                  Reply.json(200, served()))
    call(mode, server.url, lambda c: c.responses.create(model="m"), max_retries=2,
         backoff_base=1.0, backoff_max=8.0)
    assert len(waits) == 2
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0  # backoff, not "now"


@pytest.mark.parametrize("mode", MODES)
def test_a_timeout_names_what_timed_out(mode: str, server: StubServer) -> None:
    server.script(Reply(200, {"Content-Type": "application/json"}, [b"{"], length=100, hold=True))
    with pytest.raises(_errors.APITimeoutError) as caught:
        call(mode, server.url, lambda c: c.responses.create(model="m"), max_retries=0,
             timeout=0.3)
    assert str(caught.value) == "POST /responses: the server sent nothing for 0.3 s (read timeout)"
    assert not isinstance(caught.value, _errors.PoolTimeoutError)


@pytest.mark.parametrize("mode", MODES)
def test_a_stream_line_over_max_line_bytes_is_a_stream_error(mode: str,
                                                             server: StubServer) -> None:
    long_line = b"data: " + b"x" * 5000 + b"\n\n"
    server.script(Reply.sse([long_line[i:i + 100] for i in range(0, len(long_line), 100)]))
    if mode == "sync":
        def use(c: Any) -> Any:
            return list(c.responses.create(model="m", stream=True))
    else:
        async def use(c: Any) -> Any:  # type: ignore[misc]
            return await _alist(await c.responses.create(model="m", stream=True))
    with pytest.raises(_errors.StreamError, match="longer than 1000 bytes.*max_line_bytes"):
        call(mode, server.url, use, max_line_bytes=1000)


def test_every_timeout_phase_has_its_message() -> None:
    request = httpx.Request("POST", "http://127.0.0.1:9/", extensions={"timeout": {
        "connect": 5.0, "write": 6.0, "read": 7.0, "pool": 8.0}})
    endpoint = client._POST_RESPONSES
    messages = {kind.__name__: str(_base._connection_error(endpoint, kind("", request=request)))
                for kind in (httpx.ConnectTimeout, httpx.WriteTimeout, httpx.ReadTimeout,
                             httpx.PoolTimeout)}
    assert messages == {
        "ConnectTimeout": "POST /responses: could not connect to the server within 5.0 s "
                          "(connect timeout)",
        "WriteTimeout": "POST /responses: could not send the request within 6.0 s (write timeout)",
        "ReadTimeout": "POST /responses: the server sent nothing for 7.0 s (read timeout)",
        "PoolTimeout": "POST /responses: no free connection in the pool within 8.0 s (pool "
                       "timeout): every one of the client's max_connections is in use; raise "
                       "max_connections or pool_timeout"}
