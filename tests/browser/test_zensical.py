"""The Zensical path, end to end: `domain-atlas pages` writes the Architecture section into a wiki's docs, a real
`zensical build` (which runs no MkDocs plugin) publishes it, and headless Chromium drives the diagrams offline:
pan and zoom, click-through from the context map to a context page, light and dark palettes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from domain_atlas.adapters.cli import main
from tests.browser.conftest import REPO_ROOT, StaticServer, localise_sitemap
from tests.browser.test_diagrams import (
    assert_clean,
    context_link,
    contrast,
    diagram_colours,
    open_diagram_page,
    viewport,
)
from tests.rendered_html import page_problems
from tests.test_rendered_pages import EXAMPLES

pytestmark = pytest.mark.browser

SERVICES = [
    *({"name": name, "source": str(REPO_ROOT / source), "packages": packages} for name, source, packages in EXAMPLES),
    {  # a real service: Domain Atlas itself
        "name": "Domain Atlas",
        "source": str(REPO_ROOT / "src"),
        "packages": ["domain_atlas"],
        "layers": {
            "domain": ["model", "rules"],
            "adapters": ["discovery", "rendering"],
            "inbound_adapters": ["adapters"],
        },
    },
]
ADR = "---\nstatus: accepted\ndate: 2026-01-02\n---\n# Contexts integrate through events\n"
CONTEXT_MAP = "architecture/depot-charging/"


def _zensical() -> list[str]:
    try:
        import zensical  # noqa: F401
    except ImportError:
        pytest.skip("Zensical is not installed (pip install -e '.[dev]' installs it where PyPI has a usable version)")
    found = shutil.which("zensical", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "zensical"]


@pytest.fixture(scope="session")
def zensical_wiki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wiki whose mkdocs.yml keeps the plugin settings (Zensical ignores the plugin) plus the pasted nav snippet."""
    command = _zensical()
    root = tmp_path_factory.mktemp("zensical-wiki")
    (root / "docs" / "adr").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "adr" / "0001-events.md").write_text(ADR, encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "Zensical wiki",
        "theme": {
            "name": "material",
            "font": False,
            "features": ["navigation.instant"],
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "toggle": {"icon": "material/weather-night", "name": "Dark"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "toggle": {"icon": "material/weather-sunny", "name": "Light"},
                },
            ],
        },
        "plugins": [
            {"domain-atlas": {"services": SERVICES, "adr_links": {"context-independence": "adr/0001-events.md"}}}
        ],
        "nav": [{"Home": "index.md"}, {"Decisions": ["adr/0001-events.md"]}],
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert main(["pages", "--config", str(config_file)]) == 0
    snippet = yaml.safe_load((root / "docs/architecture/nav-snippet.mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] += snippet["nav"]
    config["extra_css"], config["extra_javascript"] = snippet["extra_css"], snippet["extra_javascript"]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    started = time.perf_counter()
    result = subprocess.run(
        [*command, "build", "--clean"],
        cwd=root,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}\n{result.stderr}"
    print(f"zensical build: {seconds:.2f} s")
    return root / "site"


@pytest.fixture(scope="session")
def zensical_server(zensical_wiki: Path, serve: Any) -> StaticServer:
    started = serve(zensical_wiki)
    localise_sitemap(zensical_wiki, started.base)
    return started


def _published(site: Path) -> list[tuple[Path, int]]:
    """Every page `domain-atlas pages` wrote, as Zensical published it, with the number of diagrams it holds."""
    docs = site.parent / "docs"
    found = []
    for markdown in sorted((docs / "architecture").rglob("*.md")):
        page = markdown.relative_to(docs).with_suffix("")
        html = site / (page.parent if page.name == "index" else page) / "index.html"
        found.append((html, markdown.read_text(encoding="utf-8").count('<figure class="da-diagram"')))
    return found


def test_every_architecture_page_is_published_with_its_diagrams_and_links(zensical_wiki: Path):
    published = _published(zensical_wiki)
    assert len(published) >= 6 * 7 + 2  # per service: overview, context(s), 5 catalogues, violations; index, log
    for html, figures in published:
        assert html.is_file(), f"Zensical did not publish {html}"
        text = html.read_text(encoding="utf-8")
        assert "da-diagram-slot" not in text
        assert text.count('<svg class="da-svg"') == figures, f"{html}: an inline SVG is missing"
        assert page_problems(zensical_wiki, html) == [], html
    assert (zensical_wiki / "architecture/assets/domain-atlas.js").is_file()


def test_every_diagram_is_interactive_offline(page: Any, zensical_wiki: Path, zensical_server: StaticServer):
    with_diagrams = [html for html, figures in _published(zensical_wiki) if figures]
    assert len(with_diagrams) >= 6 * 2
    for html in with_diagrams:
        page.goto(zensical_server.url(html.parent.relative_to(zensical_wiki).as_posix() + "/"))
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.da-diagram')].every(f => f.dataset.daReady === '1')"
        )
        assert page.locator("figure.da-diagram .da-toolbar").count() == page.locator("figure.da-diagram").count()
    assert_clean(page)


def test_pan_and_zoom_in_a_zensical_site(page: Any, zensical_server: StaticServer):
    page.goto(zensical_server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    figure = open_diagram_page(page, context_url)
    toolbar = figure.locator(".da-toolbar")
    toolbar.locator("[data-da-action='zoom-in']").click()
    assert viewport(figure)["scale"] == pytest.approx(1.25)
    start_url = page.url
    svg = figure.locator("svg.da-svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 150))
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + min(box["height"] / 2, 150) + 30, steps=6)
    page.mouse.up()
    page.wait_for_timeout(200)
    assert page.url == start_url
    assert "translate(0 0)" not in viewport(figure)["transform"]
    page.mouse.wheel(0, -300)
    page.wait_for_function("f => parseFloat(f.getAttribute('data-da-scale')) > 1.25", arg=figure.element_handle())
    assert_clean(page)


def test_clicking_a_context_opens_its_page_in_a_zensical_site(page: Any, zensical_server: StaticServer):
    open_diagram_page(page, zensical_server.url(CONTEXT_MAP))
    node_id, url = context_link(page)
    page.locator(f'[id="{node_id}"]').click()
    page.wait_for_url(url)
    page.wait_for_selector("figure.da-diagram[data-da-ready='1'] g.da-module", timeout=15000)
    assert page.locator("figure.da-diagram g.da-module").count() > 0, "the context page shows its layer graph"
    assert_clean(page)


def test_dark_palette_recolours_the_diagram_in_a_zensical_site(new_page: Any, zensical_server: StaticServer):
    dark_reader = new_page(color_scheme="dark")  # a reader whose system prefers dark gets the dark palette
    open_diagram_page(dark_reader, zensical_server.url(CONTEXT_MAP))
    assert dark_reader.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert_clean(dark_reader)

    page = new_page(color_scheme="light")
    figure = open_diagram_page(page, zensical_server.url(CONTEXT_MAP))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    light = diagram_colours(figure)
    page.locator("form[data-md-component='palette'] label:not([hidden])").first.click()  # the header's toggle
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(100)
    dark = diagram_colours(figure)
    assert dark["fill"] != light["fill"]
    assert dark["text"] != light["text"]
    assert dark["background"] != light["background"]
    for scheme in (light, dark):
        assert contrast(scheme["text"], scheme["background"]) >= 4.5, scheme
        assert contrast(scheme["stroke"], scheme["background"]) >= 3, scheme
    assert_clean(page)
