"""The facts of many files: cached ones reused, the rest read on every core when there are many.

Reading is started and finished in two steps (`start_reading`, then `PendingFacts.facts`), so a command can start
it before it has finished loading its own code (see reading_ahead.py) and collect the facts when it needs them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from domain_atlas import __version__
from domain_atlas.discovery.disk_cache import DiskCache, close_connections, source_fingerprint, write_entries
from domain_atlas.discovery.fact_codec import Codec, encode
from domain_atlas.discovery.file_cache import FileCache
from domain_atlas.discovery.file_facts import EXTRACTORS, NAMESPACE_PACKAGE, read_module, unreadable
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.shared_reading import SharedReading, processes
from domain_atlas.discovery.source_files import MAX_FILE_BYTES, SourceFile, UnreadableFile, read_hashed_file

__all__ = ["PARALLEL_FROM", "PendingFacts", "all_facts", "disk_cache", "start_reading", "young_collections_only"]

Progress = Callable[[str, int, int], None]


def disk_cache(folder: Path) -> DiskCache[ModuleFacts]:
    """The on-disk layer for facts read by this very code and this Python."""
    salt = source_fingerprint(EXTRACTORS, (__version__, sys.version, str(MAX_FILE_BYTES)))
    return DiskCache(folder, Codec(ModuleFacts), salt)


# Below this many changed files, worker processes cost more than they save. Measured on Django, 2 cores: a forked
# worker starts in ~10 ms, but two processes reading at once spend ~30% more CPU in all than one (the cores are
# shared), so the pool pays only when there is a lot to read and a core to spare.
PARALLEL_FROM = 200
# Collect young garbage this often while reading: the full collections Python would otherwise run keep
# re-scanning every fact already read, which made reading Django 3x slower (measured).
_COLLECT_EVERY = 100

Job = tuple[SourceFile, bytes, str, str | None]  # file, its bytes and their sha256, its disk cache key (or None)


@contextlib.contextmanager
def young_collections_only() -> Iterator[None]:
    """No automatic (full) garbage collections: they re-scan every fact already read or loaded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_batch(jobs: Sequence[Job], database: Path | None) -> list[tuple[ModuleFacts, str]]:
    """Facts of each job and the error met writing them to the disk cache ("" when written or not asked).

    The batch's entries are written at its end, in one transaction.
    """
    results = []
    entries = []
    with young_collections_only():
        for index, (file, raw, digest, key) in enumerate(jobs):
            facts = read_module(file, raw, digest)
            if database is not None and key:
                entries.append((key, encode(facts)))
            results.append(facts)
            if index % _COLLECT_EVERY == _COLLECT_EVERY - 1:
                gc.collect(1)  # what reading leaves in cycles, collected young (22 MiB less peak on Django, measured)
    error = write_entries(database, entries) if database is not None else ""
    return [(facts, error) for facts in results]


def _size(job: Job) -> int:
    return len(job[1])


# Files looked up in the cache at once: one query each, and only their bytes in memory until known unchanged.
_LOAD_AT_ONCE = 100


def _load_cached(
    files: Sequence[SourceFile], cache: FileCache, found: dict[str, ModuleFacts]
) -> list[tuple[SourceFile, bytes, str]]:
    """The files' facts found in the cache added to `found`; the others, with their bytes and digest."""
    read: list[tuple[SourceFile, bytes, str]] = []
    for file in files:
        if file.path.is_dir():  # a namespace package: no file of its own
            found[file.module] = NAMESPACE_PACKAGE
            continue
        try:
            raw, digest = read_hashed_file(file.path)
        except UnreadableFile as error:
            found[file.module] = unreadable(file, str(error))
            continue
        read.append((file, raw, digest))
    with young_collections_only():  # loading from disk makes tens of thousands of objects, and no garbage
        loaded = cache.load_many([(file, digest) for file, _, digest in read])
    missing = []
    for (file, raw, digest), cached in zip(read, loaded, strict=True):
        if cached is None:
            missing.append((file, raw, digest))
        else:
            found[file.module] = cached
    return missing


class PendingFacts:
    """Facts being read: those found in a cache, and the rest, read by worker processes already at work."""

    def __init__(self, files: Sequence[SourceFile], cache: FileCache) -> None:
        self.files = tuple(files)
        self.cache = cache
        self._found: dict[str, ModuleFacts] = {}
        missing: list[tuple[SourceFile, bytes, str]] = []
        for start in range(0, len(files), _LOAD_AT_ONCE):
            missing.extend(_load_cached(files[start : start + _LOAD_AT_ONCE], cache, self._found))
        self._jobs: list[Job] = [(file, raw, digest, cache.disk_key(file, digest)) for file, raw, digest in missing]
        self._database = cache.disk.database if cache.disk is not None else None
        self._shared: SharedReading[Job, tuple[ModuleFacts, str]] | None = None
        if len(self._jobs) >= PARALLEL_FROM and processes() > 1:
            # Worker processes start on the first batches now; this process joins them in `facts`.
            read = functools.partial(_read_batch, database=self._database)
            close_connections()  # a forked worker must not inherit an open database (SQLite's rule), even unused
            self._shared = SharedReading(self._jobs, read, _size)

    def facts(self, progress: Progress | None = None) -> dict[str, ModuleFacts]:
        """Every file's facts (by module name), once all are read; each process wrote the disk cache entries of
        the files it read, so only the facts came back."""
        found, files, cache = self._found, self.files, self.cache
        if self._shared is not None:
            already = len(found)

            def done(count: int) -> None:
                if progress is not None:
                    progress("files read", already + count, len(files))

            with young_collections_only():  # facts coming back from workers: tens of thousands of objects
                results = self._shared.finish(done)
        else:
            results = _read_batch(self._jobs, self._database)
        if progress is not None:
            progress("files read", len(files), len(files))
        for (file, _, digest, key), (facts, problem) in zip(self._jobs, results, strict=True):
            cache.store(file, digest, facts, on_disk=True)
            found[file.module] = facts
            if cache.disk is not None and key:
                cache.disk.written_elsewhere([key], problem)
        if cache.disk is not None:
            cache.disk.prune()
        return found

    def cancel(self) -> None:
        """Stop the workers: these facts will not be asked for."""
        if self._shared is not None:
            self._shared.cancel()


def start_reading(files: Sequence[SourceFile], cache: FileCache | None = None) -> PendingFacts:
    """Look every file up in the cache and start reading the rest (see `PendingFacts.facts`)."""
    return PendingFacts(files, cache if cache is not None else FileCache())


def all_facts(
    files: Sequence[SourceFile], cache: FileCache | None = None, progress: Progress | None = None
) -> dict[str, ModuleFacts]:
    """Facts of every file, by module name."""
    return start_reading(files, cache).facts(progress)
