"""What the `domain-atlas` command does first: answer from a stored result when nothing it read has changed.

A composition root for the command line's quick path: it wires the run cache (discovery/run_results.py) to the
CLI and imports only the standard library, so a replayed `export`, `check` or `explain` costs a few milliseconds
plus re-reading the inputs, instead of importing MkDocs and rebuilding the model.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from domain_atlas.discovery.cache_files import cache_folder
from domain_atlas.discovery.observed_inputs import Observed, file_read, kind_of, observing
from domain_atlas.discovery.run_results import RunResult, remember, replay, run_key

__all__ = [
    "Recording",
    "RunResult",
    "cache_folder",
    "command_key",
    "input_kind",
    "read_ahead",
    "read_input",
    "recorded_run",
    "recording",
    "replay",
    "stop_reading_ahead",
]

Recording = tuple[int, Observed]  # when the recording started (time.time_ns()), and what it saw


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


@contextlib.contextmanager
def recording() -> Iterator[Recording]:
    """Record every input read in the block: a command's result is kept with what it read, so a replay can tell
    whether it still holds."""
    started = time.time_ns()  # a folder changed after this is listed again before any replay trusts it
    with observing() as observed:
        yield started, observed


def recorded_run(
    folder: Path | None, key: str | None, run: Callable[[], RunResult], since: Recording | None = None
) -> tuple[RunResult, str]:
    """Run the command, recording what it reads (or within the recording `since`, begun before it read ahead),
    and keep its result under `key` when it ended normally.

    Returns the result and a note when it could not be kept ("" otherwise).
    """
    if since is None:
        with recording() as since:
            result = run()
    else:
        result = run()
    if folder is None or key is None or result.exit_code not in (0, 1):
        return result, ""
    started, observed = since
    return result, remember(folder, key, observed, started, result)


def read_ahead(arguments: argparse.Namespace) -> None:
    """Start reading the files the command line names while the command loads the rest of its code
    (discovery/reading_ahead.py). Only without --config: the command line is then the whole of the settings, and
    the roots are found as the settings find them (relative to the working folder)."""
    roots = [*arguments.sources, *(str(path) for path in arguments.search_path)]
    if arguments.config is not None or not roots:
        return
    from domain_atlas.discovery import reading_ahead

    base = Path.cwd()
    reading_ahead.read_ahead(
        [(base / root).resolve() for root in roots],
        list(arguments.package),
        [(base / folder).resolve() for folder in arguments.tests],
        None if arguments.no_cache else cache_folder(arguments.cache_dir),
    )


def stop_reading_ahead() -> None:
    """Stop a reading ahead the command did not take (it failed first, say): no worker outlives the command."""
    reading_ahead = sys.modules.get("domain_atlas.discovery.reading_ahead")
    if reading_ahead is not None:
        reading_ahead.drop()


def read_input(path: Path) -> bytes:
    """A file a command reads besides the sources (a baseline): its bytes, recorded with the run's inputs."""
    data = path.read_bytes()
    file_read(path, data)
    return data


def input_kind(path: Path) -> str:
    """ "file", "folder", "other" or "missing", recorded with the run's inputs."""
    return kind_of(path)
