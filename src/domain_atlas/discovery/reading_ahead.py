"""Reading a service's files ahead, while the command still loads the rest of its code.

`domain-atlas export SRC --package P` names the files it will read before it has imported what validates its
settings (MkDocs's config classes), builds the model and renders it: about 0.1 s of a cold start, while the other
cores wait. The command line starts the reading here first; `take` hands the listing and the facts being read to
`load_service` when the validated settings ask for the very same files with the very same cache, and anything else
is dropped, so what a run outputs never depends on whether it read ahead.

Where a worker process can be forked, even listing the files (0.05 s on Django) is left to it: this process goes on
loading its code meanwhile, and the reading starts as soon as the worker has listed the files.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

from domain_atlas.discovery import observed_inputs
from domain_atlas.discovery.disk_cache import close_connections
from domain_atlas.discovery.fact_reading import Hashed, PendingFacts, disk_cache, hash_files, start_reading
from domain_atlas.discovery.file_cache import FileCache
from domain_atlas.discovery.service_files import ServiceFiles, discover_files
from domain_atlas.discovery.shared_reading import WorkerPool, forks_cheaply
from domain_atlas.discovery.source_files import MissingPackageError
from domain_atlas.model import ServiceSpec

__all__ = ["cache_for", "drop", "read_ahead", "take"]

_Key = tuple[tuple[Path, ...], tuple[str, ...], tuple[Path, ...]]  # what discover_files depends on
_Listed = tuple[ServiceFiles, list[Hashed], observed_inputs.Observed]


class _Ahead:
    """One reading ahead: its listing and pending facts, once known (`ready`); None when the listing failed."""

    def __init__(self, key: _Key, cache_folder: Path | None, cache: FileCache) -> None:
        self.key, self.cache_folder, self.cache = key, cache_folder, cache
        self.listing: ServiceFiles | None = None
        self.pending: PendingFacts | None = None
        self.seen: observed_inputs.Observed | None = None  # what the worker that listed the files read
        self.ready = threading.Event()
        self.workers: WorkerPool | None = None

    def listed_by(self, workers: WorkerPool, spec: ServiceSpec) -> None:
        """Have a worker list the files, and start the reading as soon as it has. Their contents are hashed first
        only when there is a disk cache to look them up in; otherwise as they are read."""
        self.workers = workers
        disk = self.cache.disk
        contents = disk is not None and disk.database.exists()
        listed = workers.executor.submit(_list, spec.source_roots, spec.packages, spec.tests, contents)
        listed.add_done_callback(self._start)

    def _start(self, listed: Future[_Listed]) -> None:
        # Called on one of the pool's own threads, as soon as the worker has listed the files.
        try:
            if listed.cancelled() or listed.exception() is not None or self.workers is None:
                return  # `take` lets load_service list the files again, and say what is wrong
            self.listing, hashed, self.seen = listed.result()
            self.pending = PendingFacts(self.listing[1], self.cache, hashed, self.workers)
        except Exception:  # whatever failed here fails again where load_service reads, and is reported there
            self.pending = None
        finally:
            self.ready.set()

    def cancel(self) -> None:
        self.ready.wait()  # the listing is never long: let it finish, then stop everything
        if self.pending is not None:
            self.pending.cancel()
        elif self.workers is not None:
            self.workers.close()


def _list(roots: Sequence[Path], packages: Sequence[str], tests: Sequence[Path], contents: bool) -> _Listed:
    """In a worker process: the service's files, what is at each (see `hash_files`), and what listing them read."""
    with observed_inputs.observing() as seen:
        listing = discover_files(ServiceSpec("(read ahead)", tuple(roots), tuple(packages), tests=tuple(tests)))
        return listing, hash_files(listing[1], contents), seen


_AHEAD: list[_Ahead] = []  # at most one: the reading this process started ahead


def _key(source_roots: Sequence[Path], packages: Sequence[str], tests: Sequence[Path]) -> _Key:
    return tuple(source_roots), tuple(packages), tuple(tests)


def read_ahead(
    source_roots: Sequence[Path], packages: Sequence[str], tests: Sequence[Path], cache_folder: Path | None
) -> None:
    """List the service's files and start reading them (the disk cache in `cache_folder` first, if any)."""
    drop()
    spec = ServiceSpec("(read ahead)", tuple(source_roots), tuple(packages), tests=tuple(tests))
    cache = FileCache(disk_cache(cache_folder) if cache_folder is not None else None)
    ahead = _Ahead(_key(spec.source_roots, spec.packages, spec.tests), cache_folder, cache)
    if forks_cheaply():
        close_connections()  # a forked worker must not inherit an open database (SQLite's rule), even unused
        ahead.listed_by(WorkerPool(), spec)
    else:
        try:
            ahead.listing = discover_files(spec)
        except MissingPackageError:
            return  # the command says so, with the service's own name, once its settings are loaded
        ahead.pending = start_reading(ahead.listing[1], cache)
        ahead.ready.set()
    _AHEAD.append(ahead)


def cache_for(cache_folder: Path | None) -> FileCache | None:
    """The cache the reading ahead fills, when it was made for `cache_folder` (None: no disk cache)."""
    for ahead in _AHEAD:
        if ahead.cache_folder == cache_folder:
            return ahead.cache
    return None


def take(spec: ServiceSpec, cache: FileCache) -> tuple[ServiceFiles, PendingFacts] | None:
    """The listing and the pending facts of `spec`'s files, when they were read ahead into `cache`."""
    if not _AHEAD:
        return None
    ahead = _AHEAD.pop()
    ahead.ready.wait()
    if (
        ahead.key == _key(spec.source_roots, spec.packages, spec.tests)
        and ahead.cache is cache
        and ahead.listing is not None
        and ahead.pending is not None
    ):
        if ahead.seen is not None:
            observed_inputs.seen_elsewhere(ahead.seen)
        return ahead.listing, ahead.pending
    ahead.cancel()
    return None


def drop() -> None:
    """Stop any reading ahead nobody took (the command failed before it needed the files, say)."""
    while _AHEAD:
        _AHEAD.pop().cancel()
