"""The generated client against loopback servers for three vendors' specs (Open
Responses, the latest OpenRouter spec, OpenAI's whole document), sync and async:
one scenario set, each server checking every request body with `jsonschema`
against the spec's raw request schema. The answers served are checked against
the raw response and event schemas too, so a scenario that expects no deviation
serves none. Skips when ../shared is absent."""

from __future__ import annotations

import importlib
import json
import warnings
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from client_support import Driver
from harness import Generated
from http_stub import Received, Reply, StubServer
from shared_data import LATEST_SPEC, ROOT

MODES = ["sync", "async"]
OPERATION = "/paths/~1responses/post"


@dataclass
class Vendor:
    spec: str
    sentinel: str | None  # the end sentinel the spec declares
    typed_errors: bool  # an error body of the vendor's shape matches a model of the spec
    error_body: Callable[[int, str], dict[str, Any]]


def _flat_error(status: int, message: str) -> dict[str, Any]:
    kind = {400: "invalid_request_error", 401: "authentication_error",
            429: "rate_limit_error"}.get(status, "api_error")
    return {"error": {"type": kind, "code": None, "message": message, "param": None}}


VENDORS = {
    "openresponses": Vendor("openresponses/openapi-2026-04-24.json", None, False, _flat_error),
    "openrouter": Vendor(LATEST_SPEC, "[DONE]", True,
                         lambda status, message: {"error": {"code": status, "message": message}}),
    "openai": Vendor("openai/2026-05-13-5162af9.yaml", None, True, _flat_error),
}


@dataclass
class Api:
    """A vendor's generated package and its raw spec, with `jsonschema` checkers."""

    vendor: Vendor
    generated: Generated
    client: ModuleType
    errors: ModuleType
    doc: dict[str, Any]
    registry: Registry

    def checker(self, pointer: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": "urn:spec#" + pointer}, registry=self.registry)

    def problems(self, pointer: str, value: Any) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
                for e in self.checker(pointer).iter_errors(value)]

    def check_request(self, received: Received) -> list[str]:
        return self.problems(f"{OPERATION}/requestBody/content/application~1json/schema",
                             received.json())

    def event_pointer(self) -> str:
        """The event's schema (the `data` of an SSE message schema, where it is one)."""
        pointer = f"{OPERATION}/responses/200/content/text~1event-stream/schema"
        node = self.doc["paths"]["/responses"]["post"]["responses"]["200"]["content"][
            "text/event-stream"]["schema"]
        while "$ref" in node:
            pointer = node["$ref"][1:]
            node = self.doc
            for token in pointer.strip("/").split("/"):
                node = node[token.replace("~1", "/").replace("~0", "~")]
        return pointer + "/properties/data" if "data" in node.get("properties", {}) else pointer


