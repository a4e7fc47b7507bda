"""Finding a package's Python files and reading them as text, the way Python itself would."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import os
import posixpath
import stat
import tokenize
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from domain_atlas.discovery import observed_inputs
from domain_atlas.model import Diagnostic, Level

# Generated or vendored giants would dominate build time and say nothing about the architecture.
MAX_FILE_BYTES = 2_000_000
SKIPPED_DIRECTORIES = frozenset({"__pycache__", ".git", ".venv", "venv", "node_modules", ".tox", ".mypy_cache"})


# The records here are named tuples, not dataclasses: one is made per file (and sent between processes), and a
# dataclass costs each process 0.25 ms to define at import, a named tuple 0.04 ms (measured).


class SourceFile(NamedTuple):
    """A module's file (or a namespace package's folder), its module name and the path users see."""

    module: str
    path: Path
    display_path: str
    is_package: bool


class SourceText(NamedTuple):
    """A file's text as Python would decode it, the digest of its bytes, and what went wrong decoding."""

    text: str
    digest: str
    diagnostics: tuple[Diagnostic, ...] = ()


class MissingPackageError(Exception):
    """A configured source root or package does not exist."""


def display_path(path: Path, base: Path, *, resolve: bool = True) -> str:
    """The path users see in messages: relative to the working directory when possible, with `/`.

    With `resolve=False` a symbolic link is shown where it is, not where it points.
    """
    shown = path.resolve() if resolve else Path(os.path.abspath(path))
    for folder in _bases(base):
        try:
            return shown.relative_to(folder).as_posix()
        except ValueError:
            continue
    return shown.as_posix()


@functools.lru_cache(maxsize=64)
def _bases(base: Path) -> tuple[Path, Path]:
    """`base` resolved and as written: resolving it once per file cost more than listing the files."""
    return base.resolve(), Path(os.path.abspath(base))


def find_packages(source_root: Path) -> list[str]:
    """Top-level packages under a source root (directories holding Python files)."""
    if not observed_inputs.is_dir(source_root):
        raise MissingPackageError(f"source root {source_root} does not exist or is not a directory")
    names = []
    try:
        children = sorted(_listed(source_root))
    except OSError as error:
        raise MissingPackageError(f"source root {source_root} cannot be listed: {error.strerror or error}") from error
    for name in children:
        child = source_root / name
        if not (name.isidentifier() and name not in SKIPPED_DIRECTORIES and observed_inputs.is_dir(child)):
            continue
        with contextlib.suppress(OSError):
            if any(entry.endswith(".py") for entry in _listed(child)):
                names.append(name)
    return names


def _listed(folder: Path) -> list[str]:
    """A folder's entries, reported to the run's input record."""
    names = os.listdir(folder)
    observed_inputs.folder_listed(folder, names)
    return names


class Listing(NamedTuple):
    """The files of a package and what could not be listed or would not be read (broken links, FIFOs...)."""

    files: list[SourceFile]
    diagnostics: list[Diagnostic]


def package_files(source_root: Path, package: str, base: Path) -> Listing:
    """Every module of `package` below `source_root`, sorted by module name.

    Symbolic links are followed once: a file or folder reached a second time (a loop, or two links to one
    target) is reported, not read again; broken links, special files (FIFOs, devices) and folders that
    cannot be listed are reported too, so nothing goes missing without a message.
    """
    if not observed_inputs.is_dir(source_root):
        raise MissingPackageError(f"source root {source_root} does not exist or is not a directory")
    top = source_root / Path(*package.split("."))
    listing = Listing([], [])
    if not observed_inputs.is_dir(top):
        single = top.with_suffix(".py")
        if observed_inputs.is_file(single):
            listing.files.append(SourceFile(package, single, display_path(single, base), False))
            return listing
        found = ", ".join(find_packages(source_root)) or "none"
        raise MissingPackageError(
            f"package {package!r} not found under source root {source_root} (packages there: {found})"
        )
    _walk(source_root, top, base, listing)
    # Namespace directories (no __init__.py) still appear as packages so their modules have a parent;
    # only from `package` down: the parents of a subpackage (`billing` of `billing.invoicing`) are not analysed.
    known = {file.module for file in listing.files}
    for file in list(listing.files):
        parts = file.module.split(".")
        for depth in range(len(package.split(".")), len(parts)):
            name = ".".join(parts[:depth])
            if name not in known:
                known.add(name)
                directory = source_root / Path(*parts[:depth])
                listing.files.append(SourceFile(name, directory, display_path(directory, base), True))
    listing.files.sort(key=lambda file: file.module)
    return listing


