"""`domain-atlas pages`: the Architecture section written into the docs, the same bytes the plugin serves (modulo
asset paths), replacing exactly what an earlier run wrote and never a team's own file."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from domain_atlas.adapters.cli import main
from domain_atlas.adapters.composition.site import toml_string
from domain_atlas.adapters.mkdocs_plugin import DomainAtlasPlugin
from domain_atlas.adapters.page_files import MARKER
from tests.helpers import REPO_ROOT, mkdocs_build
from tests.rendered_html import page_problems

ADR = "---\nstatus: accepted\ndate: 2026-01-02\n---\n# Contexts integrate through events\n\nWhy.\n"


def _wiki(root: Path, source: Path, *, name: str = "Depot Charging", package: str = "charging") -> Path:
    """A small MkDocs project with the plugin configured, one ADR and a home page."""
    docs = root / "docs"
    (docs / "adr").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "adr" / "0001-events.md").write_text(ADR, encoding="utf-8")
    config = {
        "site_name": "Wiki",
        "theme": {"name": "material", "font": False},
        "validation": {"anchors": "warn"},
        "nav": [{"Home": "index.md"}, {"Decisions": ["adr/0001-events.md"]}],
        "plugins": [
            "search",
            {
                "domain-atlas": {
                    "services": [{"name": name, "source": str(source), "packages": [package], "fail_on": "never"}],
                    "adr_links": {"context-independence": "adr/0001-events.md"},
                }
            },
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def _pages(config: Path, *extra: str) -> int:
    return main(["pages", "--config", str(config), *extra])


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _served(config_file: Path) -> dict[str, bytes]:
    """Every file the plugin serves during a real `mkdocs build`, docs-relative."""
    config = load_config(str(config_file), site_dir=str(config_file.parent / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins["domain-atlas"]
    assert isinstance(plugin, DomainAtlasPlugin)
    return plugin.publication.files()


def test_written_files_are_the_bytes_the_plugin_serves_modulo_asset_paths(tmp_path: Path):
    source = REPO_ROOT / "examples" / "depot-charging" / "src"
    served = _served(_wiki(tmp_path / "served", source))
    config = _wiki(tmp_path / "written", source)
    assert _pages(config) == 0
    written = _tree(tmp_path / "written" / "docs" / "architecture")
    assert len(served) >= 15

    expected = {}
    for path, content in served.items():
        moved = path.replace("assets/domain-atlas/", "architecture/assets/", 1)
        expected[moved.removeprefix("architecture/")] = content
    for generated_only in (MARKER, "nav-snippet.mkdocs.yml", "nav-snippet.zensical.toml"):
        assert written.pop(generated_only)
    assert sorted(written) == sorted(expected)
    log = "decisions.md"  # the one difference: the log says the ADR pages have no enforcement section
    assert written[log].startswith(expected[log]) and b"written by `domain-atlas pages`" in written.pop(log)
    expected.pop(log)
    assert [name for name in expected if written[name] != expected[name]] == []


def test_the_plugin_turns_raw_html_links_into_links_between_urls(tmp_path: Path):
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src")
    served = _served(config)
    markdown = served["architecture/depot-charging/aggregates.md"].decode()
    assert 'href="events.md#da-charging-sessions-domain-events-sessionstarted"' in markdown  # as Markdown links
    site = tmp_path / "site"
    html = (site / "architecture/depot-charging/aggregates/index.html").read_text(encoding="utf-8")
    assert 'href="../events/#da-charging-sessions-domain-events-sessionstarted"' in html
    assert 'href="events.md' not in html
    assert page_problems(site, site / "architecture/depot-charging/aggregates/index.html") == []
    # the ADR page served by the plugin ends with the rules that enforce it; pages written by the command cannot
    assert "Rules that enforce this decision" in (site / "adr/0001-events/index.html").read_text("utf-8")


def _copy_service(root: Path) -> Path:
    source = root / "src"
    shutil.copytree(REPO_ROOT / "examples" / "depot-charging" / "src", source)
    return source


def test_rerun_after_a_code_change_replaces_exactly_the_generated_files(tmp_path: Path, capsys):
    source = _copy_service(tmp_path / "code")
    config = _wiki(tmp_path / "wiki", source)
    folder = tmp_path / "wiki" / "docs" / "architecture"
    assert _pages(config) == 0
    first = _tree(folder)
    marker = json.loads(first.pop(MARKER))
    assert sorted(marker["files"]) == sorted(first)
    assert "depot-charging/tariffs/index.md" in first and "nav-snippet.zensical.toml" in first
    assert _pages(config) == 0 and _tree(folder) == {**first, MARKER: (folder / MARKER).read_bytes()}
    assert "(0 written, 0 stale removed" in capsys.readouterr().err

    shutil.rmtree(source / "charging" / "tariffs")  # a context goes away
    assert _pages(config) == 0
    second = _tree(folder)
    second.pop(MARKER)
    assert not any(name.startswith("depot-charging/tariffs/") for name in second)
    assert not (folder / "depot-charging" / "tariffs").exists()
    assert set(second) == {name for name in first if not name.startswith("depot-charging/tariffs/")}
    assert second["assets/domain-atlas.js"] == first["assets/domain-atlas.js"]
    assert second["index.md"] != first["index.md"]


def test_a_file_left_by_an_interrupted_run_is_cleaned_up(tmp_path: Path):
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src")
    folder = tmp_path / "docs" / "architecture"
    assert _pages(config) == 0
    (folder / "depot-charging" / ".domain-atlas-partial-index.md").write_text("half a page", encoding="utf-8")
    assert _pages(config) == 0
    assert not any(path.name.startswith(".domain-atlas-partial-") for path in folder.rglob("*"))


def test_a_folder_holding_a_teams_own_page_is_refused_and_left_alone(tmp_path: Path, capsys):
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src")
    folder = tmp_path / "docs" / "architecture"
    folder.mkdir()
    (folder / "notes.md").write_text("# Our notes\n", encoding="utf-8")
    assert _pages(config) == 2
    assert "notes.md" in capsys.readouterr().err
    assert _tree(folder) == {"notes.md": b"# Our notes\n"}

    (folder / "notes.md").unlink()
    assert _pages(config) == 0
    mine = folder / "depot-charging" / "sessions" / "mine.md"  # added among generated pages
    mine.write_text("# Mine\n", encoding="utf-8")
    assert _pages(config) == 2
    assert "sessions/mine.md was not written by domain-atlas" in capsys.readouterr().err
    mine.unlink()

    (folder / "index.md").write_text("# Edited by hand\n", encoding="utf-8")
    assert _pages(config) == 2
    assert "index.md changed since domain-atlas wrote it" in capsys.readouterr().err
    assert (folder / "index.md").read_text(encoding="utf-8") == "# Edited by hand\n"


@pytest.mark.parametrize("output", ["docs", "outside", "docs/../outside", "/da-absolute-pages-out", "docs/a/../../x"])
def test_output_outside_docs_is_refused_and_nothing_is_written(tmp_path: Path, output: str, capsys, monkeypatch):
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src")
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    assert _pages(config, "-o", output) == 2
    assert "expected a folder inside docs_dir" in capsys.readouterr().err
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/da-absolute-pages-out").exists()


def test_a_link_out_of_docs_is_refused(tmp_path: Path, capsys):
    config = _wiki(tmp_path / "wiki", REPO_ROOT / "examples" / "depot-charging" / "src")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "wiki" / "docs" / "architecture").symlink_to(tmp_path / "elsewhere")
    assert _pages(config) == 2
    assert "expected a folder inside docs_dir" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_nested_output_and_hostile_service_names_give_valid_nav_snippets(tmp_path: Path):
    name = 'Dépôt "charging" \\ [x]: {y} # z'  # control characters: see test_toml_strings_round_trip
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src", name=name)
    assert _pages(config, "-o", str(tmp_path / "docs" / "dev" / "arch")) == 0
    folder = tmp_path / "docs" / "dev" / "arch"
    toml = tomllib.loads((folder / "nav-snippet.zensical.toml").read_text(encoding="utf-8"))["project"]
    mkdocs = yaml.safe_load((folder / "nav-snippet.mkdocs.yml").read_text(encoding="utf-8"))
    for nav in (toml["nav"], mkdocs["nav"]):
        section = nav[0]["Architecture"]
        assert section[0] == {"All services": "dev/arch/index.md"}
        service = next(entry[name] for entry in section if name in entry)
        assert service[0] == {"Overview": f"dev/arch/{next(iter(service[0].values())).split('/')[2]}/index.md"}
    assert toml["extra_css"] == mkdocs["extra_css"] == ["dev/arch/assets/domain-atlas.css"]
    assert toml["extra_javascript"] == mkdocs["extra_javascript"]
    assert all((tmp_path / "docs" / path).is_file() for path in toml["extra_javascript"])


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_toml_strings_round_trip(value: str):
    assert tomllib.loads(f"x = {toml_string(value)}")["x"] == value


def test_the_plugin_refuses_to_build_over_written_pages(tmp_path: Path):
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src")
    assert _pages(config) == 0
    result = mkdocs_build(config, tmp_path / "site", strict=False)
    assert result.returncode != 0
    assert "holds the pages `domain-atlas pages` wrote" in result.stderr and "Traceback" not in result.stderr


def test_mermaid_is_written_and_loaded_deferred_only_when_a_page_uses_it(tmp_path: Path):
    config = _wiki(tmp_path, REPO_ROOT / "examples" / "depot-charging" / "src")
    folder = tmp_path / "docs" / "architecture"
    assert _pages(config) == 0
    assert not (folder / "assets" / "vendor").exists()
    (tmp_path / "docs" / "flow.md").write_text("# Flow\n\n```mermaid\ngraph LR\n  a --> b\n```\n", encoding="utf-8")
    assert _pages(config) == 0
    assert (folder / "assets" / "vendor" / "mermaid.min.js").is_file()
    mkdocs = yaml.safe_load((folder / "nav-snippet.mkdocs.yml").read_text(encoding="utf-8"))
    toml = tomllib.loads((folder / "nav-snippet.zensical.toml").read_text(encoding="utf-8"))["project"]
    deferred = {"path": "architecture/assets/vendor/mermaid.min.js", "defer": True}
    assert mkdocs["extra_javascript"][0] == toml["extra_javascript"][0] == deferred
    assert mkdocs["extra_javascript"][1:] == toml["extra_javascript"][1:] == ["architecture/assets/domain-atlas.js"]
