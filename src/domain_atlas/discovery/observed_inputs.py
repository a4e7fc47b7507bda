"""What a run read from the file system, so that a later run can tell whether its result still holds.

Discovery's readers report here: each file read (a digest of the bytes read), each folder listed (a digest of its
entry names, with its modification time), each path probed for existence (what kind of thing was there). Nothing
is kept unless a recording is active: the CLI's whole-run cache starts one around a command and checks it again,
cheaply, before replaying that command's result. Standard library only: the check runs before anything heavy is
imported.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator

StrPath = str | os.PathLike[str]

# A folder changed this close to the recording may have changed again within one tick of its clock after it was
# listed (the "racy" case git knows): its time alone is then not trusted, its entries are listed again.
RACY_NANOSECONDS = 2_000_000_000


class Observed:
    """Absolute path -> what was seen there. (A plain class: `dataclasses` alone costs a replay 10 ms to import.)"""

    def __init__(
        self,
        files: dict[str, str] | None = None,
        folders: dict[str, tuple[int, str]] | None = None,
        probes: dict[str, str] | None = None,
    ) -> None:
        self.files = files if files is not None else {}  # sha256 of the bytes read
        self.folders = folders if folders is not None else {}  # (mtime_ns, digest of the entry names)
        self.probes = probes if probes is not None else {}  # "file", "folder", "other" or "missing"


# The recordings active here, innermost last: an input is reported to each (a recording may hold another).
_ACTIVE: contextvars.ContextVar[tuple[Observed, ...]] = contextvars.ContextVar("observed_inputs", default=())


@contextlib.contextmanager
def observing() -> Iterator[Observed]:
    """Record every input reported while the block runs."""
    observed = Observed()
    token = _ACTIVE.set((*_ACTIVE.get(), observed))
    try:
        yield observed
    finally:
        _ACTIVE.reset(token)


def seen_elsewhere(seen: Observed) -> None:
    """What another process recorded reading for this one (a worker that listed the files, say)."""
    for observed in _ACTIVE.get():
        observed.files.update(seen.files)
        observed.folders.update(seen.folders)
        observed.probes.update(seen.probes)


def file_read(path: StrPath, data: bytes, digest: str | None = None) -> None:
    """`data` was read from `path`; `digest` is its sha256 when the reader already has it (no second hashing)."""
    if _ACTIVE.get():
        file_hashed(path, digest or hashlib.sha256(data).hexdigest())


def file_hashed(path: StrPath, digest: str) -> None:
    """A file whose bytes had sha256 `digest` was read from `path` (by another process, say)."""
    active = _ACTIVE.get()
    if active:
        absolute = os.path.abspath(path)
        for observed in active:
            observed.files[absolute] = digest


def folder_listed(path: StrPath, names: Iterable[str]) -> None:
    active = _ACTIVE.get()
    if active:
        absolute = os.path.abspath(path)
        try:
            modified = os.stat(absolute).st_mtime_ns
        except OSError:
            modified = -1
        seen = (modified, names_digest(names))
        for observed in active:
            observed.folders[absolute] = seen


def kind_of(path: StrPath) -> str:
    """What is at `path` (links followed), recorded when a recording is active."""
    kind = _kind_now(path)
    for observed in _ACTIVE.get():
        observed.probes[os.path.abspath(path)] = kind
    return kind


def is_file(path: StrPath) -> bool:
    return kind_of(path) == "file"


def is_dir(path: StrPath) -> bool:
    return kind_of(path) == "folder"


def exists(path: StrPath) -> bool:
    return kind_of(path) != "missing"


def names_digest(names: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(sorted(names)).encode("utf-8", "surrogateescape")).hexdigest()


def still_holds(observed: Observed, recorded_at_ns: int) -> bool:
    """Whether every file still has the bytes read, every folder the entries listed, every path the same kind."""
    for path, kind in observed.probes.items():
        if _kind_now(path) != kind:
            return False
    trusted_before = recorded_at_ns - RACY_NANOSECONDS
    for path, (modified, digest) in observed.folders.items():
        try:
            if os.stat(path).st_mtime_ns == modified and modified < trusted_before:
                continue  # an entry added or removed since would have moved the folder's time
            if names_digest(os.listdir(path)) != digest:
                return False
        except OSError:
            return False
    for path, digest in observed.files.items():
        data = _regular_file_bytes(path)
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            return False
    return True


def _regular_file_bytes(path: str) -> bytes | None:
    """The bytes of a regular file; None for anything else (never blocks on a FIFO put in a file's place)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _kind_now(path: StrPath) -> str:
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "missing"
    return "file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else "other"
