"""A real HTTP/1.1 server on 127.0.0.1 for client tests: it answers each request
with the next scripted `Reply`, writing the body in the given pieces (one TCP
send each, Nagle off), and records what it received (and, given `check`, what
that function finds wrong with each request, in `invalid`). Bounded: every socket
operation times out, and the server stops when the `with` block ends."""

from __future__ import annotations

import json
import queue
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

TIMEOUT = 10.0


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] = field(default_factory=list)
    length: int | None = -1  # -1: the real length; None: close-delimited; else announced
    hold: bool = False  # after the chunks, wait until the client closes the connection

    @classmethod
    def json(cls, status: int, value: Any, **headers: str) -> "Reply":
        body = json.dumps(value).encode()
        return cls(status, {"Content-Type": "application/json", **headers}, [body])

    @classmethod
    def sse(cls, chunks: list[bytes], **kw: Any) -> "Reply":
        return cls(200, {"Content-Type": "text/event-stream"}, chunks, length=None, **kw)


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class StubServer:
    def __init__(self, check: Callable[[Received], list[str]] | None = None) -> None:
        self.replies: queue.Queue[Reply] = queue.Queue()
        self.received: list[Received] = []
        self.check = check
        self.invalid: list[str] = []
        self.client_closed = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.stub = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def script(self, *replies: Reply) -> "StubServer":
        for r in replies:
            self.replies.put(r)
        return self

    def __enter__(self) -> "StubServer":
        self.thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(TIMEOUT)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(TIMEOUT)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _handle(self) -> None:
        stub: StubServer = self.server.stub  # type: ignore[attr-defined]
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size) if size else b""
        received = Received(self.command, self.path,
                            {k.lower(): v for k, v in self.headers.items()}, body)
        stub.received.append(received)
        if stub.check is not None:
            stub.invalid.extend(stub.check(received))
        try:
            reply = stub.replies.get_nowait()
        except queue.Empty:
            reply = Reply.json(599, {"error": {"code": 599, "message": "no reply scripted"}})
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        total = sum(len(c) for c in reply.chunks)
        if reply.length is None:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(total if reply.length == -1 else reply.length))
        if reply.length not in (-1, None):
            self.close_connection = True
        self.end_headers()
        try:
            for chunk in reply.chunks:
                self.wfile.write(chunk)
            if reply.hold:
                if self.connection.recv(1) == b"":
                    stub.client_closed.set()
        except OSError:
            stub.client_closed.set()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle
