"""The `domain-atlas` command line.

A run whose result is already known (nothing it read has changed since) is answered by the bootstrap without
importing anything heavy; any other run is handed to adapters/commands.py, over the composition root.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from domain_atlas.adapters import bootstrap
from domain_atlas.adapters.command_line import CACHED_COMMANDS, emit, replayable, unwritable
from domain_atlas.adapters.command_line import parser as _parser

__all__ = ["EXIT_OK", "EXIT_USAGE", "EXIT_VIOLATIONS", "_parser", "main", "run"]

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "pages":
        from domain_atlas.adapters.pages_command import write_pages
        from domain_atlas.adapters.progress import TerminalProgress

        return write_pages(arguments.config, arguments.output, TerminalProgress(sys.stderr))
    output = arguments.output
    problem = unwritable(output)
    if problem:
        print(f"domain-atlas: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if replayable(arguments) and arguments.config is None:
        # Without --config the command line is the whole of the settings: the key is known before any import.
        known = bootstrap.replay(bootstrap.cache_folder(arguments.cache_dir), bootstrap.command_key(arguments))
        if known is not None:
            return emit(output, known)
    # Importing the commands' code and building the model make about a million objects and little garbage: the
    # automatic collections would only scan them again and again (the reading collects its own young garbage).
    collecting = gc.isenabled()
    gc.disable()
    with bootstrap.recording() as recording:
        if arguments.command in CACHED_COMMANDS:
            bootstrap.read_ahead(arguments)
        try:
            from domain_atlas.adapters.commands import run_command

            return run_command(arguments, recording)
        finally:
            bootstrap.stop_reading_ahead()
            if collecting:
                gc.enable()


def run() -> NoReturn:
    """The installed `domain-atlas` command: `main`, then an exit that skips tearing down the model.

    Freeing a large model object by object as the interpreter shuts down took ~40 ms on Django (measured), after
    every result was written. Exit handlers still run and the output is flushed first (as mypy does).
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe, say: let Python report it as it always does
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    run()
