"""What the `domain-atlas` command does first: answer from a stored result when nothing it read has changed.

A composition root for the command line's quick path: it wires the run cache (discovery/run_results.py) to the
CLI and imports only the standard library, so a replayed `export`, `check` or `explain` costs a few milliseconds
plus re-reading the inputs, instead of importing MkDocs and rebuilding the model.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from domain_atlas.discovery.cache_files import cache_folder
from domain_atlas.discovery.observed_inputs import file_read, kind_of, observing
from domain_atlas.discovery.run_results import RunResult, remember, replay, run_key

__all__ = ["RunResult", "cache_folder", "command_key", "input_kind", "read_input", "recorded_run", "replay"]


def command_key(arguments: argparse.Namespace, settings: Sequence[str] = ()) -> str:
    """The run-cache key of a command: what was asked and, with --config, the validated settings (`settings`)."""
    asked = [
        arguments.command,
        str(getattr(arguments, "format", "")),
        repr([str(source) for source in arguments.sources]),
        repr(arguments.package),
        repr([str(path) for path in arguments.search_path]),
        repr([str(path) for path in arguments.tests]),
        repr(arguments.service),
        str(arguments.config or ""),
        str(getattr(arguments, "baseline", None) or ""),
    ]
    return run_key([*asked, *settings])


def recorded_run(folder: Path | None, key: str | None, run: Callable[[], RunResult]) -> tuple[RunResult, str]:
    """Run the command, recording what it reads, and keep its result under `key` when it ended normally.

    Returns the result and a note when it could not be kept ("" otherwise).
    """
    started = time.time_ns()  # a folder changed after this is listed again before any replay trusts it
    with observing() as observed:
        result = run()
    if folder is None or key is None or result.exit_code not in (0, 1):
        return result, ""
    return result, remember(folder, key, observed, started, result)


def read_input(path: Path) -> bytes:
    """A file a command reads besides the sources (a baseline): its bytes, recorded with the run's inputs."""
    data = path.read_bytes()
    file_read(path, data)
    return data


def input_kind(path: Path) -> str:
    """ "file", "folder", "other" or "missing", recorded with the run's inputs."""
    return kind_of(path)