@pytest.fixture(scope="module", params=list(VENDORS))
def api(request: pytest.FixtureRequest, generated_for: Callable[[str], Generated]) -> Api:
    vendor = VENDORS[request.param]
    generated = generated_for(vendor.spec)
    text = generated.spec.read_text(encoding="utf-8")
    doc = json.loads(text) if generated.spec.suffix == ".json" else yaml.load(
        text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    registry = Registry().with_resource(
        "urn:spec", Resource.from_contents(doc, default_specification=DRAFT202012))
    return Api(vendor, generated, importlib.import_module(f"{generated.package}.client"),
               importlib.import_module(f"{generated.package}._errors"), doc, registry)


@pytest.fixture
def server(api: Api) -> Iterator[StubServer]:
    with StubServer(check=api.check_request) as s:
        yield s
    assert s.invalid == [], "a request body does not match the spec's request schema"


def drive(mode: str, api: Api, server: StubServer, **options: Any) -> Driver:
    return Driver(mode, server.url, api.client, "/v1", **options)


# ------------------------------------------------------------- what is served

MESSAGE = {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
           "content": [{"type": "output_text", "text": "Hello, wörld", "annotations": [],
                        "logprobs": []}]}
CALL = {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
        "arguments": '{"city":"Paris"}', "status": "completed"}
TOOL = {"type": "function", "name": "get_weather", "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                       "required": ["city"], "additionalProperties": False}, "strict": True}
TURNS = [{"type": "message", "role": "user", "content": "What is the weather in Paris?"},
         {"type": "function_call", "call_id": "call_1", "name": "get_weather",
          "arguments": '{"city":"Paris"}'},
         {"type": "function_call_output", "call_id": "call_1", "output": "18 C, sunny"},
         {"type": "message", "role": "assistant", "content": "18 C."},
         {"type": "message", "role": "user", "content": "And tomorrow?"}]


def answer(output: list[Any], status: str = "completed", error: Any = None) -> dict[str, Any]:
    """A response every one of the three specs accepts."""
    usage = {"input_tokens": 5, "output_tokens": 3, "total_tokens": 8,
             "input_tokens_details": {"cached_tokens": 0},
             "output_tokens_details": {"reasoning_tokens": 0}}
    return {"id": "resp_1", "object": "response", "created_at": 1700000000,
            "completed_at": 1700000001, "status": status, "incomplete_details": None,
            "model": "m", "previous_response_id": None, "instructions": None, "output": output,
            "error": error, "tools": [], "tool_choice": "auto", "truncation": "disabled",
            "parallel_tool_calls": True, "text": {"format": {"type": "text"}}, "top_p": 1.0,
            "presence_penalty": 0.0, "frequency_penalty": 0.0, "top_logprobs": 0,
            "temperature": 1.0, "reasoning": None, "usage": usage, "max_output_tokens": None,
            "max_tool_calls": None, "store": False, "background": False,
            "service_tier": "default", "metadata": {}, "safety_identifier": "s1",
            "prompt_cache_key": "k1"}


def _events(items: list[dict[str, Any]], final: list[Any]) -> list[dict[str, Any]]:
    created = {**answer([], "in_progress"), "completed_at": None}
    out = [{"type": "response.created", "response": created}, *items,
           {"type": "response.completed", "response": answer(final)}]
    return [{**e, "sequence_number": i} for i, e in enumerate(out)]


def text_events() -> list[dict[str, Any]]:
    at = {"item_id": "msg_1", "output_index": 0, "content_index": 0, "logprobs": []}
    return _events([
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**MESSAGE, "status": "in_progress", "content": []}},
        {"type": "response.output_text.delta", **at, "delta": "Hello, "},
        {"type": "response.output_text.delta", **at, "delta": "wörld"},
        {"type": "response.output_text.done", **at, "text": "Hello, wörld"},
    ], [MESSAGE])


def call_events() -> list[dict[str, Any]]:
    at = {"item_id": "fc_1", "output_index": 0}
    return _events([
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**CALL, "status": "in_progress", "arguments": ""}},
        {"type": "response.function_call_arguments.delta", **at, "delta": '{"city":'},
        {"type": "response.function_call_arguments.delta", **at, "delta": '"Paris"}'},
        {"type": "response.function_call_arguments.done", **at, "arguments": CALL["arguments"],
         "name": "get_weather"},
        {"type": "response.output_item.done", "output_index": 0, "item": CALL},
    ], [CALL])


def sse(items: list[dict[str, Any]], done: bool = True) -> bytes:
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in items)
    return (body + ("data: [DONE]\n\n" if done else "")).encode()


def plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class NoDeviation:
    """Fails when a ResponseValidationWarning is raised inside the block."""

    def __init__(self, api: Api) -> None:
        self.category = api.errors.ResponseValidationWarning
        self._catch = warnings.catch_warnings(record=True)

    def __enter__(self) -> None:
        self.seen = self._catch.__enter__()
        warnings.simplefilter("always")

    def __exit__(self, *args: object) -> None:
        self._catch.__exit__(*args)
        found = [str(w.message) for w in self.seen if issubclass(w.category, self.category)]
        assert found == [], found


# ------------------------------------------------------------------- scenarios


def test_what_is_served_matches_each_spec(api: Api) -> None:
    """The canned answers are valid: scenarios expecting no deviation serve none."""
    response = f"{OPERATION}/responses/200/content/application~1json/schema"
    for body in (answer([MESSAGE]), answer([CALL]), answer([], "failed", {
            "code": "server_error", "message": "boom"})):
        assert api.problems(response, body) == []
    for event in text_events() + call_events():
        assert api.problems(api.event_pointer(), event) == [], event["type"]


