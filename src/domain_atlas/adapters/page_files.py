"""Writing the generated section into a docs folder, and only there, replacing exactly what an earlier run wrote.

A marker file in the folder lists every file written with its SHA-256. A later run refuses a folder holding a file
the marker does not list, or a listed file changed since (someone's own edits), so a team's page is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.base import ValidationError

from domain_atlas.adapters.config_schema import DocsSubfolder

MARKER = ".domain-atlas-pages.json"
PARTIAL = ".domain-atlas-partial-"  # prefix of a file being written; one left by an interrupted run is removed
MARKER_FORMAT = "domain-atlas/pages/1"


class PageFilesError(ValueError):
    """The folder cannot be written safely; the message names the file or setting at fault."""


def docs_subfolder(value: str) -> str:
    """A folder inside docs_dir, checked exactly as the plugin checks `output_dir`; returned with `/` separators."""
    try:
        return DocsSubfolder(default="architecture").run_validation(value)
    except ValidationError as error:
        raise PageFilesError(str(error)) from error


def folder_in_docs(output: Path, docs_dir: Path) -> str:
    """The docs-relative name of `output`, which must lie strictly inside `docs_dir` (after resolving links)."""
    docs = docs_dir.resolve()
    target = output.resolve()
    if not docs.is_dir():
        raise PageFilesError(f"docs_dir {docs_dir} is not a folder")
    if target == docs or not target.is_relative_to(docs):
        raise PageFilesError(f"-o {output}: expected a folder inside docs_dir {docs_dir}, e.g. {docs_dir}/architecture")
    return docs_subfolder(target.relative_to(docs).as_posix())


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _read_marker(folder: Path) -> dict[str, str]:
    path = folder / MARKER
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        files = document["files"]
        if document.get("format") != MARKER_FORMAT or not isinstance(files, dict):
            raise ValueError("not a domain-atlas pages marker")
        return {str(name): str(digest) for name, digest in files.items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PageFilesError(
            f"{path}: cannot read the list of files an earlier run wrote ({error}); "
            "delete the folder's generated files and this marker, then run again"
        ) from error


def _present(folder: Path) -> list[str]:
    """Every file, link and special entry under `folder`, relative, sorted; links are never followed."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                found.append((base / name).relative_to(folder).as_posix())
        found.extend((base / name).relative_to(folder).as_posix() for name in files)
    return sorted(found)


def _check_folder(folder: Path) -> dict[str, str]:
    """What an earlier run wrote here (name -> SHA-256); refuses a folder holding anything else."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise PageFilesError(f"{folder} is not a plain folder; choose another -o")
    if not folder.exists():
        return {}
    present = []
    for name in _present(folder):
        path = folder / name
        if path.name.startswith(PARTIAL) and path.is_file() and not path.is_symlink():
            path.unlink()  # left by an interrupted run: the marker still describes the files before it
        else:
            present.append(name)
    if MARKER not in present:
        if present:
            raise PageFilesError(
                f"{folder} holds files domain-atlas did not write, e.g. {folder / present[0]}; "
                "choose an empty or new folder with -o"
            )
        return {}
    written = _read_marker(folder)
    for name in present:
        if name != MARKER and name not in written:
            raise PageFilesError(
                f"{folder / name} was not written by domain-atlas; move it out of {folder} or choose another -o"
            )
    for name, digest in sorted(written.items()):
        path = folder / name
        if path.is_symlink() or (path.exists() and (not path.is_file() or _digest(path.read_bytes()) != digest)):
            raise PageFilesError(
                f"{path} changed since domain-atlas wrote it; move your changes to a page of your own, "
                "delete this file, and run again"
            )
    return written


def write_folder(folder: Path, files: Mapping[str, bytes]) -> tuple[list[str], list[str]]:
    """Make `folder` hold exactly `files` (folder-relative `/` paths): returns (written or changed, deleted).

    Unchanged files keep their time stamps, so `mkdocs serve` and `zensical serve` rebuild only what changed.
    """
    for name in files:
        if name == MARKER or name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
            raise PageFilesError(f"refusing to write {name!r} in {folder}")
    earlier = _check_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    changed: list[str] = []
    for name, content in sorted(files.items()):
        path = folder.joinpath(*name.split("/"))
        if earlier.get(name) == _digest(content) and path.is_file():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(PARTIAL + path.name)
        partial.write_bytes(content)
        os.replace(partial, path)
        changed.append(name)
    deleted = sorted(set(earlier) - set(files))
    for name in deleted:
        folder.joinpath(*name.split("/")).unlink(missing_ok=True)
        parent = folder.joinpath(*name.split("/")).parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    marker = {"format": MARKER_FORMAT, "files": {name: _digest(content) for name, content in sorted(files.items())}}
    (folder / MARKER).write_text(json.dumps(marker, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return changed, deleted
