"""The `respgen` command line.

Exit codes: 0 success; 1 `check` found generated/ out of date (or `diff
--fail-on` met its threshold); 2 bad input
(a spec that cannot be read or built, bad options or configuration).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

# Only what every command needs is imported here; a command imports the rest (a run
# with nothing changed never loads YAML, Jinja, jsonpath or httpx).
from .config import Config, load_config
from .errors import ConfigError, SpecError
from .misleading import in_json, shown as _shown
from .output.staging import Background
from .output.writer import write_targets
from .source.remote import is_url

if TYPE_CHECKING:
    from . import pipeline  # imported where used: `diff` renders no target

EXIT_OK, EXIT_DRIFT, EXIT_BAD_INPUT = 0, 1, 2


def _options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Shared options; applied bottom-up so --help lists them in this order."""
    fn = click.option("--operation", "operations", multiple=True, metavar="'METHOD /path'",
                      help="Only this operation and the types it uses, e.g. 'POST /responses'; repeatable (default: all).")(fn)
    fn = click.option("--format", "format_", is_flag=True,
                      help="Run black over the generated Python (respgen's own templates need no formatting; a --templates override always gets it).")(fn)
    fn = click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N",
                      help="Render the targets on N processes at once; 0: one per core (default: [tool.respgen] jobs, else 0).")(fn)
    fn = click.option("--no-cache", is_flag=True, help="Do not read or write respgen's cache.")(fn)
    fn = click.option("--package", help="Name of the generated package (default: [tool.respgen] package, else from the spec's info.title).")(fn)
    fn = click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
                      help="A folder of your own templates (<folder>/<target>/*.j2) that override respgen's.")(fn)
    fn = click.option("--target", "targets", multiple=True,
                      help="Target to render; repeat for several (default: every target in config). See `respgen targets`.")(fn)
    fn = click.option("--out", type=click.Path(path_type=Path),
                      help="Folder for generated code; each target writes <out>/<target>/ (default: generated).")(fn)
    fn = _spec_options(fn)
    return fn


def _spec_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--spec and --overlay, shared by generate, check and ir."""
    fn = click.option("--overlay", "overlays", multiple=True, type=click.Path(path_type=Path),
                      help="An OpenAPI Overlay file applied to the spec before building; repeatable, "
                           "after [tool.respgen] overlays.")(fn)
    fn = click.option("--spec", metavar="FILE|URL",
                      help="The OpenAPI file (or https:// URL) to read (default: [tool.respgen] spec, "
                           "else spec/openapi.yaml).")(fn)
    return fn


def _config(spec: str | None, out: Path | None, targets: tuple[str, ...],
            templates: Path | None, package: str | None, no_cache: bool,
            operations: tuple[str, ...] = (), overlays: tuple[Path, ...] = (),
            format_: bool = False, jobs: int | None = None) -> Config:
    config = load_config()
    cwd = Path.cwd()
    if spec and is_url(spec):
        config = config.with_overrides(spec_url=spec)
    elif spec:
        config = config.with_overrides(spec=cwd / spec, spec_url="")
    return config.with_overrides(
        overlays=(*config.overlays, *(cwd / o for o in overlays)) if overlays else None,
        out=(cwd / out) if out else None,
        targets=tuple(targets) or None,
        templates=(cwd / templates) if templates else None,
        package=package,
        use_cache=False if no_cache else None,
        operations=tuple(operations) or None,
        format=True if format_ else None,
        jobs=jobs,
    )


def _fail(message: str) -> None:
    click.echo(f"respgen: error: {_shown(message)}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _run(config: Config, sink: pipeline.Sink | None = None) -> pipeline.Result:
    from . import pipeline

    result = pipeline.run(config, sink)
    for line in result.diagnostics:
        click.echo(f"respgen: {_shown(line)}", err=True)
    return result


def _guard(fn: Callable[..., None]) -> Callable[..., None]:
    """Turn expected failures into one clear line and exit code 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except SpecError as exc:
            _fail(str(exc))
        except ConfigError as exc:
            _fail(str(exc))
        except RecursionError:
            _fail("the spec nests too deeply to process")
        except OSError as exc:
            _fail(f"cannot write {exc.filename or 'output'}: {exc.strerror or exc}")

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="respgen")
def main() -> None:
    """respgen: generate typed code from the Responses API spec.

    \b
    Typical use:
      respgen generate      regenerate generated/ from spec/
      respgen check         exit 1 (with a diff) if generated/ is stale
      respgen ir            print the intermediate model as JSON

    Defaults come from [tool.respgen] in the nearest pyproject.toml.
    Exit codes: 0 ok, 1 generated output is stale (check), 2 bad input.
    """


