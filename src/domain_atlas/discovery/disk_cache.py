"""Per-file facts kept on disk between runs, so a second `mkdocs build` or `domain-atlas export` reads
only the files that changed.

One SQLite database in the cache folder (`facts.sqlite`), one row per entry. An entry's key is a digest of
everything the facts depend on: the file's content, where it sits (its module name and displayed path end up in
the facts), the Python version, and the source of the code that extracts the facts (so an upgrade, or a
development edit, never serves stale facts). Its value is the facts as `fact_codec` encodes them, in JSON that
records the key too. One database rather than one file per entry: creating a file costs ~0.1 ms on ext4 (0.12 s
on Django's 883 files), while a transaction of all those rows costs a few milliseconds.

Concurrent builds sharing a folder, and the worker processes of one build, each use a connection of their own
(a forked worker never touches its parent's), in WAL mode with a busy timeout and short transactions, so every
reader sees whole entries or none. An entry that does not decode, or records another key, is ignored and
rewritten; a file at the database's path that is not a database (or a damaged one) is replaced by a new one;
a folder that cannot be written costs speed, never the build. Nothing read here is executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import orjson

from domain_atlas.discovery.cache_files import create_cache_folder
from domain_atlas.discovery.fact_codec import Codec, CodecError, encode

T = TypeVar("T")
R = TypeVar("R")

# About 3 KiB per file (Django's 860 entries: 2.7 MB, the largest 43 KiB): 20,000 entries stay well under 1 GiB.
MAX_ENTRIES = 20_000
DATABASE = "facts.sqlite"  # a later change of its table must take another name: two versions may share a folder
_FORMAT = "domain-atlas/facts/1"
# How long a writer waits for another process's transaction (each lasts milliseconds) before running without.
_BUSY_SECONDS = 30.0
_KEYS_PER_QUERY = 500  # well under SQLite's limit on a statement's parameters
_OPEN_PER_THREAD = 4  # databases a thread keeps open (tests and `diff` open several folders in one process)
_INSERT = "INSERT OR REPLACE INTO facts (key, value, stamp) VALUES (?, ?, ?)"
_SCHEMA = "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value BLOB NOT NULL, stamp INTEGER NOT NULL)"


class CacheUnavailable(Exception):
    """The database cannot be opened or written; the message says why."""


class DiskCache(Generic[T]):
    """Entries in one SQLite database, each holding one `T` (a frozen dataclass of plain values)."""

    def __init__(self, folder: Path, codec: Codec[T], salt: str, max_entries: int = MAX_ENTRIES) -> None:
        self.folder = folder
        self.database = folder / DATABASE
        self.codec = codec
        self.max_entries = max_entries
        # What every key of this cache starts from: a worker process that writes entries makes their keys with it.
        self.salt = hashlib.sha256(f"{_FORMAT}\n{codec.shape}\n{salt}".encode()).hexdigest()
        self._used: set[str] = set()
        self._written = 0
        self.errors: list[str] = []

    def key(self, *parts: str) -> str:
        return entry_key(self.salt, *parts)

    def get(self, key: str) -> T | None:
        return self.get_many([key]).get(key)

    def get_many(self, keys: Sequence[str]) -> dict[str, T]:
        """The entries found whole and well-formed, by key; the others are left to be recomputed and rewritten."""
        self._used.update(keys)
        found: dict[str, T] = {}

        def keep(key: str, value: bytes) -> None:  # decoded as read: the raw values are never all in memory
            facts = self._decode(key, value)
            if facts is not None:
                found[key] = facts

        try:
            read_entries(self.database, keys, keep)
        except CacheUnavailable:
            return {}  # an unreadable cache is an empty one; writing says why, once
        return found

    def _decode(self, key: str, value: bytes) -> T | None:
        document = _loads(value)
        if not isinstance(document, dict) or document.get("key") != key:
            return None
        try:
            return self.codec.decode(document.get("facts"))
        except CodecError:
            return None

    def put(self, key: str, value: T) -> None:
        self.written_elsewhere([key], write_entries(self.database, [(key, encode(value))]))

    def written_elsewhere(self, keys: Sequence[str], error: str) -> None:
        """Record entries `write_entries` wrote (in a worker process, say), or the error it met."""
        self._used.update(keys)
        if not error:
            self._written += len(keys)
        elif not self.errors:  # a read-only or full disk costs speed, never the build
            self.errors.append(f"cache folder {self.folder} is not writable ({error}); running without it")

    def prune(self) -> int:
        """Delete the oldest entries this run did not use once there are more than `max_entries`.

        Entries are stamped when written; the ones this run used are stamped anew here, so they go last.
        """
        if not self._written:
            return 0
        try:
            if _in_transaction(self.database, _count, write=False) <= self.max_entries:
                return 0  # counted without taking the write lock
            return _in_transaction(self.database, self._prune, write=True)
        except CacheUnavailable:
            return 0

    def _prune(self, connection: sqlite3.Connection) -> int:
        excess = _count(connection) - self.max_entries
        if excess <= 0:
            return 0
        now = time.time_ns()
        connection.executemany("UPDATE facts SET stamp = ? WHERE key = ?", ((now, key) for key in self._used))
        oldest = "SELECT rowid FROM facts WHERE stamp < ? ORDER BY stamp LIMIT ?"
        deleted = connection.execute(
            f"DELETE FROM facts WHERE rowid IN ({oldest})", (now, excess + self.max_entries // 10)
        )
        return max(deleted.rowcount, 0)


def entry_key(salt: str, *parts: str) -> str:
    """The key of the entry for what `parts` name, in the cache whose `DiskCache.salt` is `salt`."""
    return hashlib.sha256("\0".join((salt, *parts)).encode("utf-8", "surrogatepass")).hexdigest()


def _count(connection: sqlite3.Connection) -> int:
    (count,) = connection.execute("SELECT count(*) FROM facts").fetchone()
    return int(count)


def write_entries(database: Path, entries: Sequence[tuple[str, Any]]) -> str:
    """Write (key, encoded facts) entries in one transaction; returns the error met, or "".

    Plain data in and out, so worker processes call it with the entries of a whole batch.
    """
    if not entries:
        return ""
    stamp = time.time_ns()
    rows = [(key, _dumps({"key": key, "facts": encoded}), stamp) for key, encoded in entries]
    try:
        _in_transaction(database, lambda connection: connection.executemany(_INSERT, rows), write=True)
    except CacheUnavailable as error:
        return str(error)
    return ""


def read_entries(database: Path, keys: Sequence[str], keep: Callable[[str, bytes], None]) -> None:
    """`keep` each (key, stored value) of those `keys` that have one, in one read transaction."""
    if not keys or not database.exists():  # nothing cached yet: a read creates nothing
        return

    def read(connection: sqlite3.Connection) -> None:
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start : start + _KEYS_PER_QUERY]
            query = f"SELECT key, value FROM facts WHERE key IN ({','.join('?' * len(chunk))})"
            for key, value in connection.execute(query, chunk):
                if isinstance(key, str) and isinstance(value, bytes):  # SQLite lets any column hold any type
                    keep(key, value)

    _in_transaction(database, read, write=False)


def _dumps(document: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(document)
    except orjson.JSONEncodeError:  # a lone surrogate (from an undecodable file name), or a huge int
        return json.dumps(document, separators=(",", ":")).encode()


def _loads(value: bytes) -> Any:
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        pass
    try:  # what `_dumps` wrote with the standard library
        return json.loads(value)
    except (ValueError, RecursionError):
        return None  # not JSON: recomputed and rewritten


# --- connections: one per process, thread and database ---------------------------------------------------------

_LOCAL = threading.local()
# Connections a forked process inherited from its parent: never used, and never closed either (closing one
# would act on the parent's open database), so kept referenced here.
_INHERITED: list[object] = []
# The errors that say the file is not (or no longer) a database of ours: it is replaced by a new one.
_DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_ERROR")


def _in_transaction(database: Path, work: Callable[[sqlite3.Connection], R], *, write: bool) -> R:
    """`work` done in one short transaction on this thread's connection; `CacheUnavailable` if it cannot be.

    A damaged database is replaced by a new, empty one and `work` done there instead.
    """
    for attempt in (1, 2):
        try:
            connection = _connection(database)
            # IMMEDIATE takes the write lock first, so a busy database is waited for (not failed) at the start.
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = work(connection)
                connection.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                raise
            return result
        except sqlite3.DatabaseError as error:  # OperationalError (busy, read-only, full disk...) included
            if attempt == 2 or not str(getattr(error, "sqlite_errorname", "")).startswith(_DAMAGED):
                _forget(database)
                raise CacheUnavailable(str(error)) from error
            _replace(database)
        except OSError as error:  # the folder cannot be made
            raise CacheUnavailable(str(error)) from error
    raise AssertionError("unreachable")


def _connection(database: Path) -> sqlite3.Connection:
    """This thread's connection to `database`, opened (with the folder and database made) if needed.

    A database deleted or replaced since it was opened (its folder removed between two `mkdocs serve` rebuilds,
    say) is opened again, so entries land where the next run looks.
    """
    connections = _connections()
    name = str(database)
    opened = connections.get(name)
    if opened is not None:
        connection, identity = opened
        if _identity(database) == identity:
            return connection
        del connections[name]
        connection.close()
    while len(connections) >= _OPEN_PER_THREAD:
        connections.pop(next(iter(connections)))[0].close()
    create_cache_folder(database.parent)
    connection = sqlite3.connect(database, timeout=_BUSY_SECONDS, isolation_level=None)
    try:
        with contextlib.suppress(sqlite3.OperationalError):  # busy: another process is switching it right now
            connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer, nor it for them
        # NORMAL, not FULL: in WAL mode a commit then needs no fsync, and a power cut can lose the last entries
        # written but never damage the database. This is a cache: losing entries costs one more read of a file.
        connection.execute("PRAGMA synchronous=NORMAL")
        # Each entry is read or written once per run: SQLite's default 2 MiB page cache only added to peak memory
        # (measured on Django: 1.9 MiB less with 256 KiB, at the same speed).
        connection.execute("PRAGMA cache_size=-256")
        connection.execute(_SCHEMA)
    except BaseException:
        connection.close()
        raise
    connections[name] = (connection, _identity(database))
    return connection


def _connections() -> dict[str, tuple[sqlite3.Connection, tuple[int, int] | None]]:
    """This thread's open connections; in a freshly forked process, none (its parent's are set aside)."""
    if getattr(_LOCAL, "pid", None) != os.getpid():
        if hasattr(_LOCAL, "connections"):
            _INHERITED.append(_LOCAL.connections)
        _LOCAL.pid = os.getpid()
        _LOCAL.connections = {}
    connections: dict[str, tuple[sqlite3.Connection, tuple[int, int] | None]] = _LOCAL.connections
    return connections


def close_connections() -> None:
    """Close this thread's connections (each is opened again when next needed)."""
    connections = _connections()
    while connections:
        connections.popitem()[1][0].close()


def _identity(database: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(database)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _forget(database: Path) -> None:
    opened = _connections().pop(str(database), None)
    if opened is not None:
        with contextlib.suppress(sqlite3.Error):
            opened[0].close()


def _replace(database: Path) -> None:
    """Remove a damaged database (and its journal files): the next connection makes a new one."""
    _forget(database)
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):  # gone already, or held open (Windows): the retry then says why
            os.unlink(f"{database}{suffix}")


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
