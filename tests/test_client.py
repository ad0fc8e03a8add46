"""The generated client against a real HTTP server on 127.0.0.1 (tests/http_stub.py):
typed results, the exact JSON sent, typed streams, typed errors, retries.
Every test runs with the sync `Client` and the `AsyncClient`."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from client_support import (FAST, OPERATION, Driver, delta, dumped, error_examples, events, example, split,
                            sse_body)
from http_stub import Reply, StubServer
from openresponses import _base, _errors, client, models

MODES = ["sync", "async"]
@pytest.fixture
def server() -> Any:
    with StubServer() as s:
        yield s


# ------------------------------------------------------------------ non-streaming


@pytest.mark.parametrize("mode", MODES)
def test_create_returns_the_typed_response_and_sends_exactly_the_given_fields(
        mode: str, server: StubServer) -> None:
    served = example("OpenResponsesNonStreamingResponse")
    request = example("OpenResponsesRequest")
    server.script(Reply.json(200, served), Reply.json(200, served))
    # every field of the spec's request example, passed as keyword arguments
    parsed = models.OpenResponsesRequest.model_validate(request)
    kwargs = {name: getattr(parsed, name) for name in parsed.model_fields_set}
    kwargs.pop("stream", None)
    result = Driver(mode, server.url).create(**kwargs, x_open_router_metadata="enabled",
                                             extra_headers={"X-Trace": "t1"})
    assert isinstance(result, models.OpenResponsesNonStreamingResponse)
    assert result.model_dump(mode="json", by_alias=True, exclude_unset=True) == served
    sent = server.received[0]
    assert (sent.method, sent.path) == ("POST", "/api/v1/responses")
    expected = {k: v for k, v in request.items() if k != "stream"}
    assert sent.json() == expected
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert sent.headers["x-openrouter-metadata"] == "enabled"
    assert sent.headers["x-trace"] == "t1"
    assert sent.headers["content-type"] == "application/json"
    # a small call: fields left out are absent from the JSON, not null
    Driver(mode, server.url).create(model="openai/gpt-4o-mini", input="Hi", temperature=0.5)
    assert server.received[1].json() == {"model": "openai/gpt-4o-mini", "input": "Hi",
                                         "temperature": 0.5}


@pytest.mark.parametrize("mode", MODES)
def test_arguments_are_validated_before_anything_is_sent(mode: str, server: StubServer) -> None:
    refused = _errors.ArgumentError
    with pytest.raises(refused, match="argument 'temperature': .*less than or equal to 2") as c:
        Driver(mode, server.url).create(model="m", temperature=5)
    assert isinstance(c.value, _errors.APIError) and isinstance(c.value, ValueError)
    assert c.value.argument == "temperature" and isinstance(c.value.__cause__, ValidationError)
    with pytest.raises(refused, match="argument 'session_id'"):
        Driver(mode, server.url).create(model="m", session_id="x" * 129)
    with pytest.raises(refused, match="argument 'x_session_id'.*128"):  # a header's bound
        Driver(mode, server.url).create(model="m", x_session_id="x" * 129)
    with pytest.raises(refused, match="'x_open_router_metadata'.*enabled"):  # a header's enum
        Driver(mode, server.url).create(model="m", x_open_router_metadata="bogus")
    with pytest.raises(refused, match=r"argument 'input'\[.*\]: ") as c:  # deep inside
        Driver(mode, server.url).create(model="m", input=[{"type": "message", "role": 5}])
    assert c.value.argument == "input" and c.value.errors
    assert server.received == []


def test_api_key_comes_from_the_environment(server: StubServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-env")
    server.script(Reply.json(200, example("OpenResponsesNonStreamingResponse")))
    with client.Client(base_url=server.url, **FAST) as c:
        c.responses.create(model="m")
    assert server.received[0].headers["authorization"] == "Bearer sk-env"
    assert client.Client().base_url == "https://openrouter.ai/api/v1"


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # dumping the wrong `status`
@pytest.mark.parametrize("mode", MODES)
def test_a_body_that_does_not_match_the_spec_is_read_leniently_or_refused_when_strict(
        mode: str, server: StubServer) -> None:
    served = example("OpenResponsesNonStreamingResponse")
    del served["created_at"]
    served["status"] = 7  # a string enum in the spec
    served["novel"] = {"kept": True}
    server.script(Reply.json(200, served), Reply.json(200, served, **{"x-request-id": "r1"}))
    with pytest.warns(_errors.ResponseValidationWarning) as caught:
        got = Driver(mode, server.url).create(model="m")
    assert len(caught) == 1
    assert caught[0].filename.endswith("client_support.py")  # the line calling the API
    message = str(caught[0].message)
    assert "POST /responses: HTTP 200 body deviates" in message
    assert "/created_at: missing" in message and "/status: " in message
    assert isinstance(got, models.OpenResponsesNonStreamingResponse)
    assert got.created_at is None and got.status == 7 and got.id == served["id"]
    assert got.model_dump(mode="json", by_alias=True, exclude_unset=True) == served
    with pytest.raises(_errors.ResponseValidationError, match="HTTP 200 body does not match") as c:
        Driver(mode, server.url).run(  # the flag survives with_options
            lambda cl: cl.with_options(strict_response_validation=True).responses.create(model="m"))
    exc = c.value
    assert exc.status == 200 and exc.headers["x-request-id"] == "r1"
    assert exc.json == served and json.loads(exc.body) == served
    assert "/created_at: missing (required)" in exc.errors


# ------------------------------------------------------------------------ errors


@pytest.mark.parametrize("mode", MODES)
def test_each_documented_status_raises_its_class_with_the_parsed_body(
        mode: str, server: StubServer) -> None:
    bodies = error_examples()
    assert {400, 401, 402, 404, 408, 413, 422, 429, 500, 502, 503} <= set(bodies)
    names = {400: "BadRequestError", 401: "AuthenticationError", 402: "PaymentRequiredError",
             404: "NotFoundError", 408: "RequestTimeoutError", 413: "PayloadTooLargeError",
             422: "UnprocessableEntityError", 429: "RateLimitError", 500: "InternalServerError",
             502: "BadGatewayError", 503: "ServiceUnavailableError"}
    for status, body in sorted(bodies.items()):
        server.script(Reply.json(status, body, **{"x-request-id": f"req-{status}"}))
        with pytest.raises(_errors.APIStatusError) as caught:
            Driver(mode, server.url, max_retries=0).create(model="m")
        exc = caught.value
        assert type(exc) is _errors.STATUS_ERRORS[status]
        if status in names:
            assert type(exc).__name__ == names[status]
        assert isinstance(exc, _errors.ServerError if status >= 500 else _errors.ClientError)
        assert exc.status == status and exc.request_id == f"req-{status}"
        assert type(exc.body).__name__.endswith("Response")  # the typed error model
        assert exc.body.model_dump(mode="json", by_alias=True, exclude_unset=True) == body
        assert body["error"]["message"] in str(exc)
    assert len(server.received) == len(bodies)  # max_retries=0: nothing retried


@pytest.mark.parametrize("mode", MODES)
def test_undocumented_status_and_non_json_error_body(mode: str, server: StubServer) -> None:
    server.script(Reply(418, {"Content-Type": "text/plain"}, [b"I'm a teapot"]),
                  Reply.json(507, {"weird": True}))
    with pytest.raises(_errors.ClientError) as caught:
        Driver(mode, server.url, max_retries=0).create(model="m")
    assert caught.value.status == 418 and caught.value.body == "I'm a teapot"
    with pytest.raises(_errors.ServerError) as caught5:
        Driver(mode, server.url, max_retries=0).create(model="m")
    assert caught5.value.body == {"weird": True}


@pytest.mark.parametrize("mode", MODES)
def test_connection_refused_and_timeout_have_their_own_types(mode: str,
                                                             server: StubServer) -> None:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    with pytest.raises(_errors.APIConnectionError) as caught:
        Driver(mode, f"http://127.0.0.1:{port}", max_retries=0).create(model="m")
    assert not isinstance(caught.value, _errors.APITimeoutError)
    server.script(Reply(200, {"Content-Type": "application/json"}, [b"{"], length=100, hold=True))
    with pytest.raises(_errors.APITimeoutError):
        Driver(mode, server.url, max_retries=0, timeout=0.3).create(model="m")


# ----------------------------------------------------------------------- retries


@pytest.mark.parametrize("mode", MODES)
def test_429_with_retry_after_then_200_succeeds_after_one_retry(mode: str,
                                                                server: StubServer) -> None:
    server.script(Reply.json(429, error_examples()[429], **{"Retry-After": "0"}),
                  Reply.json(200, example("OpenResponsesNonStreamingResponse")))
    result = Driver(mode, server.url, max_retries=2).create(model="m", input="hi")
    assert isinstance(result, models.OpenResponsesNonStreamingResponse)
    assert len(server.received) == 2
    assert server.received[0].body == server.received[1].body


@pytest.mark.parametrize("mode", MODES)
def test_retries_stop_at_max_retries_and_only_for_retryable_statuses(
        mode: str, server: StubServer) -> None:
    bodies = error_examples()
    server.script(*[Reply.json(503, bodies[503]) for _ in range(3)])
    with pytest.raises(_errors.ServiceUnavailableError):
        Driver(mode, server.url, max_retries=2).create(model="m")
    assert len(server.received) == 3
    for status in (408, 500, 502):
        server.script(Reply.json(status, bodies[status]),
                      Reply.json(200, example("OpenResponsesNonStreamingResponse")))
        Driver(mode, server.url, max_retries=1).create(model="m")
    assert len(server.received) == 3 + 6
    server.script(Reply.json(400, bodies[400]), Reply.json(200, {}))
    with pytest.raises(_errors.BadRequestError):
        Driver(mode, server.url, max_retries=3).create(model="m")
    assert len(server.received) == 10  # a 400 is not retried
    server.replies.get_nowait()


@pytest.mark.parametrize("mode", MODES)
def test_a_dropped_connection_is_retried(mode: str, server: StubServer) -> None:
    server.script(Reply(200, {"Content-Type": "application/json"}, [b'{"id":'], length=500),
                  Reply.json(200, example("OpenResponsesNonStreamingResponse")))
    result = Driver(mode, server.url, max_retries=1).create(model="m")
    assert isinstance(result, models.OpenResponsesNonStreamingResponse)
    assert len(server.received) == 2


@pytest.mark.parametrize("mode", MODES)
def test_backoff_is_exponential_with_jitter_and_honours_retry_after(
        mode: str, monkeypatch: pytest.MonkeyPatch, server: StubServer) -> None:
    waits: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(_base.time, "sleep", waits.append)
    monkeypatch.setattr(_base.asyncio, "sleep", fake_async_sleep)
    bodies = error_examples()
    server.script(Reply.json(500, bodies[500]), Reply.json(500, bodies[500]),
                  Reply.json(429, bodies[429], **{"Retry-After": "7"}),
                  Reply.json(429, bodies[429], **{"Retry-After": "3600"}),  # too long: backoff
                  Reply.json(200, example("OpenResponsesNonStreamingResponse")))
    Driver(mode, server.url, max_retries=4, backoff_base=1.0, backoff_max=3.0,
           max_retry_after=60.0).create(model="m")
    assert len(waits) == 4 and len(server.received) == 5
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0
    assert waits[2] == 7.0
    assert 1.5 <= waits[3] <= 3.0  # 2**3 capped at backoff_max


# --------------------------------------------------------------------- streaming


@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(style=st.integers(0, 5), cuts=st.lists(st.integers(0, 10**6), max_size=25))
def test_streamed_events_split_anywhere_parse_to_the_served_ones(
        mode: str, server: StubServer, style: int, cuts: list[int]) -> None:
    served = events()
    body = sse_body(served, style)
    server.script(Reply.sse(split(body, cuts)))
    got = Driver(mode, server.url).stream(model="m", input="hi")
    assert dumped(got) == served
    assert isinstance(got[1], models.OpenResponsesStreamEventResponseOutputTextDelta)
    sent = server.received[-1]
    assert sent.json() == {"model": "m", "input": "hi", "stream": True}
    assert sent.headers["accept"] == "text/event-stream"


@pytest.mark.parametrize("mode", MODES)
def test_the_text_helper_collects_the_output_text(mode: str, server: StubServer) -> None:
    served = events()
    server.script(Reply.sse(split(sse_body(served, 1), [5, 77, 300])))
    text = Driver(mode, server.url).text(model="m")
    assert text == "".join(e["delta"] for e in served if e["type"].endswith("output_text.delta"))


@pytest.mark.parametrize("mode", MODES)
def test_unknown_event_type_is_passed_through(mode: str, server: StubServer) -> None:
    novel = {"type": "response.hologram.delta", "sequence_number": 2, "beam": [1, 2]}
    server.script(Reply.sse([sse_body([delta("a", 1), novel, delta("b", 3)])]))
    got = Driver(mode, server.url).stream(model="m")
    assert isinstance(got[1], _base.UnknownEvent)
    assert (got[1].type, got[1].data) == ("response.hologram.delta", novel)
    assert [getattr(g, "delta", None) for g in (got[0], got[2])] == ["a", "b"]


@pytest.mark.parametrize("mode", MODES)
def test_a_malformed_event_is_read_leniently_or_a_clear_error_when_strict(
        mode: str, server: StubServer) -> None:
    bad = delta("x", 1)
    bad["output_index"] = "zero"
    server.script(Reply.sse([sse_body([delta("a", 0), bad])]),
                  Reply.sse([sse_body([delta("a", 0), bad])]),
                  Reply.sse([b"data: " + json.dumps(delta("a", 0)).encode() + b"\n\n"
                             b"event: oops\ndata: {not json\n\ndata: [DONE]\n\n"]))
    with pytest.warns(_errors.ResponseValidationWarning,
                      match=r"event #1 'response.output_text.delta' deviates.*/output_index"):
        got = Driver(mode, server.url).stream(model="m")
    assert isinstance(got[1], models.OpenResponsesStreamEventResponseOutputTextDelta)
    assert (got[1].delta, got[1].output_index) == ("x", "zero")
    with pytest.raises(_errors.StreamError,
                       match=r"POST /responses: event #1 'response.output_text.delta'.*output_index"):
        Driver(mode, server.url, strict_response_validation=True).stream(model="m")
    with pytest.raises(_errors.StreamError, match=r"event #1 \('oops'\) is not JSON"):
        Driver(mode, server.url).stream(model="m")


@pytest.mark.parametrize("mode", MODES)
def test_a_dropped_connection_mid_stream_raises_a_typed_error(mode: str,
                                                              server: StubServer) -> None:
    body = sse_body(events()[:3], done=False)
    # announced length not reached: the transport sees the connection break
    server.script(Reply(200, {"Content-Type": "text/event-stream"}, [body], length=len(body) + 50),
                  Reply.sse([body]))  # closed cleanly, but before [DONE]
    with pytest.raises(_errors.APIConnectionError):
        Driver(mode, server.url, max_retries=3).stream(model="m")
    with pytest.raises(_errors.IncompleteStreamError, match=r"after 3 events.*\[DONE\]"):
        Driver(mode, server.url, max_retries=3).stream(model="m")
    assert len(server.received) == 2  # a started stream is never retried


@pytest.mark.parametrize("mode", MODES)
def test_stream_request_is_retried_before_the_stream_starts(mode: str,
                                                            server: StubServer) -> None:
    server.script(Reply.json(429, error_examples()[429], **{"Retry-After": "0"}),
                  Reply.sse([sse_body(events())]))
    assert dumped(Driver(mode, server.url).stream(model="m")) == events()
    assert len(server.received) == 2


@pytest.mark.parametrize("mode", MODES)
def test_closing_a_stream_early_releases_the_connection(mode: str, server: StubServer) -> None:
    server.script(Reply.sse([sse_body(events(), done=False)], hold=True),
                  Reply.json(200, example("OpenResponsesNonStreamingResponse")))
    first, after = Driver(mode, server.url).first_then_close(
        lambda c: c.responses.create(model="m"), model="m")
    assert dumped([first]) == events()[:1]
    assert server.client_closed.wait(5), "the server never saw the connection close"
    assert isinstance(after, models.OpenResponsesNonStreamingResponse)


def test_the_client_comes_from_the_ir_not_from_the_template() -> None:
    from client_support import ir
    from generator.targets.python.client import build_client
    from generator.targets.python.models import build_view

    view = build_client(ir(), build_view(ir()).names)
    (res,) = view.resources
    (op,) = res.operations
    assert (res.attr, op.method_name, op.name) == ("responses", "create", f'"{OPERATION}"')
    assert op.streamable and op.stream_in_body and op.sentinel == '"[DONE]"'
    template = (client_support_root() / "templates" / "python" / "client.py.j2").read_text()
    assert "responses" not in template.lower().replace("typed response", "")


def client_support_root() -> Any:
    from shared_data import ROOT
    return ROOT
