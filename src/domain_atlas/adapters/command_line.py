"""The `domain-atlas` command line: its commands and options, how results are written, nothing heavy to import.

Kept apart from what the commands do so that a run whose result is already known (adapters/bootstrap.py) is
answered without importing MkDocs or Jinja.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from domain_atlas import __version__
from domain_atlas.adapters.bootstrap import RunResult

EXPORT_FORMATS = ("cml", "json", "mermaid", "structurizr")  # what composition.exporter knows
REPORT_FORMATS = ("text", "json", "sarif", "github", "junit")
DIFF_FORMATS = ("text", "json", "markdown")
CACHED_COMMANDS = frozenset({"export", "check", "explain"})  # their whole result may be replayed


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="domain-atlas",
        description="Read Python DDD / hexagonal / CQRS services statically and report their architecture.",
    )
    parser.add_argument("--version", action="version", version=f"domain-atlas {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("export", "write the architecture model as JSON (schema domain-atlas/model/1)"),
        ("check", "report architecture rule violations; exit 1 when there are any"),
        ("diff", "what changed in the architecture between two git revisions (schema domain-atlas/diff/1)"),
        ("explain", "show how the layout was read: contexts, layers, composition roots, doubtful calls"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("sources", nargs="*", metavar="SOURCE_ROOT", help="source roots to analyse")
        command.add_argument("--config", type=Path, help="mkdocs.yml (its domain-atlas plugin settings are used)")
        command.add_argument("--service", action="append", default=[], help="with --config: only this service")
        command.add_argument("--package", action="append", default=[], help="package to analyse (repeatable)")
        command.add_argument("--search-path", action="append", default=[], type=Path, help="extra source root")
        command.add_argument("--tests", action="append", default=[], type=Path, help="test code folder")
        command.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
        if name == "export":
            command.add_argument(
                "--format", choices=EXPORT_FORMATS, default="json", help="output format (default: json)"
            )
        command.add_argument(
            "--cache-dir",
            type=Path,
            help="keep per-file facts and whole results here between runs "
            "(default: $DOMAIN_ATLAS_CACHE_DIR, else .domain_atlas_cache)",
        )
        command.add_argument("--no-cache", action="store_true", help="read every file again; write no cache")
        if name == "diff":
            command.add_argument("--base", required=True, help="git revision to compare with (branch, tag or commit)")
            command.add_argument(
                "--head", help="git revision to compare (default: the work tree, uncommitted edits included)"
            )
            command.add_argument("--format", choices=DIFF_FORMATS, default="text", help="output format (default: text)")
        if name == "check":
            command.add_argument(
                "--format", choices=REPORT_FORMATS, default="text", help="report format (default: text)"
            )
            command.add_argument("--baseline", type=Path, help="known violations that do not fail the check")
            command.add_argument(
                "--update-baseline", action="store_true", help="write the current violations to --baseline and exit 0"
            )
    pages = commands.add_parser(
        "pages",
        help="write the Architecture pages, diagrams and assets into the docs (for Zensical or any Markdown builder)",
    )
    pages.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml with domain-atlas plugin settings"
    )
    pages.add_argument(
        "-o", "--output", type=Path, help="folder inside docs_dir (default: docs_dir/output_dir: docs/architecture)"
    )
    return parser


def unwritable(output: Path | None) -> str:
    """Why `output` cannot be written ("" when it can): checked before any work."""
    if output is not None and not output.resolve().parent.is_dir():
        return f"cannot write {output}: folder {output.parent} does not exist"
    return ""


def replayable(arguments: argparse.Namespace) -> bool:
    """Whether this command's whole result may come from, and go to, the run cache."""
    return (
        arguments.command in CACHED_COMMANDS
        and not arguments.no_cache
        and not getattr(arguments, "update_baseline", False)
    )


def emit(output: Path | None, result: RunResult) -> int:
    """Messages to standard error, then the output (to the file, or standard output): the same for a replay."""
    if result.messages:
        sys.stderr.write(result.messages)
        sys.stderr.flush()
    if result.output or output is not None:
        write(output, result.output)
    return result.exit_code


def write(output: Path | None, text: str | bytes) -> None:
    """Write all or nothing: the text is encoded first and the file replaced in one step."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None:
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    partial = output.with_name(f".{output.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, output)
