"""The Changes page (`compare_with`) in headless Chromium: readable marks for added and removed, in both palettes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import StaticServer, build_site
from tests.browser.test_diagrams import assert_clean, contrast
from tests.git_history import build_history

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def changes_site(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], StaticServer]) -> StaticServer:
    repository = build_history(tmp_path_factory.mktemp("changes-history") / "shop")
    (repository / "docs").mkdir()
    (repository / "docs" / "index.md").write_text("# Shop\n")
    palette = [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "toggle": {"icon": "material/weather-night"}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "toggle": {"icon": "material/weather-sunny"}},
    ]
    config = {
        "site_name": "Shop",
        "theme": {"name": "material", "font": False, "palette": palette},
        "markdown_extensions": ["attr_list", "tables", "admonition", {"toc": {"permalink": True}}],
        "plugins": [{"domain-atlas": {"services": [{"name": "Shop", "source": "src"}], "compare_with": "handler"}}],
    }
    config_file = repository / "site.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return serve(build_site(config_file, tmp_path_factory.mktemp("changes-site")))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_changes_page_marks_added_and_removed_readably(
    new_page: Callable[..., Any], changes_site: StaticServer, scheme: str
):
    page = new_page(color_scheme=scheme)
    page.goto(changes_site.url("architecture/shop/changes/"))
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert page.locator("h1").inner_text().rstrip("¶") == "Changes"
    added, removed = page.locator(".da-change--added"), page.locator(".da-change--removed")
    assert added.count() == 5 and removed.count() == 4
    background = page.evaluate(
        """() => {
            let node = document.querySelector('.md-content');
            while (node) {
                const colour = getComputedStyle(node).backgroundColor;
                if (colour && !colour.endsWith(', 0)') && colour !== 'transparent') return colour;
                node = node.parentElement;
            }
            return getComputedStyle(document.body).backgroundColor;
        }"""
    )
    colours = {
        mark: page.locator(f".da-change--{mark}").first.evaluate("node => getComputedStyle(node).color")
        for mark in ("added", "removed")
    }
    assert colours["added"] != colours["removed"]
    for mark, colour in colours.items():
        assert contrast(colour, background) >= 4.5, (scheme, mark, colour, background)
    # The context map: billing's dependency on orders is gone, drawn back from the base revision, red and dashed.
    gone = page.locator("svg g.edge.da-removed").first
    assert gone.get_attribute("id") == "da-edge-billing-orders"
    strokes = gone.locator("path").evaluate_all(
        "nodes => nodes.map(node => [getComputedStyle(node).stroke, getComputedStyle(node).strokeDasharray])"
    )
    drawn = [item for item in strokes if not item[0].endswith(", 0)")]  # not the transparent hover target
    assert len(drawn) == 1, strokes
    stroke = drawn[0]
    assert stroke[0] == colours["removed"] and stroke[1] not in ("none", ""), stroke
    assert contrast(stroke[0], background) >= 3, (scheme, stroke, background)
    row = page.locator("tr", has_text="shop.orders.domain.ports.OrderRepository").first
    assert row.is_visible()
    row.locator("a").first.click()  # the new port opens its catalogue entry
    page.wait_for_url("**/architecture/shop/ports/#*")
    entry = page.locator("#da-shop-orders-domain-ports-orderrepository")
    assert entry.is_visible()
    badge = entry.locator("summary .da-change--added")  # the catalogue marks what is new since the ref
    assert badge.inner_text() == "new"
    assert badge.evaluate("node => getComputedStyle(node).color") == colours["added"]
    assert_clean(page)
