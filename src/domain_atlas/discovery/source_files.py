"""Finding a package's Python files and reading them as text, the way Python itself would."""

from __future__ import annotations

import hashlib
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

from domain_atlas.model import Diagnostic, Level

# Generated or vendored giants would dominate build time and say nothing about the architecture.
MAX_FILE_BYTES = 2_000_000
SKIPPED_DIRECTORIES = frozenset({"__pycache__", ".git", ".venv", "venv", "node_modules", ".tox", ".mypy_cache"})


@dataclass(frozen=True)
class SourceFile:
    module: str
    path: Path
    display_path: str
    is_package: bool


@dataclass(frozen=True)
class SourceText:
    text: str
    digest: str
    diagnostics: tuple[Diagnostic, ...] = ()


class MissingPackageError(Exception):
    """A configured source root or package does not exist."""


def display_path(path: Path, base: Path) -> str:
    """The path users see in messages: relative to the working directory when possible, with `/`."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def find_packages(source_root: Path) -> list[str]:
    """Top-level packages under a source root (directories holding Python files)."""
    if not source_root.is_dir():
        raise MissingPackageError(f"source root {source_root} does not exist or is not a directory")
    names = []
    for child in sorted(source_root.iterdir()):
        usable = child.is_dir() and child.name.isidentifier() and child.name not in SKIPPED_DIRECTORIES
        if usable and ((child / "__init__.py").is_file() or any(child.glob("*.py"))):
            names.append(child.name)
    return names


def package_files(source_root: Path, package: str, base: Path) -> list[SourceFile]:
    """Every module of `package` below `source_root`, sorted by module name."""
    if not source_root.is_dir():
        raise MissingPackageError(f"source root {source_root} does not exist or is not a directory")
    top = source_root / Path(*package.split("."))
    if not top.is_dir():
        single = top.with_suffix(".py")
        if single.is_file():
            return [SourceFile(package, single, display_path(single, base), False)]
        found = ", ".join(find_packages(source_root)) or "none"
        raise MissingPackageError(
            f"package {package!r} not found under source root {source_root} (packages there: {found})"
        )
    files = []
    for path in sorted(top.rglob("*.py")):
        relative = path.relative_to(source_root)
        if any(part in SKIPPED_DIRECTORIES or not part.isidentifier() for part in relative.parts[:-1]):
            continue
        if not path.stem.isidentifier():
            continue
        parts = list(relative.with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        files.append(SourceFile(".".join(parts), path, display_path(path, base), is_package))
    # Namespace directories (no __init__.py) still appear as packages so their modules have a parent;
    # only from `package` down: the parents of a subpackage (`billing` of `billing.invoicing`) are not analysed.
    known = {file.module for file in files}
    for file in list(files):
        parts = file.module.split(".")
        for depth in range(len(package.split(".")), len(parts)):
            name = ".".join(parts[:depth])
            if name not in known:
                known.add(name)
                directory = source_root / Path(*parts[:depth])
                files.append(SourceFile(name, directory, display_path(directory, base), True))
    return sorted(files, key=lambda file: file.module)


def read_source(raw: bytes, display: str) -> SourceText:
    """Decode source bytes honouring a PEP 263 coding cookie; undecodable bytes are replaced, not lost."""
    digest = hashlib.sha256(raw).hexdigest()
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
    return SourceText(text=text, digest=digest, diagnostics=tuple(diagnostics))
