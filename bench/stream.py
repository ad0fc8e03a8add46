"""Streaming speed: events per second parsed from a 10,000-event Responses stream
served over loopback, by the generated client and by the `openai` SDK, in one run;
then the load table (`--streams` concurrent streams of `--stream-events` events from
one client: time, events/s, peak memory, connections opened; then 20 sequential
streams) and the SSE decoders on 1-8 MB lines fed in 1 KB pieces
(bench/stream_load.py).

    .venv/bin/python bench/stream.py [--events 10000] [--runs 5] [--streams 1000]

The `openai` package (the peer, not a project dependency) is installed on first
use into bench/.openai-venv (git-ignored), with httpx for our client. Both clients
are timed in the same interpreter (that venv's python), against the same local
server (a separate process), alternating runs; the table shows medians.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from stream_load import decode_table, load_table

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = BENCH / ".openai-venv"
PY = VENV / "bin" / "python"

SERVER = r'''
import socket, sys, threading
body = open(sys.argv[1], "rb").read()
head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0)); srv.listen(16)
print(srv.getsockname()[1], flush=True)
def serve(conn):
    with conn:
        data = b""
        while b"\r\n\r\n" not in data:
            data += conn.recv(65536)
        header, _, rest = data.partition(b"\r\n\r\n")
        length = 0
        for line in header.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(rest) < length:
            rest += conn.recv(65536)
        conn.sendall(head)
        for i in range(0, len(body), 16384):
            conn.sendall(body[i:i + 16384])
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
'''

MEASURE = r'''
import asyncio, json, statistics, sys, time
sys.path.insert(0, sys.argv[2])
import openai, openresponses
url, runs, n = sys.argv[1], int(sys.argv[3]), int(sys.argv[4])

ours = openresponses.Client(api_key="k", base_url=url, max_retries=0)
theirs = openai.OpenAI(api_key="k", base_url=url, max_retries=0)
aours = openresponses.AsyncClient(api_key="k", base_url=url, max_retries=0)
atheirs = openai.AsyncOpenAI(api_key="k", base_url=url, max_retries=0)

def run_ours():
    return sum(1 for _ in ours.responses.create(model="m", input="hi", stream=True))
def run_theirs():
    return sum(1 for _ in theirs.responses.create(model="m", input="hi", stream=True))
async def arun_ours():
    return sum([1 async for _ in await aours.responses.create(model="m", input="hi", stream=True)])
async def arun_theirs():
    return sum([1 async for _ in await atheirs.responses.create(model="m", input="hi", stream=True)])

cases = {"respgen Client (sync)": run_ours, "openai OpenAI (sync)": run_theirs,
         "respgen AsyncClient": lambda: asyncio.run(arun_ours()),
         "openai AsyncOpenAI": lambda: asyncio.run(arun_theirs())}
times = {k: [] for k in cases}
for k, f in cases.items():  # warm up (schemas built, connections made)
    assert f() == n, k
# both really parse: typed events, none passed through untyped
kinds = {type(e).__name__ for e in ours.responses.create(model="m", input="hi", stream=True)}
assert "UnknownEvent" not in kinds and len(kinds) == 3, kinds
kinds = {type(e).__name__ for e in theirs.responses.create(model="m", input="hi", stream=True)}
assert len(kinds) == 3 and "dict" not in kinds, kinds
for _ in range(runs):
    for k, f in cases.items():
        t = time.perf_counter(); count = f(); times[k].append(time.perf_counter() - t)
        assert count == n, (k, count)
print(json.dumps({k: statistics.median(v) for k, v in times.items()}))
'''


def events(n: int) -> list[dict[str, object]]:
    sys.path.insert(0, str(REPO / "tests"))
    from client_support import delta, example  # the spec's own examples

    created = example("OpenResponsesStreamEventResponseCreated")
    completed = dict(created, type="response.completed", sequence_number=n - 1)
    middle = [delta(f"tok{i} ", i) for i in range(1, n - 1)]
    return [created, *middle, completed]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--stream-events", type=int, default=100)
    args = parser.parse_args()
    if not PY.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(PY), "-m", "pip", "install", "-q", "openai", "httpx"], check=True)
    version = subprocess.run([str(PY), "-c", "import openai; print(openai.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events(args.events))
    body += "data: [DONE]\n\n"
    with tempfile.NamedTemporaryFile(suffix=".sse") as f:
        f.write(body.encode())
        f.flush()
        server = subprocess.Popen([str(PY), "-c", SERVER, f.name], stdout=subprocess.PIPE,
                                  text=True)
        try:
            assert server.stdout is not None
            port = server.stdout.readline().strip()
            run = subprocess.run(
                [str(PY), "-c", MEASURE, f"http://127.0.0.1:{port}", str(REPO / "generated" / "python"),
                 str(args.runs), str(args.events)], capture_output=True, text=True)
            if run.returncode:
                sys.exit(run.stderr[-3000:])
            medians = json.loads(run.stdout)
        finally:
            server.kill()
            server.wait()
    n = args.events
    package_dir = REPO / "generated" / "python"
    print(f"{n} events ({len(body) / 1e6:.1f} MB of SSE) over loopback, median of {args.runs} runs; "
          f"openai {version}\n")
    print("| client | time | events/s | vs openai (same mode) |")
    print("| --- | ---: | ---: | ---: |")
    pairs = {"respgen Client (sync)": "openai OpenAI (sync)",
             "respgen AsyncClient": "openai AsyncOpenAI"}
    for name, t in medians.items():
        peer = pairs.get(name)
        ratio = f"{medians[peer] / t:.2f}×" if peer else "1.00×"
        print(f"| {name} | {t * 1000:.0f} ms | {n / t:,.0f} | {ratio} |")
    each = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n"
                   for e in events(args.stream_events)) + "data: [DONE]\n\n"
    print(f"\n{args.streams} concurrent streams of {args.stream_events} events from one client, "
          "default settings but max_retries=0:\n")
    print("\n".join(load_table(PY, package_dir, each.encode(), args.streams)))
    print("\nOne `data:` line fed in 1 KB pieces:\n")
    print("\n".join(decode_table(PY, package_dir)))


if __name__ == "__main__":
    main()
