"""Writing target folders while the next target renders.

A cold run creates thousands of files, and creating a file can cost up to a
millisecond of waiting on the disk. `Background` takes each target's files as soon
as they are rendered and, on a thread of its own (file system calls release the
GIL), checks and stages that target's folder while the main thread renders the
next target and stores the result cache. Every guarantee of `writer.write_targets`
holds unchanged:

* the swaps happen only in `finish`, after every folder is staged and made
  durable, one atomic exchange per folder, in the order the folders were named;
* every refusal comes before any of the user's folders is touched: a refusal (or
  any error) found while a later folder is checked removes the stages already built
  and the parent folders staging created, and `finish` raises it;
* an error or Ctrl-C in the main thread (`abort`, or leaving the `with` block with
  an exception) stops the thread between two files and removes every stage.

The thread starts with the first folder handed over: a run that renders in forked
processes (`-j N`, which forks only while no other thread runs) hands the folders
over once every process is done.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from types import TracebackType

from . import writer
from .writer import Staged, WriteReport

_Job = tuple[Path, dict[str, str], dict[str, object]]


class Background:
    """Stage `folders` on a thread as their files arrive (`add`); swap them in (`finish`)."""

    def __init__(self, folders: list[Path], force: bool = False) -> None:
        self.folders = list(dict.fromkeys(folders))  # the swaps' (and the reports') order
        self.force = force
        self.started = False
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._handed: set[Path] = set()
        self._staged: dict[Path, Staged] = {}  # by the folder as named in `folders`
        self._made: list[Path] = []  # parent folders staging created, outermost first
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="respgen-stage", daemon=True)

    def add(self, folder: Path, files: dict[str, str], meta: dict[str, object]) -> None:
        """Hand over one folder's files (each of `folders` once, in any order)."""
        if folder not in self.folders or folder in self._handed:
            raise ValueError(f"{folder} is not a folder still to write")
        self._handed.add(folder)
        if not self.started:
            self.started = True
            self._thread.start()
        self._jobs.put((folder, files, meta))

    def finish(self) -> list[WriteReport]:
        """Wait for every stage, then swap them all in; raise what staging raised."""
        self._join()
        if self._error is not None:
            self._discard()
            raise self._error
        missing = [folder for folder in self.folders if folder not in self._staged]
        if missing:
            self._discard()
            raise RuntimeError(f"{missing[0]} was never handed over to be written")
        return writer.commit_all([self._staged[folder] for folder in self.folders])

    def abort(self) -> None:
        """Stop staging and remove whatever it built; nothing of the user's is touched."""
        self._stop.set()
        self._join()
        self._discard()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:
            self.abort()

    def _join(self) -> None:
        if self.started and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _work(self) -> None:
        """Check and stage each folder as it comes; once all are staged, make them durable."""
        try:
            while len(self._staged) < len(self.folders):
                job = self._jobs.get()
                if job is None or self._stop.is_set():
                    return
                named, files, meta = job
                folder = writer.real_folder(named)
                self._made += [p for p in reversed(folder.parents) if not p.exists()]
                writer.preflight(folder, files, self.force)
                self._staged[named] = writer.stage_folder(folder, files, meta, self._stop)
            writer.make_durable([item.stage for item in self._staged.values()
                                 if item.stage is not None])
        except BaseException as exc:  # raised again by `finish`, in the main thread
            self._error = exc

    def _discard(self) -> None:
        writer.discard(list(self._staged.values()))
        self._staged.clear()
        for made in reversed(self._made):  # innermost first; only if still empty
            try:
                made.rmdir()
            except OSError:
                pass
        self._made.clear()
