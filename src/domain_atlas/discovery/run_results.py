"""Whole command results kept on disk, replayed while nothing the run read has changed.

`domain-atlas export`, `check` and `explain` are run again and again over trees that did not change (CI, pre-commit,
a second build). Per-file facts (disk_cache.py) spare the parsing, but a run still rebuilds the model; here the
command's output, messages and exit code are kept beside what it read (observed_inputs.py), under a key made of
everything else it depends on: this code, Python and the libraries' versions, the command line, the working folder
and the settings. A later run with the same key replays the result once every file read has the same bytes, every
folder listed the same entries and every probed path the same kind; otherwise it runs in full and stores anew.

A replay needs the standard library only, so it imports nothing heavy. Entries are JSON (never executed) plus the
output bytes, checked against the digest the JSON records; anything unreadable or inconsistent is ignored and
rewritten.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from domain_atlas import __version__
from domain_atlas.discovery.cache_files import create_cache_folder, write_atomically
from domain_atlas.discovery.observed_inputs import Observed, still_holds

FORMAT = "domain-atlas/run/1"
RUNS_FOLDER = "runs"
MAX_RUNS = 64  # each holds one output (the Django model is ~2 MB): older ones are pruned
# The libraries whose behaviour can reach an output (parsing help, templates, schemas, settings).
DEPENDENCIES = ("jinja2", "markupsafe", "mkdocs", "orjson", "pyyaml", "jsonschema")


class RunResult(NamedTuple):
    output: bytes
    messages: str  # what the run wrote to standard error, replayed as written
    exit_code: int


def run_key(parts: Sequence[str]) -> str:
    """A key for a run: `parts` (command line, settings...) with this code, this Python and the libraries used."""
    material = [FORMAT, __version__, code_fingerprint(), sys.version, dependency_versions(), os.getcwd(), *parts]
    return hashlib.sha256(json.dumps(material).encode("utf-8", "surrogateescape")).hexdigest()


# The package's files that make results: code, templates, schemas (the site's scripts and styles make no result
# replayed here, and hashing the vendored scripts would cost more than the rest of a replay).
CODE_SUFFIXES = (".py", ".j2", ".json")


@functools.cache
def code_fingerprint() -> str:
    """A digest of this package's code: a development edit never replays an older result."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(name for name in folders if name not in ("__pycache__", "assets"))
        inside = os.path.relpath(folder, package)  # once per folder, not per file (a third of the cost)
        for name in sorted(names):
            if not name.endswith(CODE_SUFFIXES):
                continue
            relative = name if inside == os.curdir else os.path.join(inside, name)
            digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(_file_bytes(os.path.join(folder, name))).digest())
    return digest.hexdigest()


