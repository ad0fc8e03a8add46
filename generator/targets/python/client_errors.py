"""The exception classes of the generated client (`templates/python/_errors.py.j2`)
and which model types an error body.

Every package has the classes users of the usual vendor SDKs know, whether the
spec documents their status or not, plus one per further documented status. A
status without its own body model takes the operation's `default`/`4XX`/`5XX`
model, else the model documented errors share, else a schema shaped like an
error envelope.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Callable

from ...ir import IR, ObjectType, Ref
from .escaping import py_doc

# Conventional exception names for well-known statuses; others are `Status<code>Error`.
ERROR_NAMES = {
    400: "BadRequestError", 401: "AuthenticationError", 402: "PaymentRequiredError",
    403: "PermissionDeniedError", 404: "NotFoundError", 405: "MethodNotAllowedError",
    408: "RequestTimeoutError", 409: "ConflictError", 410: "GoneError",
    413: "PayloadTooLargeError", 415: "UnsupportedMediaTypeError",
    422: "UnprocessableEntityError", 429: "RateLimitError", 500: "InternalServerError",
    501: "NotImplementedServerError", 502: "BadGatewayError", 503: "ServiceUnavailableError",
    504: "GatewayTimeoutError", 524: "OriginTimeoutError", 529: "OverloadedError",
}
# Every package has these, documented or not.
STANDARD_ERRORS = (400, 401, 403, 404, 409, 422, 429, 500)


@dataclass
class PyError:
    status: int
    name: str
    base: str
    doc: str


def error_classes(documented: set[int]) -> list[PyError]:
    """A class per standard or documented status, by status: 5xx classes derive from
    InternalServerError (as the usual SDKs' do: one `except` catches every server
    error), 4xx ones from ClientError."""
    out = []
    for status in sorted(documented | set(STANDARD_ERRORS)):
        name = ERROR_NAMES.get(status, f"Status{status}Error")
        base = ("ServerError" if status == 500 else "InternalServerError" if status >= 500
                else "ClientError" if status >= 400 else "APIStatusError")
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "error"
        out.append(PyError(status, name, base, py_doc(f"HTTP {status} ({phrase}).")))
    return out


def shared_error_model(documented: list[str]) -> str | None:
    """The body annotation most documented error statuses share (used by two or more)."""
    counts: dict[str, int] = {}
    for annotation in documented:
        counts[annotation] = counts.get(annotation, 0) + 1
    shared = [a for a in sorted(counts) if counts[a] > 1]
    return max(shared, key=lambda a: counts[a]) if shared else None


def envelope_model(ir: IR, annotate: Callable[[Ref], str]) -> str | None:
    """A named object whose one required field is `error: {message, ...}`: the error
    body of a spec that documents no shared one (the first by name, names with "error"
    first)."""
    for name, t in sorted(ir.types.items(), key=lambda i: ("error" not in i[0].lower(), i[0])):
        if not isinstance(t, ObjectType):
            continue
        required = [f for f in t.fields if f.required]
        inner = required[0] if [f.name for f in required] == ["error"] else None
        target = ir.types.get(inner.type.name) if inner and isinstance(inner.type, Ref) else None
        if isinstance(target, ObjectType) and any(f.name == "message" for f in target.fields):
            return annotate(Ref(name=name))
    return None
