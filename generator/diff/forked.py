"""Run a piece of work in a forked child while this process does another.

`respgen diff` on a cold cache parses and builds two spec versions: one in a child,
one here, on two cores at once. Only where `parallel.can_fork` says fork is safe (the
rule `generate -j` uses); elsewhere the caller does the work itself. The child's answer is bytes through a pipe; any failure in the
child is no answer, and the caller does that work itself (so its errors are reported
as they would be without the child).
"""

from __future__ import annotations

import os
from typing import Callable

from ..parallel import can_fork


def in_child(work: Callable[[], bytes]) -> Callable[[], bytes | None] | None:
    """Start `work` in a child; the function returned waits for it and gives its bytes
    (None when it failed). None when no child can be started: do the work here."""
    if not can_fork():
        return None
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read)
            data = work()
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)

    def result() -> bytes | None:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        return data if status == 0 else None

    return result
