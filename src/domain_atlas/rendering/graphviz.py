"""Running a Graphviz `dot` engine: the system one when installed, else the pip-installed `graphviz-pure`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Settings that keep large graphs from spending minutes in crossing minimisation (measured on Django's
# module graph: 24 s untuned, about 2-4 s with these), at a small cost in crossings.
LARGE_GRAPH_SETTINGS = ("-Gmclimit=0.3", "-Gnslimit=2", "-Gnslimit1=2", "-Gremincross=false")
SIMPLEST_SETTINGS = ("-Gmclimit=0.05", "-Gnslimit=1", "-Gnslimit1=1", "-Gsplines=line")
LARGE_GRAPH_EDGES = 300


class LayoutError(Exception):
    """Graphviz could not lay a graph out (not installed, crashed, or ran out of time)."""


@dataclass(frozen=True)
class Engine:
    command: str
    name: str


def find_engine(preferred: str | None = None) -> Engine:
    """The `dot` to run: an explicit path, else `dot` on PATH, else `graphviz-pure` beside this Python."""
    if preferred:
        found = shutil.which(preferred)
        if not found:
            raise LayoutError(f"Graphviz engine {preferred!r} not found")
        return Engine(found, Path(found).name)
    system = shutil.which("dot")
    if system:
        return Engine(system, "dot")
    beside_python = Path(sys.executable).parent / "graphviz-pure"
    candidates = [str(beside_python)] if beside_python.is_file() else []
    which_pure = shutil.which("graphviz-pure")
    if which_pure:
        candidates.append(which_pure)
    if candidates:
        return Engine(candidates[0], "graphviz-pure")
    raise LayoutError(
        "no Graphviz engine found: install the `graphviz-pure` package (a dependency of domain-atlas) "
        "or Graphviz's `dot`"
    )


def render_svg(dot_source: str, engine: Engine, timeout: float, edge_count: int = 0) -> str:
    """Lay out DOT and return SVG; if the layout times out, retry once with the cheapest settings."""
    settings = LARGE_GRAPH_SETTINGS if edge_count >= LARGE_GRAPH_EDGES else ()
    try:
        return _run(engine, dot_source, settings, timeout)
    except subprocess.TimeoutExpired:
        try:
            return _run(engine, dot_source, SIMPLEST_SETTINGS, timeout)
        except subprocess.TimeoutExpired as error:
            raise LayoutError(f"layout took longer than {timeout:g} s with {engine.name}") from error


def _run(engine: Engine, dot_source: str, settings: tuple[str, ...], timeout: float) -> str:
    try:
        completed = subprocess.run(
            [engine.command, "-Tsvg", *settings],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except OSError as error:
        raise LayoutError(f"could not run {engine.command}: {error}") from error
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace").strip()
        raise LayoutError(f"{engine.name} failed: {message[:500]}")
    return completed.stdout.decode("utf-8")
