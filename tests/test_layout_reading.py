"""How a layout was read, as users see it: the overview's section in a built site and `domain-atlas explain`."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from tests.helpers import FIXTURES, mkdocs_build, write_site
from tests.test_export import run_cli

LAYOUTS = FIXTURES / "layouts"


class _Section(HTMLParser):
    """Text of the table rows under the `How this layout was read` heading, one string per row."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.heading = ""
        self.in_heading = False
        self.rows: list[str] = []
        self.row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self.in_heading, self.heading = True, ""
        elif tag == "tr" and self.inside:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.row.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.in_heading = False
            self.inside = self.heading.strip().startswith("How this layout was read")
        elif tag == "tr" and self.row is not None:
            self.rows.append(" | ".join(" ".join(cell.split()) for cell in self.row))
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.heading += data
        if self.row:
            self.row[-1] += data


def test_explain_shows_contexts_layers_and_composition_roots_with_evidence():
    result = run_cli("explain", str(LAYOUTS / "core_container" / "src"))
    assert result.returncode == 0, result.stderr
    assert "## How this layout was read" in result.stdout
    assert "`src.core.container.handlers`" in result.stdout
    assert (
        "imports 3 layers &#40;application, domain, infrastructure&#41;, imported only by src.presentation.routers"
        in (result.stdout)
    )
    assert "| Infrastructure | `src.infrastructure` | 5 | named infrastructure |" in result.stdout


def test_explain_lists_modules_not_placed_with_the_setting_that_places_them():
    result = run_cli("explain", str(LAYOUTS / "naming_controllers_db" / "src"))
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "`archive.repositories.memory`" in line)
    assert "Adapters" in row and "`layers: {adapters: [repositories]}`" in row


def test_overview_page_explains_the_reading(tmp_path: Path):
    shutil.copytree(LAYOUTS / "interface_shared_helper" / "src", tmp_path / "src")
    config = write_site(
        tmp_path, {"fail_on": "never", "services": [{"name": "Servers", "source": "src", "packages": ["svc"]}]}
    )
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    section = _Section()
    section.feed((tmp_path / "site" / "architecture" / "servers" / "index.html").read_text(encoding="utf-8"))
    assert any(row.startswith("shared | svc.shared | shared kernel") for row in section.rows), section.rows
    assert any(row.startswith("server | svc.server | bounded context") for row in section.rows), section.rows
    unplaced = next(row for row in section.rows if row.startswith("svc.shared.helper.pagination"))
    assert "layers: {shared_kernel: [helper]}" in unplaced
