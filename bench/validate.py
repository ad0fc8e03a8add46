"""Benchmark the generated validators (run by hand; prints a table).

    .venv/bin/python bench/validate.py [--spec seed|latest|both]

Microseconds per validation of request payloads (minimal, typical with 5
messages, tools, advanced, large ~100 KB, three invalid ones) against the
request schema of POST /responses, on the seed-era and the latest upstream
spec, for: respgen's generated validators, fastjsonschema, jsonschema,
jsonschema-rs and the generated pydantic models. Peers are installed on first
use into bench/.peers-venv (git-ignored; not project dependencies); the
measuring runs there, in one process, so ratios compare like with like.
Each peer makes its natural call: fastjsonschema/pydantic validate (raising
at the first error, caught), jsonschema/jsonschema-rs `is_valid`, respgen
`validate_<Request>` (every error, with pointers).
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import timeit
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SPECS = {
    "seed": REPO.parent / "shared" / "specs" / "openrouter" / "2026-03-26-a935d65c6.yaml",
    "latest": REPO.parent / "shared" / "specs" / "openrouter" / "2026-08-22-90c493767.yaml",
}
OUT = BENCH / ".out" / "validate"
PEERS = BENCH / ".peers-venv"
PEER_PACKAGES = ["fastjsonschema==2.22.*", "jsonschema==4.26.*", "jsonschema-rs==0.60.*",
                 "pydantic>=2.11,<3"]


def _message(i: int) -> dict[str, Any]:
    role = "user" if i % 2 == 0 else "assistant"
    return {"role": role, "content": f"Message number {i}: tell me about the weather in Paris."}


TOOL = {
    "type": "function", "name": "get_weather", "description": "Current weather for a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                   "required": ["city"]},
}
PAYLOADS: dict[str, Any] = {
    "minimal": {"model": "openai/gpt-4o", "input": "Say hi"},
    "typical (5 messages)": {
        "model": "openai/gpt-4o", "input": [_message(i) for i in range(5)],
        "temperature": 0.7, "max_output_tokens": 512,
    },
    "tools": {
        "model": "openai/gpt-4o", "input": [_message(0)],
        "tools": [TOOL, {**TOOL, "name": "get_time"}, {**TOOL, "name": "get_news"}],
        "tool_choice": "auto", "parallel_tool_calls": True,
    },
    "advanced": {
        "model": "openai/gpt-4o", "input": [_message(i) for i in range(3)],
        "reasoning": {"effort": "high", "summary": "auto"},
        "text": {"format": {"type": "json_schema", "name": "answer",
                            "schema": {"type": "object"}, "strict": True}},
        "provider": {"order": ["openai", "azure"], "allow_fallbacks": True,
                     "data_collection": "deny"},
        "plugins": [{"id": "web", "max_results": 3}],
        "metadata": {"user": "u-1"}, "top_p": 0.9,
    },
    "large (~100 KB, 200 items)": {
        "model": "openai/gpt-4o",
        "input": [{"role": "user" if i % 2 == 0 else "assistant",
                   "content": f"{i}: " + "lorem ipsum dolor sit amet " * 18} for i in range(200)],
    },
    "invalid: wrong nested type": {
        "model": "openai/gpt-4o",
        "input": [_message(0), {"type": "message", "role": "user",
                                "content": [{"type": "input_text", "text": 42}]}],
    },
    "invalid: unknown enum": {"model": "openai/gpt-4o", "input": "hi",
                              "reasoning": {"effort": "ultra"}},
    "invalid: three mistakes": {"model": 5, "input": [_message(0), {"role": "user", "content": 7}],
                                "reasoning": {"effort": "ultra"}},
}


# ------------------------------------------------------------ preparation (.venv)


def prepare(name: str, spec: Path) -> Path:
    """Generate the python package and the request's JSON Schema; return the folder."""
    sys.path[:0] = [str(REPO / "tests"), str(REPO)]
    from bundle import Bundle  # tests/bundle.py: the raw schema as JSON Schema

    from generator import pipeline
    from generator.config import Config

    folder = OUT / name
    package = f"bench_{name}"
    subprocess.run([str(REPO / ".venv" / "bin" / "respgen"), "generate", "--spec", str(spec),
                    "--out", str(folder), "--target", "python", "--package", package,
                    "--force"], check=True, capture_output=True, cwd=REPO)
    config = Config(spec=spec, out=folder, targets=("python",), package=package, root=REPO)
    ir, _ = pipeline.load_ir(config)
    op = next(o for o in ir.operations if o.path == "/responses" and o.method == "post")
    assert op.request_body is not None
    ref = op.request_body.content[0].type
    ir_name = ref.name  # type: ignore[union-attr]
    from generator.targets.python.naming import class_names

    py_name = class_names(list(ir.types))[ir_name]
    schema = Bundle(spec).schema(ir.types[ir_name].origin)
    (folder / "request.schema.json").write_text(json.dumps(schema))
    (folder / "meta.json").write_text(json.dumps({"package": package, "type": py_name}))
    return folder


