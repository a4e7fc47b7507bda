"""Reading many files on every core: worker processes and this process take batches from one queue.

This process reads too, taking batches from the back of the queue that no worker has started yet, while the
workers take them from the front; so no core waits idle, and this process's share of the results never
crosses a process boundary. Batches are of about equal weight (bytes of source), heaviest files first, so no
big file is left for the end and every process finishes at about the same time.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

# At most this many processes read at once (this one included): more cost memory and gain little.
MAX_PROCESSES = 4
# Batches per process: enough to even out big and small files, few enough to keep messages few.
_BATCHES_PER_PROCESS = 8


def processes() -> int:
    """How many processes can read at once here: one per core this process may run on, up to MAX_PROCESSES."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_PROCESSES))


def read_shared(
    jobs: Sequence[J],
    read_batch: Callable[[Sequence[J]], list[R]],
    weight: Callable[[J], int],
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """`read_batch` over all `jobs` (results in the jobs' order), shared by `processes()` processes.

    `read_batch` must be picklable (a module-level function, or a `functools.partial` of one).
    `done` is told how many jobs are finished, from time to time.
    """
    if processes() == 1 or len(jobs) < 2:
        return read_batch(jobs)
    return SharedReading(jobs, read_batch, weight).finish(done)


class SharedReading(Generic[J, R]):
    """`read_shared` in two steps: the workers start on the first batches at once, and this process joins them
    in `finish` (it may do other work in between: the workers go on alone)."""

    def __init__(self, jobs: Sequence[J], read_batch: Callable[[Sequence[J]], list[R]], weight: Callable[[J], int]):
        self._jobs, self._read_batch = jobs, read_batch
        count = processes()
        self._batches = _batches([weight(job) for job in jobs], count * _BATCHES_PER_PROCESS)
        self._open = contextlib.ExitStack()
        # The pool's threads here pass batches and results on, and need the GIL quickly for it, also while this
        # process does other work before `finish`.
        self._open.enter_context(_quick_handoffs())
        pool = self._open.enter_context(ProcessPoolExecutor(max_workers=count - 1, mp_context=_start_method()))
        self._futures: list[Future[list[R]]] = [
            pool.submit(read_batch, [jobs[i] for i in batch]) for batch in self._batches
        ]

    def finish(self, done: Callable[[int], None] | None = None) -> list[R]:
        """Every job's result, in the jobs' order: the batches no worker has started are read here."""
        jobs, batches, futures = self._jobs, self._batches, self._futures
        found: dict[int, R] = {}

        def keep(batch: list[int], results: list[R]) -> None:
            found.update(zip(batch, results, strict=True))

        with self._open:
            try:
                for future, batch in zip(reversed(futures), reversed(batches), strict=True):
                    if future.cancel():  # no worker has it yet: read it here
                        keep(batch, self._read_batch([jobs[i] for i in batch]))
                        if done is not None:
                            done(len(found) + _finished_elsewhere(futures, batches))
                for future, batch in zip(futures, batches, strict=True):
                    if not future.cancelled():
                        keep(batch, future.result())
            except BaseException:  # Ctrl-C, say: the workers must not go on reading the batches left
                self.cancel()
                raise
        if done is not None:
            done(len(found))
        return [found[index] for index in range(len(jobs))]

    def cancel(self) -> None:
        """Drop the batches no worker has started, and wait for the workers to stop."""
        for future in self._futures:
            future.cancel()
        self._open.close()


@contextlib.contextmanager
def _quick_handoffs() -> Iterator[None]:
    """While this process reads, the pool's threads here must get the GIL quickly to pass batches and results
    through the pipes (a large result is read in many pieces, each waiting for the GIL): under Python's default
    switch interval of 5 ms a worker sat idle for up to 0.1 s between batches (measured on Django)."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, 0.0005))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _batches(weights: Sequence[int], wanted: int) -> list[list[int]]:
    """Job indexes in about `wanted` batches of equal weight, heaviest jobs first (one big file may be a batch)."""
    order = sorted(range(len(weights)), key=lambda index: -weights[index])
    target = sum(weights) / wanted
    batches: list[list[int]] = [[]]
    load = 0
    for index in order:
        if load >= target:
            batches.append([])
            load = 0
        batches[-1].append(index)
        load += weights[index]
    return batches


def _finished_elsewhere(futures: Sequence[Future[list[R]]], batches: Sequence[list[int]]) -> int:
    pairs = zip(futures, batches, strict=True)
    return sum(len(batch) for future, batch in pairs if future.done() and not future.cancelled())


def _start_method() -> BaseContext | None:
    """`fork` where it is safe: a worker then starts in about 10 ms with everything already imported, against
    about 2 s under `forkserver` (Python 3.14's default on Linux) or `spawn`, which import Domain Atlas again
    (measured). Not with other threads running (`mkdocs serve`): a fork copies their held locks.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None
