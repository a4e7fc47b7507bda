"""Reading a committed revision straight from git objects, never touching the work tree or the index.

`git archive` streams the revision's source roots (and the project files the analysis reads beside
them) into a temporary folder, which mirrors the repository's layout so every `file` in the model is
the same as when the work tree is read. Only git plumbing that reads objects is run.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from domain_atlas.model import ServiceSpec

# Creating hundreds of small files costs far more on a disk than in memory (500 files: 0.9 s against 0.02 s,
# measured on the CI machine), so the copy goes to the RAM-backed /dev/shm where there is one.
MEMORY_FOLDER = Path("/dev/shm")

# Files the analysis reads next to a source root (import-linter contracts, [tool.domain-atlas]), up to two levels up.
PROJECT_FILES = ("pyproject.toml", "setup.cfg", ".importlinter")
PROJECT_FILE_LEVELS = 3


class RevisionError(Exception):
    """A revision that cannot be read: not a git repository, an unknown ref, a source root outside the repository."""


def _git(repository: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error}") from error


def repository_root(path: Path) -> Path:
    """The top folder of the git work tree holding `path`."""
    folder = path if path.is_dir() else path.parent
    result = _git(folder, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise RevisionError(f"{path} is not inside a git repository, so there is no revision to compare with")
    return Path(result.stdout.decode("utf-8", "replace").strip()).resolve()


def resolve_commit(repository: Path, ref: str) -> str:
    """The commit a ref names; a clear error for a ref git does not know."""
    if not ref or ref.startswith("-"):
        raise RevisionError(f"not a revision: {ref!r}")
    result = _git(repository, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if result.returncode != 0:
        raise RevisionError(f"unknown revision {ref!r} in git repository {repository}")
    return result.stdout.decode("ascii").strip()


def _relative(path: Path, repository: Path, what: str, hint: str = "") -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(repository).as_posix())
    except ValueError:
        raise RevisionError(f"{what} {path} is outside the git repository {repository}{hint}") from None


def _existing(repository: Path, commit: str, paths: Sequence[str]) -> list[str]:
    """Which of `paths` (files or folders) the commit has: git archive refuses a path it does not have."""
    result = _git(repository, "--literal-pathspecs", "ls-tree", "-r", "-z", "--name-only", commit, "--", *paths)
    if result.returncode != 0:
        raise RevisionError(f"cannot list {commit}: {result.stderr.decode('utf-8', 'replace').strip()}")
    files = [name for name in result.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
    return [
        path
        for path in paths
        if (path == "." and files) or any(name == path or name.startswith(path + "/") for name in files)
    ]


def extract(repository: Path, commit: str, paths: Sequence[str], into: Path) -> None:
    """Write the commit's files under `paths` (folders or files, repository-relative) into `into`."""
    wanted = _existing(repository, commit, paths)
    if not wanted:
        return
    command = ["git", "-C", str(repository), "--literal-pathspecs", "archive", "--format=tar", commit, "--", *wanted]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
            # The "data" filter refuses links and paths that would land outside the folder.
            archive.extractall(into, filter="data")
        error = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise RevisionError(f"git archive {commit} failed: {error.decode('utf-8', 'replace').strip()}")


def _paths_to_read(roots: Sequence[PurePosixPath]) -> list[str]:
    paths = set()
    for root in roots:
        paths.add(root.as_posix() if root.parts else ".")
        folder = root
        for _ in range(PROJECT_FILE_LEVELS):
            paths.update((folder / name).as_posix() for name in PROJECT_FILES)
            if not folder.parts:
                break
            folder = folder.parent
    return sorted(paths)


@contextmanager
def _copy_of(repository: Path, commit: str, paths: Sequence[str]) -> Iterator[Path]:
    """A temporary folder holding the commit's `paths`, deleted afterwards."""
    folders = [MEMORY_FOLDER, None] if MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK) else [None]
    for index, parent in enumerate(folders):
        folder = Path(tempfile.mkdtemp(prefix="domain-atlas-revision-", dir=parent))
        try:
            try:
                # The copy's top stands for the repository's: the model shows paths from the folder holding `.git`.
                (folder / ".git").mkdir()
                extract(repository, commit, paths, folder)
            except OSError:
                if index + 1 < len(folders):
                    continue  # a small /dev/shm (containers often get 64 MB): fall back to the disk
                raise
            yield folder
            return
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def specs_at_revision(specs: Sequence[ServiceSpec], ref: str) -> Iterator[tuple[list[ServiceSpec], str]]:
    """The same services as they were at `ref`: specs whose folders point into a temporary copy of that
    revision, and the commit. The copy is deleted afterwards."""
    if not specs:
        raise RevisionError("no service to compare")
    repository = repository_root(specs[0].source_roots[0] if specs[0].source_roots else specs[0].base)
    commit = resolve_commit(repository, ref)
    relative = {
        id(spec): (
            [_relative(root, repository, "source root") for root in spec.source_roots],
            _relative(
                spec.base,
                repository,
                "the folder paths are shown relative to,",
                "; run the command inside the repository, or give --config with a mkdocs.yml inside it",
            ),
        )
        for spec in specs
    }
    paths = _paths_to_read([root for roots, _ in relative.values() for root in roots])
    with _copy_of(repository, commit, paths) as copy:
        mapped = [
            dataclasses.replace(
                spec,
                source_roots=tuple(copy / root for root in relative[id(spec)][0]),
                base=copy / relative[id(spec)][1],
            )
            for spec in specs
        ]
        yield mapped, commit
