"""Progress on long CLI runs: drawn on a terminal, absent from pipes and CI logs."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from domain_atlas.adapters.progress import TerminalProgress
from tests.helpers import REPO_ROOT, write_site

COMMAND = [sys.executable, "-m", "domain_atlas.adapters.cli", "pages", "--config", "mkdocs.yml"]


@pytest.fixture
def wiki(tmp_path: Path) -> Path:
    """A wiki documenting a real service: Domain Atlas itself."""
    services = [{"name": "Domain Atlas", "source": str(REPO_ROOT / "src"), "packages": ["domain_atlas"]}]
    write_site(tmp_path, {"services": services})
    return tmp_path


def _run(wiki: Path, *, tty: bool, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "TERM")} | {"TERM": "xterm", **env}
    if not tty:
        result = subprocess.run(COMMAND, cwd=wiki, env=environment, capture_output=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
        return result.stderr.decode()
    leader, follower = pty.openpty()
    process = subprocess.Popen(COMMAND, cwd=wiki, env=environment, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=300) == 0
    return b"".join(chunks).decode()


def test_a_terminal_sees_files_read_and_diagrams_laid_out(wiki: Path):
    shown = _run(wiki, tty=True)
    assert "files read: " in shown and "diagrams laid out: " in shown
    # every file counted, on one self-overwriting line that is erased before the summary
    total = len(list((REPO_ROOT / "src" / "domain_atlas").rglob("*.py")))
    assert f"files read: {total}/{total}" in shown
    summary = shown.rsplit("\r\x1b[2K", 1)[1]
    assert summary.startswith("domain-atlas: ") and "files read" not in summary


@pytest.mark.parametrize("where", ["pipe", "ci"])
def test_pipes_and_ci_stay_quiet(wiki: Path, where: str):
    shown = _run(wiki, tty=where == "ci", **({"CI": "true"} if where == "ci" else {}))
    assert "files read" not in shown and "\x1b" not in shown and "\r\x1b" not in shown
    assert "domain-atlas: " in shown


def test_each_stage_is_drawn_at_once_and_redraws_are_throttled():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = TerminalProgress(stream, interval=3600)
    progress.enabled = True  # whatever CI or TERM say while the tests run
    for done in range(1, 5):
        progress("files read", done, 4)
    for done in range(1, 4):
        progress("diagrams laid out", done)
    assert stream.getvalue().split("\r\x1b[2K")[1:] == ["files read: 1/4", "files read: 4/4", "diagrams laid out: 1"]
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[2K")