def _walk(source_root: Path, top: Path, base: Path, listing: Listing) -> None:
    def warn(path: Path, message: str) -> None:
        listing.diagnostics.append(Diagnostic(display_path(path, base, resolve=False), 0, Level.WARNING, message))

    def unlistable(error: OSError) -> None:
        folder = Path(error.filename or top)
        warn(folder, f"folder cannot be listed ({error.strerror or error}): the modules in it are missing")

    seen_folders: dict[str, str] = {}
    seen_files: dict[str, str] = {}  # real path -> where the walk found it
    top_real = top.resolve()
    above = frozenset(str(folder) for folder in top_real.parents)
    # Depth first, sub-folders in name order, as os.walk goes; each folder's real path comes from its parent's
    # (a `resolve()` per folder cost more than listing them), except behind a symbolic link. Paths are strings
    # here, joined with the separator as os.path.join would (a listed name holds none, and no folder walked ends with
    # one), at a tenth of its cost (3 ms on Django's 2454 folders); the walk makes a Path only for the files it keeps
    # and the warnings it writes.
    sep = os.sep
    pending = [_Pending(str(top), top.relative_to(source_root).parts, str(top_real))]
    while pending:
        here, parts, known_real = pending.pop()
        try:
            folders, names, regular = _entries(here)
        except OSError as error:
            unlistable(error)
            continue
        real = known_real if known_real is not None else str(Path(here).resolve())
        if real in above:  # a link to `/` or to a folder above the package: a loop in all but name
            warn(Path(here), f"links to folder {display_path(Path(real), base)}, which holds the package: not followed")
            continue
        if real in seen_folders:
            warn(
                Path(here),
                f"links to folder {display_path(Path(real), base)}, already read as "
                f"{_relative(Path(seen_folders[real]), base)}: not read twice",
            )
            continue
        seen_folders[real] = here
        observed_inputs.folder_listed(here, [*folders, *names])
        children = sorted(name for name in folders if name not in SKIPPED_DIRECTORIES and name.isidentifier())
        pending.extend(
            _Pending(f"{here}{sep}{name}", (*parts, name), None if folders[name] else f"{real}{sep}{name}")
            for name in reversed(children)
        )
        shown = ""
        for name in sorted(names):
            if not name.endswith(".py") or not name[:-3].isidentifier():
                continue
            path = f"{here}{sep}{name}"
            if name in regular:
                target = f"{real}{sep}{name}"
            else:
                linked = _regular_file(Path(path), warn)
                if linked is None:
                    continue
                target = str(linked)
            if target in seen_files:
                warn(
                    Path(path),
                    f"links to {display_path(Path(target), base)}, already read as "
                    f"{_relative(Path(seen_files[target]), base)}: not read twice",
                )
                continue
            seen_files[target] = path
            module = [*parts, name[:-3]]
            is_package = module[-1] == "__init__"
            if is_package:
                module.pop()
            shown = shown or display_path(Path(here), base, resolve=False)
            listing.files.append(SourceFile(".".join(module), Path(target), _inside(shown, name), is_package))


class _Pending(NamedTuple):
    """A folder still to list: where the walk reached it, its module path, and its real path when known (None
    behind a symbolic link: resolved when listed)."""

    path: str
    parts: tuple[str, ...]
    known_real: str | None