def test_defaults_come_from_the_spec(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    servers = api.doc["servers"]
    assert api.client.DEFAULT_BASE_URL == servers[0]["url"]
    assert api.client.API_KEY_ENV == api.generated.package.upper() + "_API_KEY"
    monkeypatch.setenv(api.client.API_KEY_ENV, "sk-env")
    c = api.client.Client()
    assert c.base_url == servers[0]["url"] and c.headers["authorization"] == "Bearer sk-env"
    c.close()
    for name in ("BadRequestError", "AuthenticationError", "PermissionDeniedError",
                 "NotFoundError", "ConflictError", "UnprocessableEntityError",
                 "RateLimitError", "InternalServerError", "ArgumentError",
                 "ResponseValidationError", "APIError"):
        assert getattr(importlib.import_module(api.generated.package), name) is getattr(
            api.errors, name)


@pytest.mark.parametrize("mode", MODES)
def test_text_tool_call_multi_turn_and_failed_answers(mode: str, api: Api,
                                                      server: StubServer) -> None:
    failed = answer([], "failed", {"code": "server_error", "message": "boom"})
    server.script(*(Reply.json(200, b) for b in (answer([MESSAGE]), answer([CALL]),
                                                  answer([MESSAGE]), failed)))
    with NoDeviation(api):
        text = drive(mode, api, server).create(model="m", input="Hello")
        call = drive(mode, api, server).create(model="m", input="Weather?", tools=[TOOL],
                                               tool_choice="auto")
        turns = drive(mode, api, server).create(model="m", input=TURNS, tools=[TOOL])
        bad = drive(mode, api, server).create(model="m", input="Hello")
    assert text.output[0].content[0].text == "Hello, wörld"
    assert plain(text) == answer([MESSAGE]) and plain(turns) == answer([MESSAGE])
    assert (call.output[0].name, call.output[0].arguments) == ("get_weather", CALL["arguments"])
    assert bad.status == "failed" and bad.error.message == "boom"
    sent = [r.json() for r in server.received]
    assert sent == [{"model": "m", "input": "Hello"},
                    {"model": "m", "input": "Weather?", "tools": [TOOL], "tool_choice": "auto"},
                    {"model": "m", "input": TURNS, "tools": [TOOL]},
                    {"model": "m", "input": "Hello"}]
    assert {(r.method, r.path) for r in server.received} == {("POST", "/v1/responses")}
    assert server.received[0].headers["authorization"] == "Bearer sk-test"


@pytest.mark.parametrize("mode", MODES)
def test_streams_end_with_done_or_by_close(mode: str, api: Api, server: StubServer) -> None:
    served = text_events()
    server.script(Reply.sse([sse(served)]), Reply.sse([sse(served)]),
                  Reply.sse([sse(call_events())]), Reply.sse([sse(served, done=False)]))
    with NoDeviation(api):
        got = drive(mode, api, server).stream(model="m", input="Hello")
        text = drive(mode, api, server).text(model="m", input="Hello")
        calls = drive(mode, api, server).stream(model="m", input="Weather?", tools=[TOOL])
    assert plain(got) == served and [type(e).__name__ for e in got].count("UnknownEvent") == 0
    assert text == "Hello, wörld"
    assert "".join(e.delta for e in calls if e.type.endswith("arguments.delta")) == \
        CALL["arguments"]
    assert plain(calls[-1].response.output) == [CALL]
    assert server.received[0].json() == {"model": "m", "input": "Hello", "stream": True}
    assert server.received[0].headers["accept"] == "text/event-stream"
    if api.vendor.sentinel is None:  # closing after the last event is a normal end
        assert plain(drive(mode, api, server).stream(model="m", input="Hello")) == served
    else:  # the spec promises its sentinel: closing without it is incomplete
        with pytest.raises(api.errors.IncompleteStreamError, match=r"after 6 events"):
            drive(mode, api, server).stream(model="m", input="Hello")


@pytest.mark.parametrize("mode", MODES)
def test_half_an_event_or_a_json_reply_is_not_a_stream(mode: str, api: Api,
                                                       server: StubServer) -> None:
    served = text_events()
    half = sse(served[:2], done=False) + b"data: " + json.dumps(served[2]).encode()
    server.script(Reply.sse([half]),
                  Reply.json(200, api.vendor.error_body(429, "slow down")),
                  Reply.json(200, {"error": {"message": "no such model", "type":
                                             "invalid_request_error", "code": None}}),
                  Reply.sse([sse(served[:2], done=False) + b"data: [DONE]"]))
    with pytest.raises(api.errors.IncompleteStreamError, match=r"middle of event #2"):
        drive(mode, api, server).stream(model="m", input="Hello")
    with pytest.raises(api.errors.RateLimitError, match="slow down") as caught:
        drive(mode, api, server, max_retries=0).stream(model="m", input="Hello")
    assert caught.value.status == 429
    with pytest.raises(api.errors.BadRequestError, match="no such model"):
        drive(mode, api, server).stream(model="m", input="Hello")
    assert plain(drive(mode, api, server).stream(model="m", input="Hello")) == served[:2]


@pytest.mark.parametrize("mode", MODES)
def test_each_status_raises_its_class(mode: str, api: Api, server: StubServer) -> None:
    names = {400: "BadRequestError", 401: "AuthenticationError", 403: "PermissionDeniedError",
             404: "NotFoundError", 409: "ConflictError", 422: "UnprocessableEntityError",
             429: "RateLimitError", 500: "InternalServerError"}
    for status, name in names.items():
        body = api.vendor.error_body(status, f"problem {status}")
        headers = {"Retry-After": "0"} if status == 429 else {}
        server.script(Reply.json(status, body, **headers))
        with pytest.raises(api.errors.APIStatusError) as caught:
            drive(mode, api, server, max_retries=0).create(model="m", input="Hello")
        exc = caught.value
        assert type(exc).__name__ == name and isinstance(exc, api.errors.APIError)
        assert exc.status == status and f"problem {status}" in exc.message
        assert plain(exc.body) == body
        assert hasattr(exc.body, "model_dump") is api.vendor.typed_errors
    for status in (502, 503, 599):  # every 5xx is an InternalServerError
        assert issubclass(api.errors.error_class(status), api.errors.InternalServerError)


@pytest.mark.parametrize("mode", MODES)
def test_429_then_200_is_retried(mode: str, api: Api, server: StubServer) -> None:
    server.script(Reply.json(429, api.vendor.error_body(429, "later"), **{"Retry-After": "0"}),
                  Reply.json(200, answer([MESSAGE])))
    got = drive(mode, api, server, max_retries=1).create(model="m", input="Hello")
    assert plain(got) == answer([MESSAGE]) and len(server.received) == 2


@pytest.mark.parametrize("mode", MODES)
def test_deviating_answers_are_kept_or_refused_when_strict(mode: str, api: Api,
                                                           server: StubServer) -> None:
    lacking = answer([MESSAGE])
    for key in ("created_at", "tools", "top_p", "metadata"):  # required by all three specs
        del lacking[key]
    novel_item = {"type": "hologram", "id": "h_1", "beams": [1, 2]}
    novel = answer([novel_item, MESSAGE])
    novel_event = {"type": "response.hologram.delta", "sequence_number": 2, "beam": 1}
    events = text_events()
    server.script(Reply.json(200, lacking), Reply.json(200, lacking, **{"x-request-id": "r9"}),
                  Reply.json(200, novel), Reply.sse([sse(events[:2] + [novel_event] + events[2:])]))
    with pytest.warns(api.errors.ResponseValidationWarning, match="/created_at: missing") as w:
        got = drive(mode, api, server).create(model="m", input="Hello")
    (deviated,) = [x for x in w if issubclass(x.category, api.errors.ResponseValidationWarning)]
    assert all(f"/{k}: missing" in str(deviated.message) for k in ("tools", "top_p", "metadata"))
    assert got.created_at is None and got.id == "resp_1"
    assert got.output[0].content[0].text == "Hello, wörld"  # what matches is typed
    assert plain(got) == lacking
    with pytest.raises(api.errors.ResponseValidationError, match="HTTP 200 body does not") as c:
        drive(mode, api, server, strict_response_validation=True).create(model="m", input="Hi")
    exc = c.value
    assert (exc.status, exc.headers["x-request-id"], exc.json) == (200, "r9", lacking)
    assert "/created_at: missing (required)" in exc.errors and json.loads(exc.body) == lacking
    with NoDeviation(api):  # a newer server's output item: kept as an unknown variant
        kept = drive(mode, api, server).create(model="m", input="Hello")
    assert type(kept.output[0]).__name__ == "UnknownVariant"
    assert plain(kept.output[0]) == novel_item and kept.output[1].content[0].text == "Hello, wörld"
    with NoDeviation(api):
        streamed = drive(mode, api, server).stream(model="m", input="Hello")
    assert (streamed[2].type, streamed[2].data) == ("response.hologram.delta", novel_event)
    assert plain(streamed[:2] + streamed[3:]) == events
    lame = {k: v for k, v in events[2].items() if k != "item_id"}  # a delta lacking a field
    server.script(Reply.sse([sse(events[:2] + [lame] + events[3:])]))
    with pytest.warns(api.errors.ResponseValidationWarning, match=r"event #2 .*/item_id: missing"):
        streamed = drive(mode, api, server).stream(model="m", input="Hello")
    assert type(streamed[2]).__name__ == type(streamed[3]).__name__  # typed all the same
    assert (streamed[2].delta, streamed[2].item_id) == ("Hello, ", None)


def test_no_vendor_name_in_the_generator() -> None:
    vendors = ("openrouter", "openai", "speakeasy", "stainless", "anthropic")
    found = []
    for folder in ("generator", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2"):
                text = path.read_text(encoding="utf-8").lower()
                found += [f"{path.relative_to(ROOT)}: {v}" for v in vendors if v in text]
    assert found == []
