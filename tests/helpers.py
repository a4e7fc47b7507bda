"""Shared helpers for tests that run real MkDocs builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "tests" / "fixtures"


def mkdocs_build(config_file: Path, site_dir: Path, *, strict: bool = True, env: dict[str, str] | None = None):
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
        check=False,
    )


def write_site(root: Path, plugin: dict, *, pages: dict[str, str] | None = None) -> Path:
    """A minimal MkDocs project in `root` using the domain-atlas plugin with the given options."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in (pages or {"index.md": "# Home\n"}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "Fixture",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"domain-atlas": plugin}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
