"""An asyncio HTTP/1.1 server on 127.0.0.1 for load tests of the generated client:
every request gets the same SSE body in chunked encoding on a keep-alive
connection. It counts the sockets it accepted, the requests it served and the
most connections open at once; with `gate=n` it holds every reply until n
requests are waiting (so n streams are provably open together) or `release()`;
with `stall=True` it never ends a body, and counts the clients that hang up.
Bounded: a gate left shut for `GATE_TIMEOUT` seconds answers 503 instead.
`GET /stats` answers the number of sockets accepted. Run as a script
(`python tests/load_server.py BODY_FILE`) it prints its port and serves until killed."""

from __future__ import annotations

import asyncio
import sys
import threading

GATE_TIMEOUT = 60.0


class LoadServer:
    def __init__(self, body: bytes, gate: int | None = None, stall: bool = False) -> None:
        self.body = body
        self.gate = gate
        self.stall = stall  # after the body, never end it: wait for the client to hang up
        self.hung_up = 0  # connections the client closed while the server stalled
        self.accepted = 0
        self.requests = 0
        self.open = 0
        self.peak = 0
        self.waiting = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.url = ""

    def __enter__(self) -> "LoadServer":
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the load server did not start")
        return self

    def __exit__(self, *args: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def release(self) -> None:
        """Open the gate: every held reply is sent."""
        self._loop.call_soon_threadsafe(self._opened.set)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())
        self._loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        self._opened = asyncio.Event()
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=4096)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        self._ready.set()
        async with server:
            await self._stop.wait()
            server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        self.open += 1
        self.peak = max(self.peak, self.open)
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError,
                asyncio.CancelledError):  # cancelled: the server is stopping
            pass
        finally:
            self.open -= 1
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        if length:
            await reader.readexactly(length)
        if head.startswith(b"GET /stats "):  # for bench/stream.py: the sockets accepted
            text = str(self.accepted).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(text), text))
            return True
        self.requests += 1
        status = b"200 OK"
        if self.gate is not None:
            self.waiting += 1
            if self.waiting >= self.gate:
                self._opened.set()
            try:
                await asyncio.wait_for(self._opened.wait(), GATE_TIMEOUT)
            except asyncio.TimeoutError:
                status = b"503 Service Unavailable"
        writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: text/event-stream\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        if status.startswith(b"200"):
            writer.write(b"%x\r\n%s\r\n" % (len(self.body), self.body))
        await writer.drain()
        if self.stall:
            await reader.read(1)
            self.hung_up += 1
            return False
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f, LoadServer(f.read()) as server:
        print(server.url.rsplit(":", 1)[1], flush=True)
        threading.Event().wait()
