"""Which files make up a service: its packages under its source roots, and its test folders."""

from __future__ import annotations

from pathlib import Path

from domain_atlas.discovery import observed_inputs
from domain_atlas.discovery.source_files import (
    MissingPackageError,
    SourceFile,
    find_packages,
    package_files,
)
from domain_atlas.model import Diagnostic, ServiceSpec

__all__ = ["ServiceFiles", "discover_files", "repository_root"]

ServiceFiles = tuple[list[str], list[SourceFile], list[Diagnostic]]  # packages, files (by module name), problems


def discover_files(spec: ServiceSpec) -> ServiceFiles:
    """The packages read (those configured, else every package found) and every module file of them."""
    packages = list(spec.packages)
    files: dict[str, SourceFile] = {}
    problems: list[Diagnostic] = []
    if not spec.source_roots:
        raise MissingPackageError(f"service {spec.name!r}: no source root configured")
    for root in spec.source_roots:
        if not observed_inputs.is_dir(root):
            raise MissingPackageError(f"service {spec.name!r}: source root {root} does not exist")
    if not packages:
        for root in spec.source_roots:
            packages.extend(name for name in find_packages(root) if name not in packages)
        if not packages:
            roots = ", ".join(str(root) for root in spec.source_roots)
            raise MissingPackageError(f"service {spec.name!r}: no Python package found under {roots}")
    for package in packages:
        errors = []
        # A namespace package may be split over several source roots: every root's part is read.
        for root in spec.source_roots:
            try:
                listing = package_files(root, package, repository_root(root))
            except MissingPackageError as error:
                errors.append(str(error))
                continue
            problems.extend(listing.diagnostics)
            for file in listing.files:
                files.setdefault(file.module, file)
        if len(errors) == len(spec.source_roots):
            raise MissingPackageError(f"service {spec.name!r}: " + "; ".join(errors))
    for folder in spec.tests:
        if not observed_inputs.is_dir(folder):
            raise MissingPackageError(f"service {spec.name!r}: test folder {folder} does not exist")
        # A test folder is read as a package named after it (`tests`), beside the service's own packages.
        listing = package_files(folder.parent, folder.name, repository_root(folder))
        problems.extend(listing.diagnostics)
        for file in listing.files:
            files.setdefault(file.module, file)
    return sorted(dict.fromkeys(packages)), [files[name] for name in sorted(files)], problems


def repository_root(source_root: Path) -> Path:
    """Where every `file` in the output starts: the nearest folder at or above the source root holding `.git`, else
    `pyproject.toml`, else the source root. The same on every machine, so links, SARIF and baselines match."""
    resolved = source_root.resolve()
    for marker in (".git", "pyproject.toml"):
        for folder in (resolved, *resolved.parents):
            if observed_inputs.exists(folder / marker):
                return folder
    return resolved
