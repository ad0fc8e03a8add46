"""The load half of bench/stream.py: many concurrent streams from one client against
a keep-alive server (tests/load_server.py: chunked SSE, counting the sockets it
accepts), then 20 sequential streams, and the SSE decoders on long lines. Each case
runs in a fresh process of bench/.openai-venv so peak memory is its own."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SERVER = Path(__file__).resolve().parents[1] / "tests" / "load_server.py"  # keep-alive, chunked

CASE = r'''
import asyncio, json, resource, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
url, package_dir, which, streams = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, package_dir)
if which.startswith("respgen"):
    import openresponses as lib
    Sync, Async = lib.Client, lib.AsyncClient
else:
    import openai as lib
    Sync, Async = lib.OpenAI, lib.AsyncOpenAI

def stats():
    return int(urllib.request.urlopen(url + "/stats").read())

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def one(c):
    return sum(1 for _ in c.responses.create(model="m", input="hi", stream=True))

async def aone(c):
    return sum([1 async for _ in await c.responses.create(model="m", input="hi", stream=True)])

def measure(run, sequential):
    base = rss_mb()
    before = stats()
    t = time.perf_counter()
    counts = run()
    elapsed = time.perf_counter() - t
    opened = stats() - before - 1
    peak = peak_mb() - base
    before = stats()
    sequential()
    errors = [repr(c)[:200] for c in counts if not isinstance(c, int)]
    return {"time": elapsed, "events": sum(c for c in counts if isinstance(c, int)),
            "failed": len(errors), "error": errors[0] if errors else "",
            "peak_mb": peak, "opened": opened, "sequential_opened": stats() - before - 1}

if which.endswith("async"):
    loop = asyncio.new_event_loop()
    c = Async(api_key="k", base_url=url, max_retries=0)
    loop.run_until_complete(aone(c))

    async def run():
        return await asyncio.gather(*[aone(c) for _ in range(streams)], return_exceptions=True)

    async def sequential():
        for _ in range(20):
            await aone(c)

    result = measure(lambda: loop.run_until_complete(run()),
                     lambda: loop.run_until_complete(sequential()))
else:
    c = Sync(api_key="k", base_url=url, max_retries=0)
    one(c)

    def run():
        with ThreadPoolExecutor(streams) as pool:
            futures = [pool.submit(one, c) for _ in range(streams)]
            return [f.exception() or f.result() for f in futures]

    result = measure(run, lambda: [one(c) for _ in range(20)])
print(json.dumps(result))
'''

DECODE = r'''
import json, sys, time
sys.path.insert(0, sys.argv[1])
from openresponses._sse import SSEDecoder
from openai._streaming import SSEDecoder as TheirDecoder
out = {}
for mb in (1, 2, 4, 8):
    line = b"data: " + b"x" * (mb * 2**20) + b"\n\n"
    pieces = [line[i:i + 1024] for i in range(0, len(line), 1024)]
    mine, other = [], []
    for _ in range(3):  # the best of 3: the least disturbed by other load
        t = time.perf_counter()
        d = SSEDecoder()
        ours = [e for p in pieces for e in d.feed(p)]
        mine.append(time.perf_counter() - t)
        t = time.perf_counter()
        theirs = list(TheirDecoder().iter_bytes(iter(pieces)))
        other.append(time.perf_counter() - t)
        assert len(ours) == len(theirs) == 1 and len(ours[0].data) == len(theirs[0].data)
    out[mb] = [min(mine), min(other)]
print(json.dumps(out))
'''

CASES = ("respgen AsyncClient", "openai AsyncOpenAI", "respgen Client (sync)",
         "openai OpenAI (sync)")


def load_table(py: Path, package_dir: Path, body: bytes, streams: int) -> list[str]:
    """Markdown rows: every client serving `streams` concurrent streams of `body`."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".sse") as f:
        f.write(body)
        f.flush()
        server = subprocess.Popen([str(py), str(SERVER), f.name], stdout=subprocess.PIPE,
                                  text=True)
        try:
            assert server.stdout is not None
            url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
            results = {}
            for case in CASES:
                which = ("respgen" if case.startswith("respgen") else "openai") + (
                    "-async" if "Async" in case else "-sync")
                run = subprocess.run([str(py), "-c", CASE, url, str(package_dir), which,
                                      str(streams)], capture_output=True, text=True)
                if run.returncode:
                    raise SystemExit(f"{case}: {run.stderr[-3000:]}")
                results[case] = json.loads(run.stdout)
                if results[case]["error"]:
                    print(f"{case}: {results[case]['failed']} failed, e.g. {results[case]['error']}")
        finally:
            server.kill()
            server.wait()
    rows = ["| client | time | events/s | failed | peak memory added | connections opened "
            "(concurrent) | connections for 20 sequential streams |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for case, r in results.items():
        rows.append(f"| {case} | {r['time']:.2f} s | {r['events'] / r['time']:,.0f} | "
                    f"{r['failed']} | {r['peak_mb']:.0f} MiB | {r['opened']} | "
                    f"{r['sequential_opened']} |")
    return rows


def decode_table(py: Path, package_dir: Path) -> list[str]:
    """Markdown rows: one long `data:` line fed in 1 KB pieces to each decoder."""
    run = subprocess.run([str(py), "-c", DECODE, str(package_dir)], capture_output=True,
                         text=True)
    if run.returncode:
        raise SystemExit(run.stderr[-3000:])
    rows = ["| line | respgen SSEDecoder | openai SSEDecoder | ratio |",
            "| ---: | ---: | ---: | ---: |"]
    for mb, (ours, theirs) in json.loads(run.stdout).items():
        rows.append(f"| {mb} MB | {ours * 1000:.0f} ms | {theirs * 1000:.0f} ms | "
                    f"{theirs / ours:.1f}× |")
    return rows
