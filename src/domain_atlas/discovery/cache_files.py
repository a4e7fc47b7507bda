"""The cache folder and its files, shared by the per-file facts (disk_cache.py) and whole-run results (run_results.py):
written whole or not at all, in a folder marked as a cache. Standard library only."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

DEFAULT_FOLDER = ".domain_atlas_cache"
ENVIRONMENT_VARIABLE = "DOMAIN_ATLAS_CACHE_DIR"
MARKERS = {
    ".gitignore": "# Created by Domain Atlas: a cache, never commit it.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# Domain Atlas cache; see https://bford.info/cachedir/\n",
}
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def cache_folder(explicit: str | os.PathLike[str] | None, base: Path | None = None) -> Path:
    """The folder to use: the one given, else $DOMAIN_ATLAS_CACHE_DIR, else .domain_atlas_cache/ in `base`
    (the working directory by default)."""
    chosen = explicit or os.environ.get(ENVIRONMENT_VARIABLE) or DEFAULT_FOLDER
    folder = Path(chosen).expanduser()
    return folder if folder.is_absolute() else (base or Path.cwd()) / folder


def create_cache_folder(folder: Path) -> None:
    """The cache folder, created with the markers that keep it out of git and backups."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in MARKERS.items():
        with contextlib.suppress(OSError):
            (folder / name).write_text(text, encoding="utf-8")


def write_atomically(path: Path, data: bytes, recreate_folder: Callable[[], None] | None = None) -> None:
    """`data` at `path`, so that a concurrent reader sees the whole file or none.

    A name no other process or thread uses (pid, thread, file name) is created exclusively, then renamed into place.
    `recreate_folder` is called once if the folder has gone (deleted between two `mkdocs serve` rebuilds, say).
    """
    temporary = f"{path.parent}{os.sep}.tmp-{os.getpid()}-{threading.get_ident()}-{path.name}"
    try:
        try:
            descriptor = os.open(temporary, _FLAGS, 0o644)
        except FileNotFoundError:
            if recreate_folder is None:
                raise
            recreate_folder()
            descriptor = os.open(temporary, _FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
