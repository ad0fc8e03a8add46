"""Independent jobs on several cores, with the result a serial run gives.

`run_jobs(jobs, workers)` returns `[job() for job in jobs]`. Where fork is safe
(Linux and the BSDs, in a process with no other thread), up to `workers - 1`
forked children share the caller's memory (the IR is built once, never copied or
pickled), and every process, the caller's included, takes the next job from one
queue (a pipe of job numbers), so no process idles while a job waits. A child
sends its results back, pickled, once the queue is empty.

Errors come out exactly as serially: the first job, in job order, that fails
raises its own exception in the caller. A job that failed in a child is run again
in the caller to raise it there (jobs are deterministic); a job a child could not
finish (it died) is run by the caller too. A child never returns into the
caller's code: it ends with `os._exit`, so no `finally`, `atexit` or buffered
output of the caller runs twice. (The children copy a shared page only when they
write to it: pipeline.run allows no full garbage collection, which would walk them all.)
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")

_MAX_JOBS = 255  # job numbers travel as single bytes


def cores() -> int:
    """The cores this process may run on (a container's or CI's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """fork is safe here: a platform whose default is fork (not macOS, where system
    libraries may abort a forked child, nor Windows), and no other thread running
    (it could hold a lock that a child would then wait for forever)."""
    return hasattr(os, "fork") and threading.active_count() == 1 \
        and sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def forks(jobs: int, workers: int) -> bool:
    """Whether `run_jobs` forks for this many jobs on `workers` processes (else it runs
    them here, one by one, in order)."""
    return min(workers, jobs) > 1 and jobs <= _MAX_JOBS and can_fork()


def run_jobs(jobs: Sequence[Callable[[], T]], workers: int) -> list[T]:
    """`[job() for job in jobs]`, on up to `workers` processes (this one included)."""
    if not forks(len(jobs), workers):
        return [job() for job in jobs]
    children = min(workers, len(jobs)) - 1
    done: dict[int, T] = {}
    failed: tuple[int, Exception] | None = None
    running: dict[int, int] = {}  # child pid -> read end of its results
    queue_r, queue_w = os.pipe()
    try:
        os.write(queue_w, bytes(range(len(jobs))))  # a few bytes: never fills the pipe
        os.close(queue_w)  # from now on an empty queue reads as end of file
        for stream in (sys.stdout, sys.stderr):  # nothing buffered that a child could repeat
            stream.flush()
        for _ in range(children):
            results_r, results_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover (runs in the child, which never returns)
                _child(jobs, queue_r, results_w)
            os.close(results_w)
            running[pid] = results_r
        while failed is None and (taken := os.read(queue_r, 1)):
            try:
                done[taken[0]] = jobs[taken[0]]()
            except Exception as exc:  # raised below, unless an earlier job fails too
                failed = (taken[0], exc)
        while running:
            pid, results_r = running.popitem()
            done.update(_results(pid, results_r))
    finally:
        os.close(queue_r)
        for pid, results_r in running.items():  # interrupted: stop the children, reap them
            os.close(results_r)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            os.waitpid(pid, 0)
    for index, job in enumerate(jobs):
        if index not in done:
            if failed is not None and failed[0] == index:
                raise failed[1]
            done[index] = job()  # failed in a child, or the child died: here, as serially
    return [done[index] for index in range(len(jobs))]


def _child(jobs: Sequence[Callable[[], object]], queue_r: int, results_w: int) -> None:
    """Run jobs from the queue until it is empty or one fails, send the results, exit."""
    status = 1
    try:
        results: dict[int, object] = {}
        while (taken := os.read(queue_r, 1)):
            try:
                results[taken[0]] = jobs[taken[0]]()
            except BaseException:  # the caller runs it again, to raise it as serially
                break
        with os.fdopen(results_w, "wb") as out:
            pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        status = 0
    finally:
        os._exit(status)


def _results(pid: int, results_r: int) -> dict[int, T]:
    """A child's results (none if it died before sending them); the child reaped."""
    try:
        with os.fdopen(results_r, "rb") as got:
            results: dict[int, T] = pickle.load(got)
        return results
    except Exception:  # a child that died mid-way: its jobs run again in the caller
        return {}
    finally:
        os.waitpid(pid, 0)
