"""Reading a service's files ahead, while the command still loads the rest of its code.

`domain-atlas export SRC --package P` names the files it will read before it has imported what validates its
settings (MkDocs's config classes), builds the model and renders it: about 0.15 s of a cold start on one core,
while the other cores wait. The command line starts the reading here first; `take` hands the listing and the facts
being read to `load_service` when the validated settings ask for the very same files with the very same cache,
and anything else is dropped, so what a run outputs never depends on whether it read ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from domain_atlas.discovery.fact_reading import PendingFacts, disk_cache, start_reading
from domain_atlas.discovery.file_cache import FileCache
from domain_atlas.discovery.service_files import ServiceFiles, discover_files
from domain_atlas.discovery.source_files import MissingPackageError
from domain_atlas.model import ServiceSpec

__all__ = ["cache_for", "drop", "read_ahead", "take"]

_Key = tuple[tuple[Path, ...], tuple[str, ...], tuple[Path, ...]]  # what discover_files depends on


class _Ahead:
    def __init__(self, key: _Key, cache_folder: Path | None, listing: ServiceFiles, pending: PendingFacts) -> None:
        self.key, self.cache_folder, self.listing, self.pending = key, cache_folder, listing, pending


_AHEAD: list[_Ahead] = []  # at most one: the reading this process started ahead


def _key(source_roots: Sequence[Path], packages: Sequence[str], tests: Sequence[Path]) -> _Key:
    return tuple(source_roots), tuple(packages), tuple(tests)


def read_ahead(
    source_roots: Sequence[Path], packages: Sequence[str], tests: Sequence[Path], cache_folder: Path | None
) -> None:
    """List the service's files and start reading them (the disk cache in `cache_folder` first, if any)."""
    drop()
    spec = ServiceSpec("(read ahead)", tuple(source_roots), tuple(packages), tests=tuple(tests))
    try:
        listing = discover_files(spec)
    except MissingPackageError:
        return  # the command says so, with the service's own name, once its settings are loaded
    cache = FileCache(disk_cache(cache_folder) if cache_folder is not None else None)
    key = _key(spec.source_roots, spec.packages, spec.tests)
    _AHEAD.append(_Ahead(key, cache_folder, listing, start_reading(listing[1], cache)))


def cache_for(cache_folder: Path | None) -> FileCache | None:
    """The cache the reading ahead fills, when it was made for `cache_folder` (None: no disk cache)."""
    for ahead in _AHEAD:
        if ahead.cache_folder == cache_folder:
            return ahead.pending.cache
    return None


def take(spec: ServiceSpec, cache: FileCache) -> tuple[ServiceFiles, PendingFacts] | None:
    """The listing and the pending facts of `spec`'s files, when they were read ahead into `cache`."""
    if not _AHEAD:
        return None
    ahead = _AHEAD.pop()
    if ahead.key == _key(spec.source_roots, spec.packages, spec.tests) and ahead.pending.cache is cache:
        return ahead.listing, ahead.pending
    ahead.pending.cancel()
    return None


def drop() -> None:
    """Stop any reading ahead nobody took (the command failed before it needed the files, say)."""
    while _AHEAD:
        _AHEAD.pop().pending.cancel()
