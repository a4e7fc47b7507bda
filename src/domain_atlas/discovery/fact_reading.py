"""The facts of many files: cached ones reused, the rest read on every core when there are many.

Reading is started and finished in two steps (`start_reading`, then `PendingFacts.facts`), so a command can start
it before it has finished loading its own code (see reading_ahead.py) and collect the facts when it needs them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from domain_atlas import __version__
from domain_atlas.discovery import observed_inputs
from domain_atlas.discovery.disk_cache import DiskCache, close_connections, source_fingerprint, write_entries
from domain_atlas.discovery.fact_codec import Codec, encode
from domain_atlas.discovery.file_cache import FileCache, disk_key
from domain_atlas.discovery.file_facts import EXTRACTORS, NAMESPACE_PACKAGE, read_module, unreadable
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.shared_reading import SharedReading, WorkerPool, processes
from domain_atlas.discovery.source_files import MAX_FILE_BYTES, SourceFile, UnreadableFile, read_hashed_file

__all__ = [
    "PARALLEL_FROM",
    "Hashed",
    "PendingFacts",
    "all_facts",
    "disk_cache",
    "hash_files",
    "start_reading",
    "young_collections_only",
]

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

# A file to read: its bytes (None: read by whichever process reads it), their sha256 ("": not hashed yet), its size.
Job = tuple[SourceFile, bytes | None, str, int]
# What listing found at a file: ("file", its sha256 or "" when not hashed, its size), ("unreadable", why, 0), or
# ("folder", "", 0) for a namespace package (no file of its own).
Hashed = tuple[str, str, int]
# Where the facts read are written: the disk cache's database and the salt of its keys (None: nowhere).
Destination = tuple[Path, str] | None


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


def _read_batch(jobs: Sequence[Job], destination: Destination) -> list[tuple[ModuleFacts, str]]:
    """Facts of each job and the error met writing them to the disk cache ("" when written or not asked).

    The batch's entries are written at its end, in one transaction, each keyed by the bytes it was read from.
    """
    results = []
    with young_collections_only():
        for index, (file, raw, digest, _) in enumerate(jobs):
            results.append(_read_now(file) if raw is None else read_module(file, raw, digest))
            if index % _COLLECT_EVERY == _COLLECT_EVERY - 1:
                gc.collect(1)  # what reading leaves in cycles, collected young (22 MiB less peak on Django, measured)
    error = _write(destination, [(job[0], facts) for job, facts in zip(jobs, results, strict=True)])
    return [(facts, error) for facts in results]


def _write(destination: Destination, read: Sequence[tuple[SourceFile, ModuleFacts]]) -> str:
    """Write the facts read to the disk cache, in one transaction; the error met, or ""."""
    if destination is None:
        return ""
    database, salt = destination
    return write_entries(
        database, [(disk_key(salt, file, facts.digest), encode(facts)) for file, facts in read if facts.digest]
    )


def _read_now(file: SourceFile) -> ModuleFacts:
    """The facts of a file another process listed: as it is now, even if it changed since (its digest says so)."""
    try:
        raw, digest = read_hashed_file(file.path)
    except UnreadableFile as error:
        return unreadable(file, str(error))
    return read_module(file, raw, digest)


def _size(job: Job) -> int:
    return job[3]


# Files looked up in the cache at once: one query each, and only their bytes in memory until known unchanged.
_LOAD_AT_ONCE = 100


def hash_files(files: Sequence[SourceFile], contents: bool = True) -> list[Hashed]:
    """What is at each file (see `Hashed`): a worker process lists a service's files this way while the command
    line loads its code (reading_ahead.py). Without `contents`, only their sizes (nothing cached to look up: each
    file is hashed as it is read)."""
    if contents:
        return [_hashed(file)[0] for file in files]
    return [_sized(file) for file in files]


def _sized(file: SourceFile) -> Hashed:
    try:
        status = os.stat(file.path)
    except OSError:
        return ("file", "", 0)  # read as any other: why it cannot be is said then
    return ("folder", "", 0) if stat.S_ISDIR(status.st_mode) else ("file", "", status.st_size)


def _hashed(file: SourceFile) -> tuple[Hashed, bytes | None]:
    if file.path.is_dir():
        return ("folder", "", 0), None
    try:
        raw, digest = read_hashed_file(file.path)
    except UnreadableFile as error:
        return ("unreadable", str(error), 0), None
    return ("file", digest, len(raw)), raw


def _load_cached(
    files: Sequence[SourceFile], hashed: Sequence[Hashed] | None, cache: FileCache, found: dict[str, ModuleFacts]
) -> list[tuple[SourceFile, bytes | None, str, int]]:
    """The files' facts found in the cache added to `found`; the others, with their bytes (when read here), digest
    and size. `hashed`: what another process found at the files (None: they are read and hashed here)."""
    read: list[tuple[SourceFile, bytes | None, str, int]] = []
    for index, file in enumerate(files):
        (kind, digest, size), raw = (hashed[index], None) if hashed is not None else _hashed(file)
        if kind == "folder":
            found[file.module] = NAMESPACE_PACKAGE
        elif kind == "unreadable":
            found[file.module] = unreadable(file, digest)
        else:
            read.append((file, raw, digest, size))
    unhashed = [job for job in read if not job[2]]  # listed without their contents: nothing cached to look up
    read = [job for job in read if job[2]]
    with young_collections_only():  # loading from disk makes tens of thousands of objects, and no garbage
        loaded = cache.load_many([(file, digest) for file, _, digest, _ in read])
    missing = unhashed
    for job, cached in zip(read, loaded, strict=True):
        if cached is None:
            missing.append(job)
        else:
            found[job[0].module] = cached
    return missing


class PendingFacts:
    """Facts being read: those found in a cache, and the rest, read by worker processes already at work."""

    def __init__(
        self,
        files: Sequence[SourceFile],
        cache: FileCache,
        hashed: Sequence[Hashed] | None = None,
        workers: WorkerPool | None = None,
    ) -> None:
        """`hashed`: what a worker process found at `files` (see `hash_files`), when one listed them; `workers`: the
        pool it belongs to, for the reading to use (or to close when there is too little to read)."""
        self.files = tuple(files)
        self.cache = cache
        self._found: dict[str, ModuleFacts] = {}
        missing: list[tuple[SourceFile, bytes | None, str, int]] = []
        for start in range(0, len(files), _LOAD_AT_ONCE):
            chunk = hashed[start : start + _LOAD_AT_ONCE] if hashed is not None else None
            missing.extend(_load_cached(files[start : start + _LOAD_AT_ONCE], chunk, cache, self._found))
        self._jobs: list[Job] = missing
        disk = cache.disk
        self._destination: Destination = (disk.database, disk.salt) if disk is not None else None
        self._shared: SharedReading[Job, tuple[ModuleFacts, str]] | None = None
        self._idle = workers  # closed by `facts` or `cancel` (this may run on one of the pool's own threads)
        if len(self._jobs) >= PARALLEL_FROM and processes() > 1:
            # Worker processes start on the first batches now; this process joins them in `facts`.
            read = functools.partial(_read_batch, destination=self._destination)
            close_connections()  # a forked worker must not inherit an open database (SQLite's rule), even unused
            self._shared = SharedReading(self._jobs, read, _size, workers)
            self._idle = None

    def facts(self, progress: Progress | None = None) -> dict[str, ModuleFacts]:
        """Every file's facts (by module name), once all are read; each process wrote the disk cache entries of
        the files it read, so only the facts came back."""
        found, files, cache = self._found, self.files, self.cache
        if self._idle is not None:
            self._idle.close()  # too little to read for a worker to pay
        if self._shared is not None:
            already = len(found)

            def done(count: int) -> None:
                if progress is not None:
                    progress("files read", already + count, len(files))

            written_here: dict[int, str] = {}

            def write_here(indexes: list[int], read: list[tuple[ModuleFacts, str]]) -> None:
                # This process writes what it read once no batch is left, while it would only wait for the workers'
                # last ones (about 25 ms on Django, measured), rather than after each of its batches.
                files = [self._jobs[index][0] for index in indexes]
                error = _write(self._destination, [(file, facts) for file, (facts, _) in zip(files, read, strict=True)])
                written_here.update(dict.fromkeys(indexes, error))

            with young_collections_only():  # facts coming back from workers: tens of thousands of objects
                read_here = functools.partial(_read_batch, destination=None)
                results = self._shared.finish(done, read_here, write_here)
            results = [(facts, written_here.get(index, error)) for index, (facts, error) in enumerate(results)]
        else:
            results = _read_batch(self._jobs, self._destination)
        if progress is not None:
            progress("files read", len(files), len(files))
        for (file, raw, _, _), (facts, problem) in zip(self._jobs, results, strict=True):
            found[file.module] = facts
            if not facts.digest:
                continue  # unreadable: cached nowhere
            if raw is None:  # read by whichever process read it: recorded here with the run's other inputs
                observed_inputs.file_hashed(file.path, facts.digest)
            cache.store(file, facts.digest, facts, on_disk=True)
            if cache.disk is not None:
                cache.disk.written_elsewhere([disk_key(cache.disk.salt, file, facts.digest)], problem)
        if cache.disk is not None:
            cache.disk.prune()
        return found

    def cancel(self) -> None:
        """Stop the workers: these facts will not be asked for."""
        if self._shared is not None:
            self._shared.cancel()
        if self._idle is not None:
            self._idle.close()


def start_reading(files: Sequence[SourceFile], cache: FileCache | None = None) -> PendingFacts:
    """Look every file up in the cache and start reading the rest (see `PendingFacts.facts`)."""
    return PendingFacts(files, cache if cache is not None else FileCache())


def all_facts(
    files: Sequence[SourceFile], cache: FileCache | None = None, progress: Progress | None = None
) -> dict[str, ModuleFacts]:
    """Facts of every file, by module name."""
    return start_reading(files, cache).facts(progress)
