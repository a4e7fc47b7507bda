"""The flows page always draws the flows it lists: the whole service when that stays readable, else one drawing per
context, and around each aggregate where a context alone is still too big."""

from __future__ import annotations

import re

import pytest

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import Service, ServiceSpec
from domain_atlas.rendering import pages
from domain_atlas.rendering.pages import PageRenderer
from domain_atlas.rendering.sitemap import Sitemap
from tests.helpers import REPO_ROOT

SLOTS = re.compile(r'data-da-diagram="([^"]+)"')


@pytest.fixture(scope="module")
def service() -> Service:
    root = REPO_ROOT / "examples" / "depot-charging" / "src"
    return analyse_service(ServiceSpec("Depot Charging", (root,), ("charging",), base=root))


def _flows_page(service: Service) -> tuple[str, dict[str, str]]:
    site = PageRenderer(Sitemap("architecture"), engine=None).render([service])
    contexts = {path: text for path, text in site.pages.items() if path.count("/") == 3}
    return site.pages["architecture/depot-charging/flows.md"], contexts


def test_a_readable_flow_is_drawn_whole(service: Service):
    page, _ = _flows_page(service)
    assert SLOTS.findall(page) == ["da-flow-depot-charging"]


def test_a_big_flow_is_drawn_per_context_and_per_aggregate(service: Service, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pages, "MAX_FLOW_NODES", 12)
    page, contexts = _flows_page(service)
    drawn = SLOTS.findall(page)
    assert len(drawn) >= 2 and "da-flow-depot-charging" not in drawn
    assert any("-da-charging-" in key for key in drawn)  # at least one context was still too big: per aggregate
    assert "No handler or publisher" not in page and "| Message |" in page
    too_big = [text for text in contexts.values() if "too many for one readable drawing" in text]
    assert too_big and all("](../flows.md)" in text for text in too_big)


def test_a_big_layer_graph_folds_packages_and_drills_down(service: Service, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pages, "MAX_MODULE_NODES", 8)
    site = PageRenderer(Sitemap("architecture"), engine=None).render([service])
    context = site.pages["architecture/depot-charging/sessions/index.md"]
    main = site.diagrams["da-layers-depot-charging-sessions"]
    drills = [key for key in SLOTS.findall(context) if key.startswith("da-layers-depot-charging-sessions-in-")]
    assert drills and '<details class="da-drill">' in context
    # Every folded node of the main drawing opens its drill-down on the same page.
    folded = re.findall(r'URL="#([^"]+)"', main.dot)
    assert folded and set(folded) == set(drills)
    for key in drills:
        assert "Layer dependencies inside charging.sessions." in site.diagrams[key].title