def _entries(folder: str) -> tuple[dict[str, bool], list[str], set[str]]:
    """A folder's sub-folders (links followed) with whether each is a link; its other names, as os.walk splits
    them; and which of those are regular files (not links), known from the listing without a system call each."""
    folders: dict[str, bool] = {}
    names: list[str] = []
    regular: set[str] = set()
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                try:
                    folders[entry.name] = entry.is_symlink()
                except OSError:
                    folders[entry.name] = True  # resolved the slow, exact way
                continue
            names.append(entry.name)
            if entry.name.endswith(".py") and entry.is_file(follow_symlinks=False):
                regular.add(entry.name)
    return folders, names, regular


def _inside(folder: str, name: str) -> str:
    """The shown path of file `name` in the folder shown as `folder`."""
    return name if folder == "." else posixpath.join(folder, name)


def _relative(path: Path, base: Path) -> str:
    return display_path(path, base, resolve=False)


def _regular_file(path: Path, warn: Callable[[Path, str], None]) -> Path | None:
    """The real file behind a link or special file `path`, or None (with a warning) for broken links, loops
    and special files."""
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except RuntimeError:
        warn(path, "symbolic link loop: not read")
        return None
    except FileNotFoundError:
        warn(path, f"broken symbolic link (to {os.readlink(path)}): not read")
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            warn(path, "symbolic link loop: not read")
        else:
            warn(path, f"cannot be read ({error.strerror or error}): its classes and imports are missing")
        return None
    if not stat.S_ISREG(mode):
        warn(path, f"not a regular file ({_file_type(mode)}): not opened")
        return None
    return target


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "a special file"


class UnreadableFile(Exception):
    """A listed file that could not be read after all; the message says why."""


def read_file_bytes(path: Path) -> bytes:
    """A regular file's bytes; never blocks on a FIFO or device that replaced a file since it was listed."""
    data = _regular_file_bytes(path)
    observed_inputs.file_read(path, data)
    return data


def read_hashed_file(path: Path) -> tuple[bytes, str]:
    """`read_file_bytes` and the bytes' sha256, hashed once for the caller and the run's record of inputs."""
    data = _regular_file_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    observed_inputs.file_read(path, data, digest)
    return data, digest


def _regular_file_bytes(path: Path) -> bytes:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFile("not a regular file")
        # Read with os.read, to the end: a file object per file cost 3 ms on Django's 883 files (measured). One byte
        # more than the size is asked for first, so a file that grew since is read on, not cut short; the reads
        # after it ask for little (a 1 MiB request each raised the peak memory, measured).
        parts = [os.read(descriptor, status.st_size + 1)]
        while parts[-1]:
            parts.append(os.read(descriptor, 1 << 16))
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error
    finally:
        os.close(descriptor)
    return parts[0] if len(parts) == 2 else b"".join(parts)


def read_source(raw: bytes, display: str, digest: str | None = None) -> SourceText:
    """Decode source bytes honouring a PEP 263 coding cookie; undecodable bytes are replaced, not lost.
    `digest`: the bytes' sha256, when the caller has it already."""
    digest = digest or hashlib.sha256(raw).hexdigest()
    diagnostics: list[Diagnostic] = []
    if len(raw) > MAX_FILE_BYTES:
        diagnostics.append(
            Diagnostic(
                display,
                1,
                Level.WARNING,
                f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit: only its imports are read",
            )
        )
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:
        diagnostics.append(Diagnostic(display, 1, Level.WARNING, f"bad coding cookie: {error}; read as UTF-8"))
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        diagnostics.append(
            Diagnostic(
                display,
                line,
                Level.WARNING,
                f"not valid {encoding} (byte 0x{raw[error.start]:02x}); undecodable bytes replaced. "
                "Add a coding cookie such as '# -*- coding: latin-1 -*-' if the file uses another encoding",
            )
        )
        text = raw.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        diagnostics.append(Diagnostic(display, line, Level.WARNING, "holds NUL bytes; read as U+FFFD"))
        text = text.replace("\x00", "\ufffd")
    return SourceText(text=text, digest=digest, diagnostics=tuple(diagnostics))
