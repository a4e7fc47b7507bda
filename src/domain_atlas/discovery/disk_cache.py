"""Per-file facts kept on disk between runs, so a second `mkdocs build` or `domain-atlas export` reads
only the files that changed.

One JSON file per entry, named by a digest of everything the facts depend on: the file's content,
where it sits (its module name and displayed path end up in the facts), the Python version,
and the source of the code that extracts the facts (so an upgrade, or a development
edit, never serves stale facts). Entries are written to a temporary file and renamed into place,
so concurrent builds sharing a folder see whole entries or none. An entry that cannot be read,
does not decode, or records another key is ignored and rewritten. Nothing read here is executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

from domain_atlas.discovery.cache_files import create_cache_folder, write_atomically
from domain_atlas.discovery.fact_codec import Codec, CodecError, encode

T = TypeVar("T")

# About 1 KiB to 100 KiB per file: 20,000 entries keep a few large services warm in well under 1 GiB.
MAX_ENTRIES = 20_000
_FORMAT = "domain-atlas/facts/1"


class DiskCache(Generic[T]):
    """A folder of JSON entries, each holding one `T` (a frozen dataclass of plain values)."""

    def __init__(self, folder: Path, codec: Codec[T], salt: str, max_entries: int = MAX_ENTRIES) -> None:
        self.folder = folder
        self.codec = codec
        self.max_entries = max_entries
        self._salt = hashlib.sha256(f"{_FORMAT}\n{codec.shape}\n{salt}".encode()).hexdigest()
        self._used: set[str] = set()
        self._written = 0
        self.errors: list[str] = []

    def key(self, *parts: str) -> str:
        return hashlib.sha256("\0".join((self._salt, *parts)).encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> T | None:
        self._used.add(key)
        try:
            document = json.loads(self._path(key).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None  # absent, unreadable or not JSON: recomputed and rewritten
        if not isinstance(document, dict) or document.get("key") != key:
            return None
        try:
            return self.codec.decode(document.get("facts"))
        except CodecError:
            return None

    def put(self, key: str, value: T) -> None:
        self.put_encoded(key, encode(value))

    def put_encoded(self, key: str, encoded: Any) -> None:
        self.written_elsewhere(key, write_entry(self.folder, key, encoded))

    def written_elsewhere(self, key: str, error: str) -> None:
        """Record an entry `write_entry` wrote (in a worker process, say), or the error it met."""
        self._used.add(key)
        if not error:
            self._written += 1
        elif not self.errors:  # a read-only or full disk costs speed, never the build
            self.errors.append(f"cache folder {self.folder} is not writable ({error}); running without it")

    def prune(self) -> int:
        """Delete the oldest entries this run did not use once there are more than `max_entries`."""
        if not self._written:
            return 0
        entries = list(_entries(self.folder))  # counted from the folder listings alone: no stat per entry
        excess = len(entries) - self.max_entries
        if excess <= 0:
            return 0
        unused = [(_modified(path), path) for key, path in entries if key not in self._used]
        unused.sort(key=lambda entry: entry[0])
        removed = 0
        for _, path in unused[: excess + self.max_entries // 10]:
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed += 1
        return removed


def write_entry(folder: Path, key: str, encoded: Any) -> str:
    """Write one entry atomically; returns the error met, or "" (plain data, so worker processes can call it)."""
    text = json.dumps({"key": key, "facts": encoded}, ensure_ascii=False, separators=(",", ":"))
    try:
        _write_atomically(folder / key[:2] / f"{key}.json", text.encode("utf-8", "surrogatepass"))
    except OSError as error:
        return str(error)
    return ""


def _entries(folder: Path) -> Iterable[tuple[str, str]]:
    """(key, path) of each entry."""
    with contextlib.suppress(OSError):
        for shard in os.scandir(folder):
            if not shard.is_dir(follow_symlinks=False) or len(shard.name) != 2:
                continue
            with contextlib.suppress(OSError):
                for entry in os.scandir(shard.path):
                    if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                        yield entry.name.removesuffix(".json"), entry.path


def _modified(path: str) -> float:
    try:
        return os.stat(path, follow_symlinks=False).st_mtime
    except OSError:  # gone since: another build pruned it
        return 0.0


_SHARDS: set[str] = set()  # shard folders this process has seen exist: one stat less per entry


def _write_atomically(path: Path, data: bytes) -> None:
    shard = str(path.parent)
    if shard not in _SHARDS:
        _create_shard(path.parent)
        _SHARDS.add(shard)
    write_atomically(path, data, lambda: _create_shard(path.parent))


def _create_shard(shard: Path) -> None:
    if not shard.is_dir():
        create_cache_folder(shard.parent)
        shard.mkdir(exist_ok=True)


def source_fingerprint(modules: Iterable[Any], extra: Iterable[str] = ()) -> str:
    """A digest of the given modules' source files: facts made by other code are other facts."""
    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode() + b"\0")
    for module in modules:
        location = getattr(module, "__file__", None)
        try:
            digest.update(Path(location).read_bytes() if location else module.__name__.encode())
        except OSError:
            digest.update(module.__name__.encode())
    return digest.hexdigest()
