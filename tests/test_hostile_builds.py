"""A site over many hostile files builds, warns about each, writes only its build folder, and twice alike."""

from __future__ import annotations

from pathlib import Path

from tests.hostile_inputs import CASES, run_plugin, snapshot, write_project

BY_NAME = {case.name: case for case in CASES}
EXPECTED_WARNINGS = (
    "src/shop/domain/deep.py:5: line 5 is nested too deeply to analyse (RecursionError)",
    "src/shop/domain/model.py:1: text holds characters that UTF-8, Graphviz or HTML cannot carry (U+D800)",
    "src/shop/domain/nul.py:1: text holds characters that UTF-8, Graphviz or HTML cannot carry (U+0000)",
    "src/shop/domain/broken.py: broken symbolic link (to gone.py): not read",
    "src/shop/domain/loop.py: symbolic link loop: not read",
    "src/shop/domain/again: links to folder src/shop, already read as src/shop: not read twice",
    "src/shop/domain/pipe.py: not a regular file (a FIFO): not opened",
    "adr/0001-use-events.md:2: front matter is a list, expected a mapping such as 'status: accepted'",
)


def _site(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_hostile_service_builds_with_a_warning_each_and_twice_alike(tmp_path):
    project = write_project(tmp_path / "project", BY_NAME["many hostile files at once"])
    before = snapshot(tmp_path, project.root / "site")
    first = run_plugin(project, timeout=120)
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    for warning in EXPECTED_WARNINGS:
        assert f"WARNING -  domain_atlas: {warning}" in first.stderr, warning
    assert snapshot(tmp_path, project.root / "site") == before, "only the build folder may change"
    built = _site(project.root / "site")
    assert any(name.startswith("architecture/shop/") for name in built)
    (project.root / "site").rename(project.root / "first-site")
    second = run_plugin(project, timeout=120)
    assert second.returncode == 0
    assert _site(project.root / "site") == _site(project.root / "first-site")
