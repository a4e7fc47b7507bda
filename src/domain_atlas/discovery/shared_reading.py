"""Reading many files on every core: worker processes and this process take batches from one queue.

This process reads too, taking batches from the back of the queue, while the workers are handed them from the
front one by one; so no core waits idle, and this process's share of the results never crosses a process boundary.
Files are taken heaviest first (bytes of source), so no big file is left for the end, and batches shrink as the
files left do, so every process finishes at about the same time.
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
# Each batch weighs 1/(processes x this) of what is left to read: about 25 batches for 2 processes.
_BATCHES_PER_PROCESS = 4


def processes() -> int:
    """How many processes can read at once here: one per core this process may run on, up to MAX_PROCESSES."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_PROCESSES))


def forks_cheaply() -> bool:
    """Whether worker processes here are forked (started in ~10 ms) and there is a core for one."""
    return processes() > 1 and _start_method() is not None


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
    in `finish` (it may do other work in between: the workers go on alone).

    A worker is handed a batch as it finishes one (with one more waiting, so it never idles between two); a pool
    given every batch at once queues several to a worker, where they can no longer be taken back, and this process
    then sat idle at the end while the worker read them (up to 0.1 s on Django, measured).
    """

    def __init__(
        self,
        jobs: Sequence[J],
        read_batch: Callable[[Sequence[J]], list[R]],
        weight: Callable[[J], int],
        workers: WorkerPool | None = None,
    ):
        """`workers`: a pool started earlier (see `WorkerPool`), which this reading then owns; else one is started."""
        self._jobs, self._read_batch = jobs, read_batch
        self._open = contextlib.ExitStack()
        workers = self._open.enter_context(workers if workers is not None else WorkerPool())
        self._pool = workers.executor
        self._claims = _Claims([weight(job) for job in jobs], (workers.count + 1) * _BATCHES_PER_PROCESS)
        self._lock = threading.Lock()
        self._handed: list[tuple[list[int], Future[list[R]]]] = []
        for _ in range(2 * workers.count):  # one batch each at work, and one waiting
            self._hand_out()

    def _hand_out(self, finished: Future[list[R]] | None = None) -> None:
        """Give the pool the next batch from the front, if any is left (also called as each batch finishes)."""
        if finished is not None and (finished.cancelled() or finished.exception() is not None):
            return  # stopping: hand out nothing more
        with self._lock:  # `finish` must see every batch handed out once none is left
            batch = self._claims.take(from_front=True)
            if not batch:
                return
            future = self._pool.submit(self._read_batch, [self._jobs[i] for i in batch])
            self._handed.append((batch, future))
        future.add_done_callback(self._hand_out)  # outside the lock: a finished future calls back at once

    def _take_from_back(self) -> list[int]:
        with self._lock:
            return self._claims.take(from_front=False)

    def finish(
        self,
        done: Callable[[int], None] | None = None,
        read_here: Callable[[Sequence[J]], list[R]] | None = None,
        then: Callable[[list[int], list[R]], None] | None = None,
    ) -> list[R]:
        """Every job's result, in the jobs' order: the batches no worker has been handed are read here.

        `read_here` reads them instead of `read_batch`; `then` is given the jobs read here and their results once no
        batch is left, while the workers finish their last ones (this process would only wait for them).
        """
        jobs = self._jobs
        read_here = read_here or self._read_batch
        found: dict[int, R] = {}
        here: list[int] = []
        with self._open:
            try:
                while batch := self._take_from_back():
                    found.update(zip(batch, read_here([jobs[i] for i in batch]), strict=True))
                    here.extend(batch)
                    if done is not None:
                        done(len(found) + self._finished_elsewhere())
                if then is not None:
                    then(here, [found[index] for index in here])
                for batch, future in list(self._handed):
                    found.update(zip(batch, future.result(), strict=True))
            except BaseException:  # Ctrl-C, say: the workers must not go on reading the batches left
                self.cancel()
                raise
        if done is not None:
            done(len(found))
        return [found[index] for index in range(len(jobs))]

    def _finished_elsewhere(self) -> int:
        return sum(len(batch) for batch, future in list(self._handed) if future.done() and not future.cancelled())

    def cancel(self) -> None:
        """Hand out no more batches, drop those waiting, and wait for the workers to stop."""
        with self._lock:
            self._claims.drop()
        for _, future in list(self._handed):
            future.cancel()
        self._open.close()


class WorkerPool:
    """The worker processes of one reading (`processes()` - 1 of them), which may be started before the jobs are
    known, to do a first task of their own (listing the files, see reading_ahead.py)."""

    def __init__(self) -> None:
        self.count = processes() - 1
        self._open = contextlib.ExitStack()
        # The pool's threads here pass batches and results on, and need the GIL quickly for it, also while this
        # process does other work before `finish`.
        self._open.enter_context(_quick_handoffs())
        self.executor = ProcessPoolExecutor(max_workers=max(1, self.count), mp_context=_start_method())

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop the tasks not started and wait for the workers to stop."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._open.close()


class _Claims:
    """Jobs, heaviest first, taken in batches from the front (by the workers) and from the back (by this process).

    Each batch weighs a share of what is left (guided self-scheduling): big batches first, few messages, and
    small ones at the end, so whoever finishes first waits little for the others' last batch.
    """

    def __init__(self, weights: Sequence[int], shares: int) -> None:
        self._weights = [max(1, weight) for weight in weights]
        self._order = sorted(range(len(weights)), key=lambda index: -self._weights[index])
        self._front, self._back = 0, len(self._order)  # the jobs not taken yet: order[front:back]
        self._left = sum(self._weights)
        self._shares = shares
        self._smallest = self._left / (shares * 8)  # the smallest batch: a smaller one costs more than it evens out

    def take(self, from_front: bool) -> list[int]:
        """The next batch (job indexes) from one end; empty once every job is taken."""
        target = max(self._left / self._shares, self._smallest)
        batch: list[int] = []
        load = 0
        while self._front < self._back and (not batch or load < target):
            if from_front:
                index = self._order[self._front]
                self._front += 1
            else:
                self._back -= 1
                index = self._order[self._back]
            batch.append(index)
            load += self._weights[index]
        self._left -= load
        return batch

    def drop(self) -> None:
        self._front = self._back


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


def _start_method() -> BaseContext | None:
    """`fork` where it is safe: a worker then starts in about 10 ms with everything already imported, against
    about 2 s under `forkserver` (Python 3.14's default on Linux) or `spawn`, which import Domain Atlas again
    (measured). Not with other threads running (`mkdocs serve`): a fork copies their held locks.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None
