"""The facts of every file read so far, in memory (kept across `mkdocs serve` rebuilds) over the disk cache."""

from __future__ import annotations

from collections.abc import Sequence

from domain_atlas.discovery.disk_cache import DiskCache, entry_key
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.source_files import SourceFile


class FileCache:
    """Facts per (path, content digest): a `mkdocs serve` rebuild re-reads only the files that changed.

    With a `disk` cache below it, facts also outlive the process (see disk_cache.py).
    """

    def __init__(self, disk: DiskCache[ModuleFacts] | None = None) -> None:
        self._entries: dict[tuple[str, str], ModuleFacts] = {}
        self._digest_of: dict[str, str] = {}
        self.disk = disk
        self.hits = 0
        self.disk_hits = 0
        self.misses = 0

    def get(self, key: tuple[str, str]) -> ModuleFacts | None:
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
        return found

    def load(self, file: SourceFile, digest: str) -> ModuleFacts | None:
        """Facts of `file` at `digest` from memory, else from disk (then kept in memory too)."""
        return self.load_many([(file, digest)])[0]

    def load_many(self, wanted: Sequence[tuple[SourceFile, str]]) -> list[ModuleFacts | None]:
        """`load` of each (file, digest), those not in memory read from disk all at once."""
        found = [self.get(_memory_key(file, digest)) for file, digest in wanted]
        disk = self.disk
        if disk is not None:
            absent = [index for index, facts in enumerate(found) if facts is None]
            keys = {index: _disk_key(disk, *wanted[index]) for index in absent}
            stored = disk.get_many(list(keys.values()))
            for index, key in keys.items():
                facts = stored.get(key)
                if facts is not None:
                    self.disk_hits += 1
                    self._remember(_memory_key(*wanted[index]), facts)
                    found[index] = facts
        return found

    def disk_key(self, file: SourceFile, digest: str) -> str | None:
        return None if self.disk is None else _disk_key(self.disk, file, digest)

    def store(self, file: SourceFile, digest: str, facts: ModuleFacts, *, on_disk: bool = False) -> None:
        """Keep `facts` in memory and on disk (unless a worker process already wrote them there)."""
        self.put(_memory_key(file, digest), facts)
        if self.disk is not None and not on_disk:
            self.disk.put(_disk_key(self.disk, file, digest), facts)

    def put(self, key: tuple[str, str], facts: ModuleFacts) -> None:
        self.misses += 1
        self._remember(key, facts)

    def _remember(self, key: tuple[str, str], facts: ModuleFacts) -> None:
        path, digest = key
        previous = self._digest_of.get(path)
        if previous is not None and previous != digest:
            self._entries.pop((path, previous), None)  # the file changed: its old facts are garbage
        self._digest_of[path] = digest
        self._entries[key] = facts


def _memory_key(file: SourceFile, digest: str) -> tuple[str, str]:
    # Keyed by what the facts depend on (module, shown path, content), not by the folder the file sits in,
    # so a revision copied elsewhere (`domain-atlas diff`) reuses the facts of its unchanged files.
    return f"{file.module} {file.display_path}", digest


def _disk_key(disk: DiskCache[ModuleFacts], file: SourceFile, digest: str) -> str:
    return disk_key(disk.salt, file, digest)


def disk_key(salt: str, file: SourceFile, digest: str) -> str:
    """The disk cache key of `file`'s facts at `digest`, in the cache whose salt is `salt` (a worker process has the
    salt, not the cache)."""
    # The module name and displayed path end up in the facts (diagnostics, symbols); the content is the digest.
    return entry_key(salt, file.module, file.display_path, file.path.name, digest)