def _file_bytes(path: str) -> bytes:
    """A file's bytes, read without a file object (one each cost the fingerprint another 0.4 ms)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        parts = [os.read(descriptor, os.fstat(descriptor).st_size + 1)]
        while parts[-1]:
            parts.append(os.read(descriptor, 1 << 16))
    finally:
        os.close(descriptor)
    return parts[0] if len(parts) == 2 else b"".join(parts)


@functools.cache
def dependency_versions() -> str:
    """`name-version` of each installed library in DEPENDENCIES, read from the folder names of its metadata
    (what importlib.metadata reads, without its import cost)."""
    wanted = {name.replace("-", "_").lower() for name in DEPENDENCIES}
    found: set[str] = set()
    for entry in sys.path:
        with contextlib.suppress(OSError):
            for name in os.listdir(entry or "."):
                if name.endswith(".dist-info") and name.split("-")[0].lower() in wanted:
                    found.add(name.removesuffix(".dist-info").lower())
    return ",".join(sorted(found))


def replay(folder: Path, key: str) -> RunResult | None:
    """The stored result of the run with this key, if every input it read is unchanged; else None."""
    meta_path, output_path = _paths(folder, key)
    try:
        with open(meta_path, "rb") as stream:
            document = json.loads(stream.read())
        stored = _decoded(document, key)
        if stored is None:
            return None
        observed, recorded_at, result_without_output, output_digest = stored
        if not still_holds(observed, recorded_at):
            return None
        with open(output_path, "rb") as stream:
            output = stream.read()
    except (OSError, ValueError, RecursionError):
        return None
    if hashlib.sha256(output).hexdigest() != output_digest:
        return None
    return RunResult(output, result_without_output.messages, result_without_output.exit_code)


def remember(folder: Path, key: str, observed: Observed, recorded_at_ns: int, result: RunResult) -> str:
    """Store a run's result; returns "" or why it could not be stored (the run itself is not affected)."""
    meta_path, output_path = _paths(folder, key)
    document = {
        "format": FORMAT,
        "key": key,
        "recorded_at_ns": recorded_at_ns,
        "exit_code": result.exit_code,
        "messages": result.messages,
        "output_sha256": hashlib.sha256(result.output).hexdigest(),
        "files": observed.files,
        "folders": {path: list(seen) for path, seen in observed.folders.items()},
        "probes": observed.probes,
    }
    try:
        _create_folder(meta_path.parent)
        # The output first: a meta entry never points at an output not yet whole.
        write_atomically(output_path, result.output)
        write_atomically(meta_path, _json_bytes(document))
        _prune(meta_path.parent)
    except OSError as error:
        return f"cannot keep this run's result in {folder}: {error.strerror or error}"
    return ""


def _json_bytes(document: dict[str, Any]) -> bytes:
    """The entry as JSON, written by orjson: 0.1 ms for Django's 3,300 paths where `json` took 1.7 ms, after the
    run. The standard library writes what orjson refuses (a path with an undecodable byte, held as a surrogate)."""
    import orjson  # loaded by the facts cache of every run that stores its result; a replay never needs it

    try:
        return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(document, sort_keys=True).encode("utf-8", "surrogateescape")


def _paths(folder: Path, key: str) -> tuple[Path, Path]:
    runs = folder / RUNS_FOLDER
    return runs / f"{key}.json", runs / f"{key}.out"


def _decoded(document: Any, key: str) -> tuple[Observed, int, RunResult, str] | None:
    """The entry's parts, or None unless every field has the type written (the folder is not trusted)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("key") != key:
        return None
    recorded_at, exit_code = document.get("recorded_at_ns"), document.get("exit_code")
    messages, digest = document.get("messages"), document.get("output_sha256")
    files, folders, probes = document.get("files"), document.get("folders"), document.get("probes")
    if not (isinstance(recorded_at, int) and isinstance(exit_code, int) and not isinstance(exit_code, bool)):
        return None
    if not (isinstance(messages, str) and isinstance(digest, str) and isinstance(folders, dict)):
        return None
    if not (isinstance(files, dict) and _str_map(files) and isinstance(probes, dict) and _str_map(probes)):
        return None
    seen_folders: dict[str, tuple[int, str]] = {}
    for path, seen in folders.items():
        if not (isinstance(seen, list) and len(seen) == 2 and _is_int(seen[0]) and isinstance(seen[1], str)):
            return None
        seen_folders[path] = (seen[0], seen[1])
    observed = Observed(files=dict(files), folders=seen_folders, probes=dict(probes))
    return observed, recorded_at, RunResult(b"", messages, exit_code), digest


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_map(value: dict[Any, Any]) -> bool:
    return all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _create_folder(runs: Path) -> None:
    if not runs.is_dir():
        create_cache_folder(runs.parent)
        runs.mkdir(exist_ok=True)


def _prune(runs: Path, keep: int = MAX_RUNS) -> None:
    entries: list[tuple[float, str]] = []
    with contextlib.suppress(OSError), os.scandir(runs) as scan:
        for entry in scan:
            if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                entries.append((entry.stat(follow_symlinks=False).st_mtime, entry.name.removesuffix(".json")))
    for _, key in sorted(entries, reverse=True)[keep:]:
        for suffix in (".json", ".out"):
            with contextlib.suppress(OSError):
                os.unlink(runs / f"{key}{suffix}")
