"""The rendering use case both hosts share (composition.site.publish): every file a reader sees, diagrams inlined as raw
HTML blocks that Markdown passes through untouched, so no host needs a post-processing hook."""

from __future__ import annotations

import posixpath
import re

import markdown
import pytest

from domain_atlas.adapters.composition import analyse
from domain_atlas.adapters.composition.site import NavPage, NavSection, Sitemap, publish, url_relative_links
from domain_atlas.adapters.config_schema import validated
from domain_atlas.adapters.settings import service_specs
from domain_atlas.rendering.pages import PageRenderer
from tests.helpers import REPO_ROOT

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
ADR = """---
status: accepted
date: 2026-01-02
---
# Keep the domain pure
"""


@pytest.fixture(scope="module")
def services():
    service = {"name": "Depot Charging", "source": "examples/depot-charging/src", "packages": ["charging"]}
    specs, _ = service_specs(validated({"services": [service]}, None, "test"), REPO_ROOT)
    return analyse(specs)


def _publish(services, **options):
    settings = {"engine": None, "layout_timeout": 20.0, "asset_folder": "assets/domain-atlas", **options}
    return publish(services, Sitemap("architecture"), **settings)


def test_pages_hold_their_diagrams_as_raw_html_that_markdown_keeps_byte_for_byte(services):
    result = _publish(services)
    figures = 0
    for path, text in result.pages.items():
        assert 'class="da-diagram-slot"' not in text, f"{path} still holds a placeholder"
        for block in text.split("\n\n"):
            if block.lstrip().startswith("<figure"):
                figures += 1
                assert block.startswith('<figure class="da-diagram"') and block.endswith("</figure>"), path
                for extensions in ([], EXTENSIONS):
                    assert block in markdown.markdown(text, extensions=extensions), f"{path}: Markdown changed it"
    # the context map, each context's layer graph and event flow, the service's event flow
    assert figures >= 1 + 2 * len(services[0].contexts)


def test_assets_schema_and_nav_come_with_the_pages(services):
    result = _publish(services, nav_title="Design")
    assert result.stylesheets == ["assets/domain-atlas/domain-atlas.css"]
    assert result.scripts[-1] == "assets/domain-atlas/domain-atlas.js"
    assert set(result.stylesheets + result.scripts) <= set(result.assets)
    assert "architecture/model-1.schema.json" in result.assets
    assert result.nav.title == "Design"
    (index, service) = result.nav.children
    assert index == NavPage("All services", "architecture/index.md")
    assert isinstance(service, NavSection) and service.title == "Depot Charging"
    listed = [child.path for child in service.children if isinstance(child, NavPage)]
    assert set(listed) == {path for path in result.pages if path.startswith("architecture/depot-charging/")}
    assert set(result.files()) == set(result.pages) | set(result.assets)


def test_decision_log_from_adr_documents_and_the_note_when_the_host_cannot_add_adr_sections(services):
    documents = [("adr/0001-pure.md", ADR), ("adr/index.md", ADR), ("guide/0002-not-an-adr.md", ADR)]
    links = {"domain-framework-free": "adr/0001-pure.md"}
    served = _publish(services, adr_documents=documents, adr_links=links)
    written = _publish(services, adr_documents=documents, adr_links=links, adr_sections=False)
    log = served.pages["architecture/decisions.md"]
    assert "[Keep the domain pure](../adr/0001-pure.md)" in log and "`domain-framework-free`" in log
    assert list(served.decisions) == ["adr/0001-pure.md"]
    assert written.pages["architecture/decisions.md"].startswith(log)
    assert "written by `domain-atlas pages`" in written.pages["architecture/decisions.md"]
    assert "domain-atlas pages" not in log
    assert NavPage("Decision log", "architecture/decisions.md") in served.nav.children


def test_a_bad_adr_is_a_warning_naming_it_and_stays_out_of_the_log(services):
    result = _publish(services, adr_documents=[("adr/0003-bad.md", "---\nstatus: [\n---\n# Bad\n")])
    assert any(warning.startswith("adr/0003-bad.md:") for warning in result.warnings), result.warnings
    assert "architecture/decisions.md" not in result.pages


@pytest.mark.parametrize("directory_urls", [True, False])
def test_raw_html_links_point_at_source_pages_and_turn_back_into_urls(services, directory_urls: bool):
    sitemap = Sitemap("architecture", directory_urls)
    result = publish(services, sitemap, engine=None, layout_timeout=20.0, asset_folder="assets/domain-atlas")
    links = 0
    for page, text in result.pages.items():
        for href in re.findall(r'(?<=\s)href="([^"]*)"', text):
            if href.startswith(("http", "#")):
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            assert target in result.pages, f"{page}: raw link {href} is not a source-relative link to a page"
            back = url_relative_links(page, f' href="{href}"', sitemap, result.pages)
            assert back == f' href="{sitemap.link(page, target)}#{fragment}"'
            links += 1
    assert links >= 5  # the catalogue entries link each other


def test_a_comment_opener_in_hostile_code_text_leaves_the_diagrams_raw_html():
    """`<!--` in a path shown as code once made Python-Markdown miss every HTML block after it: the inline SVG
    became a paragraph whose labels Markdown rewrote (`*x*` into <em>, `__init__` into <strong>)."""
    from tests.test_hostile_pages import _service

    site = PageRenderer(Sitemap("architecture"), engine=None).render([_service("Zx --><!--")])
    figure = (
        '<figure class="da-diagram" id="k"><div class="da-canvas"><svg><text>a_b_c *x* y</text>\n'
        "<g><text>__init__ [l](u)</text></g></svg></div><figcaption>t</figcaption></figure>"
    )
    page = site.pages["architecture/shop/index.md"].replace(
        '<div class="da-diagram-slot" data-da-diagram="da-map-shop"></div>', figure
    )
    assert figure in page
    for extensions in ([], EXTENSIONS):
        html = markdown.markdown(page, extensions=extensions)
        assert figure in html and f"<p>{figure}" not in html