@main.command()
@_options
@click.option("--force", is_flag=True, help="Write into an output folder respgen did not create.")
@_guard
def generate(force: bool, **opts: Any) -> None:
    """Regenerate the output folder from the spec, printing what was written.

    Only files respgen made are replaced, atomically; other files are never touched.
    """
    config = _config(**opts)
    start = time.perf_counter()
    out = config.resolve(config.out)
    # A cold run hands each target to `background` as soon as it is rendered (its folder
    # is checked and staged while the next one renders); a run served from the result
    # cache writes them all at the end, as other callers do.
    def job(name: str, files: dict[str, str], types: object) -> tuple[Path, dict[str, str], dict[str, object]]:
        return out / name, files, {"target": name, "types": types}  # `types`: its manifest's

    with Background([out / name for name in config.targets], force) as background:
        result = _run(config, lambda *rendered: background.add(*job(*rendered)))
        fingerprints = result.fingerprints
        jobs = [job(name, files, fingerprints) for name, files in result.files.items()]
        reports = background.finish() if background.started else write_targets(jobs, force)
    total_written = 0
    for (folder, _, _), report in zip(jobs, reports):
        name = folder.name
        for rel in report.written:
            click.echo(_shown(f"wrote     {out / name / rel}"))
        for rel in report.removed:
            click.echo(_shown(f"removed   {out / name / rel} (no longer generated)"))
        total_written += len(report.written)
        if report.unchanged:
            click.echo(_shown(f"unchanged {len(report.unchanged)} file(s) in {out / name}"))
    elapsed = time.perf_counter() - start
    click.echo(f"{len(fingerprints)} types, {result.operations} operations; "
               f"{total_written} file(s) written in {elapsed:.2f}s")


@main.command()
@_options
@click.option("--quiet", "-q", is_flag=True, help="Only the exit code and a summary line.")
@_guard
def check(quiet: bool, **opts: Any) -> None:
    """Exit 1 with a unified diff if the output folder is not what the spec gives now."""
    config = _config(**opts)
    result = _run(config)
    out = config.resolve(config.out)
    fingerprints = result.fingerprints
    stale = False
    from .output.drift import compare

    for name, files in result.files.items():
        drift = compare(out / name, name, files, fingerprints)
        if not drift.stale:
            continue
        stale = True
        if not quiet:
            sys.stdout.writelines(_shown(line, lines=True) for line in drift.diff)
        for label, items in (("changed", drift.changed), ("missing", drift.added),
                             ("no longer generated", drift.removed)):
            for item in items:
                click.echo(f"{label}: {_shown(item)}", err=True)
        if drift.types:
            click.echo(f"types changed since last generate: {_shown(', '.join(drift.types))}",
                       err=True)
    if stale:
        click.echo("respgen: generated output is stale; run `respgen generate`", err=True)
        sys.exit(EXIT_DRIFT)
    click.echo("respgen: generated output is up to date")


@main.command()
@_spec_options
@click.option("--no-cache", is_flag=True, help="Do not use the parse cache.")
@click.option("--operation", "operations", multiple=True, metavar="'METHOD /path'",
              help="Only this operation and the types it uses; repeatable.")
@_guard
def ir(spec: str | None, no_cache: bool, operations: tuple[str, ...],
       overlays: tuple[Path, ...]) -> None:
    """Print the intermediate model (IR) as stable, sorted JSON."""
    config = _config(spec, None, (), None, None, no_cache, operations, overlays)
    from . import pipeline

    model, diags = pipeline.load_ir(config)
    for d in diags.sorted():
        click.echo(f"respgen: {_shown(str(d))}", err=True)
    from .ir import dump_json

    sys.stdout.write(in_json(dump_json(model)))