# ------------------------------------------------------------ measuring (peers venv)


def per_call(fn: Callable[[], Any]) -> float:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(number, 1)
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def measure(folder: Path) -> dict[str, dict[str, float | str]]:
    import fastjsonschema
    import jsonschema
    import jsonschema_rs
    from pydantic import TypeAdapter

    meta = json.loads((folder / "meta.json").read_text())
    schema = json.loads((folder / "request.schema.json").read_text())
    sys.path.insert(0, str(folder / "python"))
    validators = importlib.import_module(f"{meta['package']}.validators")
    models = importlib.import_module(f"{meta['package']}.models")
    ours = getattr(validators, f"validate_{meta['type']}")
    adapter = TypeAdapter(getattr(models, meta["type"]))
    fast = fastjsonschema.compile(schema)
    ref = jsonschema.Draft202012Validator(schema)
    rs = jsonschema_rs.validator_for(schema)

    def raising(fn: Callable[[Any], Any]) -> Callable[[Any], bool]:
        def call(x: Any) -> bool:
            try:
                fn(x)
            except Exception:
                return False
            return True
        return call

    peers: dict[str, Callable[[Any], Any]] = {
        "respgen": lambda x: not ours(x), "fastjsonschema": raising(fast),
        "jsonschema": ref.is_valid, "jsonschema-rs": rs.is_valid,
        "pydantic models": raising(adapter.validate_python),
    }
    rows: dict[str, dict[str, float | str]] = {}
    for label, payload in PAYLOADS.items():
        verdicts = {peer: bool(fn(payload)) for peer, fn in peers.items()}
        row: dict[str, float | str] = {
            peer: per_call(lambda fn=fn: fn(payload)) for peer, fn in peers.items()}  # type: ignore[misc]
        row["verdicts"] = "".join("✓" if v else "✗" for v in verdicts.values())
        row["errors"] = str(len(ours(payload)))
        rows[label] = row
    return rows


def table(name: str, rows: dict[str, dict[str, float | str]]) -> str:
    peers = ["respgen", "fastjsonschema", "jsonschema", "jsonschema-rs", "pydantic models"]
    lines = [f"\n{name}: µs per validation (verdicts in order {', '.join(peers)}; "
             "respgen errors reported)\n",
             "| payload | " + " | ".join(peers) + " | vs fastjsonschema | vs jsonschema-rs "
             "| verdicts | errors |",
             "|---|" + "---:|" * (len(peers) + 2) + "---|---:|"]
    for label, row in rows.items():
        ours = float(row["respgen"])
        cells = [f"{float(row[p]):,.1f}" for p in peers]
        lines.append(f"| {label} | " + " | ".join(cells)
                     + f" | {float(row['fastjsonschema']) / ours:.1f}× faster"
                     + f" | {ours / float(row['jsonschema-rs']):.1f}× slower"
                     + f" | {row['verdicts']} | {row['errors']} |")
    return "\n".join(lines)


def main() -> None:
    if "--worker" in sys.argv:
        folder = Path(sys.argv[sys.argv.index("--worker") + 1])
        print(json.dumps(measure(folder)))
        return
    which = sys.argv[sys.argv.index("--spec") + 1] if "--spec" in sys.argv else "both"
    python = PEERS / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    for name, spec in SPECS.items():
        if which not in ("both", name):
            continue
        folder = prepare(name, spec)
        done = subprocess.run([str(python), __file__, "--worker", str(folder)], check=True,
                              capture_output=True, text=True)
        print(table(f"{name} ({spec.name})", json.loads(done.stdout)), flush=True)


if __name__ == "__main__":
    main()