@main.command()
@click.argument("old", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Readable text, JSON, or a markdown changelog section.")
@click.option("--fail-on", type=click.Choice(["breaking", "strict", "any", "none"]), default="none",
              show_default=True,
              help="Exit 1 on a proven breaking change (breaking), also on one that breaks strict "
                   "clients only (strict), or on any change (any).")
@click.option("--no-cache", is_flag=True, help="Do not use the parse cache.")
@click.option("--overlay", "overlays", multiple=True, type=click.Path(path_type=Path),
              help="An OpenAPI Overlay applied to both versions; repeatable, after [tool.respgen] overlays.")
@_guard
def diff(old: Path, new: Path, fmt: str, fail_on: str, no_cache: bool,
         overlays: tuple[Path, ...]) -> None:
    """Compare two versions of a spec: every change, whether it breaks clients (each
    break proven by a witness), the SDK names it touches and the version bump."""
    from .diff import diff_irs, load_versions, report
    from .output.cache import default_dir

    config = load_config()
    applied = [config.resolve(o) for o in config.overlays] + [Path.cwd() / o for o in overlays]
    folder = config.resolve(config.cache_dir) if config.cache_dir else default_dir()
    a, b = load_versions([old, new], not no_cache, applied, folder)
    for line in report.warnings(a.warnings, b.warnings, str(old), str(new)):
        click.echo(f"respgen: {_shown(line)}", err=True)
    gc.freeze()  # the two IRs live to the end: later collections need not scan them again
    try:
        changes = diff_irs(a.ir, b.ir, cache_dir=None if no_cache else folder)
    finally:
        gc.unfreeze()  # (for a caller that goes on, e.g. the tests)
    render = {"text": report.text, "json": report.as_json, "markdown": report.markdown}[fmt]
    # text escapes spec text itself; click keeps colour only on a terminal
    click.echo(render(changes, str(old), str(new)), nl=False)
    counts = report.summary(changes)
    if (fail_on in ("breaking", "strict") and counts["breaking"]) or \
            (fail_on == "strict" and counts["strict_only"]) or \
            (fail_on == "any" and (counts["changes"] or counts["renamed_types"])):
        sys.exit(EXIT_DRIFT)


@main.command()
@click.option("--spec", metavar="FILE|URL", help="The spec to generate from (asked when not given).")
@click.option("--package", help="Name of the generated Python package (default: from the spec).")
@click.option("--targets", "target_list", metavar="NAME[,NAME...]",
              help="Targets to generate, comma-separated (default: python).")
@click.option("--out", help="Folder for generated code (default: generated).")
@click.option("--force", is_flag=True, help="Replace an existing [tool.respgen] table.")
@_guard
def init(spec: str | None, package: str | None, target_list: str | None, out: str | None,
         force: bool) -> None:
    """Write [tool.respgen] into ./pyproject.toml, then print the next command.

    Asks only for what no flag gives, and only on a terminal; pyproject.toml is created
    when missing, and otherwise only the [tool.respgen] table is added.
    """
    from .init_project import write_config
    from .targets.base import available_targets

    asking = sys.stdin.isatty()
    if spec is None:
        if not asking:
            raise ConfigError("respgen init: --spec is required (no terminal to ask on)")
        spec = click.prompt("Spec file or https:// URL", type=str)
    if target_list is None and asking:
        target_list = click.prompt("Targets (comma-separated)", default="python")
    if out is None and asking:
        out = click.prompt("Output folder", default="generated")
    if package is None and asking:
        package = click.prompt("Python package name (empty: from the spec)", default="",
                               show_default=False) or None
    chosen = tuple(t.strip() for t in (target_list or "python").split(",") if t.strip())
    unknown = sorted(set(chosen) - set(available_targets()))
    if unknown:
        raise ConfigError(f"respgen init: unknown target(s) {', '.join(unknown)}; "
                          f"see `respgen targets`")
    pyproject = Path.cwd() / "pyproject.toml"
    created = write_config(pyproject, {"spec": spec, "out": out or "generated",
                                       "targets": chosen, "package": package}, force)
    click.echo(f"{'created' if created else 'updated'} {pyproject} with [tool.respgen]")
    click.echo("next: respgen generate")


@main.command()
@_guard
def targets() -> None:
    """List the installed targets."""
    from .targets.base import available_targets

    for name, target in available_targets().items():
        click.echo(f"{name:12} {target.description}")


def entry() -> None:
    """The `respgen` console script: the command, then a quick exit.

    A run leaves millions of objects (the IR, the rendered files) that the interpreter
    would free one by one at exit, half a second after the work is done. This exits
    as `sys.exit` would (same code, streams flushed, `atexit` handlers run) but skips
    freeing them: the kernel takes the whole process back at once."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)  # what sys.exit("message") prints
        code = 1
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`respgen ir | head`)
            code = code or 120  # what the interpreter's own exit gives then
    os._exit(code)


if __name__ == "__main__":
    entry()
