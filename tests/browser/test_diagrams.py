"""The interactive diagrams in a real browser: the repository's own site, built with `mkdocs build`, served on
127.0.0.1 and driven through headless Chromium. Every page runs with the network cut off from everything but
127.0.0.1 (see conftest.py), and every test ends by checking that the page logged no JavaScript errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import REPO_ROOT, StaticServer, build_site

pytestmark = pytest.mark.browser

CONTEXT_MAP = "architecture/domain-atlas/"
READY = "figure.da-diagram[data-da-ready='1'] g.da-viewport"
XLINK = "http://www.w3.org/1999/xlink"


# ---------------------------------------------------------------------------------------------------- helpers


def open_diagram_page(page: Any, url: str) -> Any:
    page.goto(url)
    page.wait_for_selector(READY)
    return page.locator("figure.da-diagram").first


def viewport(figure: Any) -> dict[str, Any]:
    return figure.evaluate(
        """f => ({transform: f.querySelector('g.da-viewport').getAttribute('transform'),
                  scale: parseFloat(f.getAttribute('data-da-scale'))})"""
    )


def context_link(page: Any) -> tuple[str, str]:
    """The id of the first linked context node on the page and the absolute URL it links to."""
    found = page.evaluate(
        """xlink => {
            for (const node of document.querySelectorAll('figure.da-diagram g.da-context')) {
                const a = node.querySelector('a');
                const href = a && (a.getAttributeNS(xlink, 'href') || a.getAttribute('href'));
                if (href) return [node.id, new URL(href, document.baseURI).href];
            }
            return null;
        }""",
        XLINK,
    )
    assert found, "the context map has no linked context node"
    return found[0], found[1]


def busiest_node(page: Any) -> str:
    """The id of the node with the most edges on the page's first diagram."""
    node_id = page.evaluate(
        """() => {
            const fig = document.querySelector('figure.da-diagram');
            const count = {};
            for (const e of fig.querySelectorAll('g.da-edge')) {
                for (const end of [e.dataset.daSource, e.dataset.daTarget]) count[end] = (count[end] || 0) + 1;
            }
            let best = null;
            for (const node of fig.querySelectorAll('g.da-node')) {
                const n = count[node.dataset.daKey] || 0;
                if (n && (!best || n > best[1])) best = [node.id, n];
            }
            return best && best[0];
        }"""
    )
    assert node_id, "the diagram has no node with edges"
    return node_id


def assert_clean(page: Any) -> None:
    assert page.log.errors == [], "JavaScript errors:\n" + "\n".join(page.log.errors)
    assert page.log.external == [], f"requests left 127.0.0.1: {page.log.external}"


def parse_colour(text: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    assert len(numbers) in (3, 4), f"not an rgb() colour: {text!r}"
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of a (possibly translucent) colour drawn on an opaque background."""
    fr, fg, fb, alpha = parse_colour(foreground)
    br, bg, bb, _ = parse_colour(background)
    blended = (fr * alpha + br * (1 - alpha), fg * alpha + bg * (1 - alpha), fb * alpha + bb * (1 - alpha))

    def luminance(rgb: tuple[float, float, float]) -> float:
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(blended), luminance((br, bg, bb))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def diagram_colours(figure: Any) -> dict[str, str]:
    return figure.evaluate(
        """f => {
            const shape = f.querySelector('g.da-node path, g.da-node polygon, g.da-node ellipse');
            const text = f.querySelector('g.da-node text');
            return {fill: getComputedStyle(shape).fill, stroke: getComputedStyle(shape).stroke,
                    text: getComputedStyle(text).fill, background: getComputedStyle(f).backgroundColor};
        }"""
    )


# ---------------------------------------------------------------------------------------------------- fixtures

MERMAID_SITE = """\
site_name: Mermaid offline
theme:
  name: material
  font: false
  features: [navigation.instant]
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - domain-atlas:
      services:
        - name: Domain Atlas
          source: {src}
          packages: [domain_atlas]
"""

MERMAID_PAGE = """# Mermaid offline

```mermaid
graph LR
  Order -->|OrderPlaced| Billing
  Billing --> Shipping
```
"""


@pytest.fixture(scope="session")
def mermaid_url(
    repo_site: Path,
    server: StaticServer,
    serve: Callable[[Path], StaticServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    """A page with a Mermaid diagram: one of the repository's own if it has any, else a throwaway site's."""
    for html in sorted(repo_site.rglob("*.html")):
        if 'class="mermaid"' in html.read_text(encoding="utf-8"):
            return server.url(html.relative_to(repo_site).as_posix())
    root = tmp_path_factory.mktemp("mermaid-site")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(MERMAID_PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MERMAID_SITE.format(src=json.dumps(str(REPO_ROOT / "src"))), encoding="utf-8")
    site = build_site(root / "mkdocs.yml", root / "site")
    return serve(site).url("")


# ---------------------------------------------------------------------------------------------------- tests


def test_wheel_zooms_around_the_pointer_without_scrolling_the_page(page: Any, server: StaticServer):
    figure = open_diagram_page(page, server.url(CONTEXT_MAP))
    before = viewport(figure)
    assert before["scale"] == 1
    node = figure.locator("g.da-node").first
    node.scroll_into_view_if_needed()
    box = node.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    scroll = page.evaluate("scrollY")

    page.mouse.move(x, y)
    page.mouse.wheel(0, -300)
    page.wait_for_function("f => parseFloat(f.getAttribute('data-da-scale')) > 1", arg=figure.element_handle())

    after = viewport(figure)
    assert after["transform"] != before["transform"]
    zoomed = node.bounding_box()
    assert zoomed["width"] > box["width"] * 1.2
    # The point under the pointer stays put.
    assert abs(zoomed["x"] + zoomed["width"] / 2 - x) < 2
    assert abs(zoomed["y"] + zoomed["height"] / 2 - y) < 2
    assert page.evaluate("scrollY") == scroll, "the wheel scrolled the page instead of zooming the diagram"

    page.mouse.wheel(0, 600)
    page.wait_for_function("f => parseFloat(f.getAttribute('data-da-scale')) < 1", arg=figure.element_handle())
    assert_clean(page)


def test_toolbar_drag_and_filter(page: Any, server: StaticServer):
    page.goto(server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    figure = open_diagram_page(page, context_url)  # a layer graph: many nodes
    toolbar = figure.locator(".da-toolbar")
    start_url = page.url

    toolbar.locator("[data-da-action='zoom-in']").click()
    assert viewport(figure)["scale"] == pytest.approx(1.25)
    toolbar.locator("[data-da-action='zoom-out']").click()
    assert viewport(figure)["scale"] == pytest.approx(1)

    # Dragging from a node link pans the diagram and does not follow the link.
    target = figure.locator("g.da-node a").first
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] / 2 + 30, steps=6)
    page.mouse.up()
    page.wait_for_timeout(200)
    assert page.url == start_url
    transform = viewport(figure)["transform"]
    assert transform.startswith("translate(") and "translate(0 0)" not in transform

    toolbar.locator("[data-da-action='reset']").click()
    assert viewport(figure)["transform"] == "translate(0 0) scale(1)"

    toolbar.locator("[data-da-action='actual']").click()
    natural = figure.evaluate("f => f.querySelector('g.da-viewport').getScreenCTM().a")
    assert natural == pytest.approx(4 / 3, rel=0.01), "1:1 should draw one Graphviz point per CSS point"

    # The filter dims every node that does not match and fits the matches into view.
    label = figure.locator("g.da-node text").first.text_content()
    nodes = figure.locator("g.da-node").count()
    toolbar.locator("input.da-filter").fill(label)
    dimmed = figure.locator("g.da-node.da-dim").count()
    matched = figure.locator("g.da-node.da-match").count()
    assert matched >= 1 and dimmed + matched == nodes and dimmed > 0
    assert toolbar.locator(".da-filter-count").text_content() == f"{matched}/{nodes}"
    toolbar.locator("[data-da-action='fit']").click()
    assert viewport(figure)["scale"] > 1
    toolbar.locator("input.da-filter").fill("")
    assert figure.locator("g.da-dim").count() == 0

    # Full screen: the browser's own where granted, otherwise the CSS overlay; either way the diagram fills the screen.
    toolbar.locator("[data-da-action='fullscreen']").click()
    page.wait_for_function("f => f.classList.contains('da-fullscreen')", arg=figure.element_handle())
    svg_box = figure.locator("svg.da-svg").bounding_box()
    assert svg_box["width"] > 1000 and svg_box["height"] > 600
    toolbar.locator("[data-da-action='fullscreen']").click()
    page.wait_for_function("f => !f.classList.contains('da-fullscreen')", arg=figure.element_handle())
    assert page.evaluate("document.documentElement.classList.contains('da-no-scroll')") is False
    assert_clean(page)


def test_clicking_a_context_node_opens_its_page(page: Any, server: StaticServer):
    open_diagram_page(page, server.url(CONTEXT_MAP))
    node_id, url = context_link(page)
    page.evaluate("window.__daMarker = 'same document'")

    page.locator(f'[id="{node_id}"]').click()
    page.wait_for_url(url)
    # Instant navigation changes the URL before it swaps the content in: wait for the new page's layer graph.
    page.wait_for_selector("figure.da-diagram[data-da-ready='1'] g.da-module", timeout=15000)
    assert page.locator("figure.da-diagram g.da-module").count() > 0, "the context page shows its layer graph"
    # Material's instant navigation swapped the page in place instead of reloading it.
    assert page.evaluate("window.__daMarker") == "same document"
    assert_clean(page)


def test_dark_palette_recolours_the_diagram_and_keeps_it_readable(page: Any, server: StaticServer):
    figure = open_diagram_page(page, server.url(CONTEXT_MAP))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    light = diagram_colours(figure)

    page.locator("form[data-md-component='palette'] label:not([hidden])").first.click()
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


def test_pages_load_nothing_from_outside_and_mermaid_renders_offline(page: Any, server: StaticServer, mermaid_url: str):
    page.goto(server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    for url in (server.url(""), server.url("architecture/"), server.url(CONTEXT_MAP), context_url):
        page.goto(url, wait_until="load")
    page.wait_for_selector(READY)

    page.goto(mermaid_url, wait_until="load")
    # Material renders Mermaid into a closed shadow root on a new `div.mermaid` that replaces the `pre`; without a
    # local Mermaid it asks a CDN instead, which the route aborts: stop waiting as soon as that happens.
    rendered = """() => {
        const host = document.querySelector('.mermaid');
        if (!host || host.localName === 'pre') return false;
        const box = host.getBoundingClientRect();
        return box.width > 100 && box.height > 40;
    }"""
    for _ in range(150):
        if page.log.external or page.evaluate(rendered):
            break
        page.wait_for_timeout(100)
    assert page.log.external == [], f"requests left 127.0.0.1: {page.log.external}"
    assert page.evaluate(rendered), "the Mermaid diagram was not rendered"
    assert page.evaluate("typeof mermaid") == "object", "Mermaid should come from the site itself"
    assert page.log.requests, "no requests were recorded"
    assert any("mermaid" in url for url in page.log.requests if url.startswith("http://127.0.0.1"))
    assert_clean(page)


def mark_stale(page: Any) -> None:
    """Mark the diagrams on screen, so a wait can tell them from the next page's (an instant page change swaps the
    content a moment after the URL changes: until then the old diagrams still match any selector)."""
    page.evaluate("document.querySelectorAll('figure.da-diagram').forEach(f => { f.dataset.daStale = '1'; })")


def wait_for_fresh_diagrams(page: Any) -> None:
    page.wait_for_function(
        """ready => document.querySelector(ready) !== null
            && document.querySelector('figure.da-diagram[data-da-stale]') === null""",
        arg=READY,
    )


def one_toolbar_per_diagram(page: Any) -> bool:
    """Counted in one go, on one document."""
    return bool(
        page.evaluate(
            """() => {
                const figures = [...document.querySelectorAll('figure.da-diagram')];
                return figures.length > 0 && figures.every(f => f.querySelectorAll('.da-toolbar').length === 1);
            }"""
        )
    )


def test_diagram_stays_interactive_after_instant_navigation(page: Any, server: StaticServer):
    open_diagram_page(page, server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    page.evaluate("window.__daMarker = 'same document'")

    link = page.evaluate_handle(
        "url => [...document.querySelectorAll('nav.md-nav a.md-nav__link')].find(a => a.href === url)", context_url
    ).as_element()
    assert link is not None, f"no navigation link to {context_url}"
    mark_stale(page)
    link.click()
    page.wait_for_url(context_url)
    wait_for_fresh_diagrams(page)
    assert page.evaluate("window.__daMarker") == "same document", "expected an instant (in-place) page change"
    assert one_toolbar_per_diagram(page)

    figure = page.locator("figure.da-diagram").first
    figure.scroll_into_view_if_needed()
    before = viewport(figure)
    box = figure.locator("svg.da-svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200))
    page.mouse.wheel(0, -200)
    page.wait_for_function("f => parseFloat(f.getAttribute('data-da-scale')) > 1", arg=figure.element_handle())
    assert viewport(figure)["transform"] != before["transform"]

    # Back to the context map through history: enhanced again, still only one toolbar.
    mark_stale(page)
    page.go_back()
    page.wait_for_url(server.url(CONTEXT_MAP))
    wait_for_fresh_diagrams(page)
    assert one_toolbar_per_diagram(page)
    page.evaluate("DomainAtlas.init(document)")
    assert one_toolbar_per_diagram(page)
    assert_clean(page)


def test_hover_spotlights_a_node_and_edges_show_tooltips(page: Any, server: StaticServer):
    page.goto(server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    figure = open_diagram_page(page, context_url)
    node_id = busiest_node(page)
    node = page.locator(f'[id="{node_id}"]')
    node.scroll_into_view_if_needed()
    node.locator("text").first.hover()

    page.wait_for_function("id => document.getElementById(id).classList.contains('da-highlight')", arg=node_id)
    state = figure.evaluate(
        """(f, id) => {
            const node = document.getElementById(id);
            const key = node.dataset.daKey;
            const edges = [...f.querySelectorAll('g.da-edge')];
            const mine = edges.filter(e => e.dataset.daSource === key || e.dataset.daTarget === key);
            const neighbours = new Set(mine.flatMap(e => [e.dataset.daSource, e.dataset.daTarget]));
            const nodes = [...f.querySelectorAll('g.da-node')];
            return {
                mine: mine.length,
                mineLit: mine.every(e => e.classList.contains('da-highlight') && !e.classList.contains('da-dim')),
                othersDim: edges.filter(e => !mine.includes(e)).every(e => e.classList.contains('da-dim')),
                neighboursLit: nodes.filter(n => neighbours.has(n.dataset.daKey))
                    .every(n => n.classList.contains('da-highlight')),
                strangersDim: nodes.filter(n => !neighbours.has(n.dataset.daKey))
                    .every(n => n.classList.contains('da-dim')),
            };
        }""",
        node_id,
    )
    assert state["mine"] > 0
    assert state["mineLit"] and state["othersDim"] and state["neighboursLit"] and state["strangersDim"], state
    # Dimmed items fade to 15 % (after a short transition).
    page.wait_for_function(
        "f => Math.abs(parseFloat(getComputedStyle(f.querySelector('g.da-dim')).opacity) - 0.15) < 0.01",
        arg=figure.element_handle(),
    )

    # An edge's tooltip (its rule, file and line) shows in the floating card, line breaks kept.
    point = figure.evaluate(
        """f => {
            for (const edge of f.querySelectorAll('g.da-edge[data-da-tooltip]')) {
                const path = edge.querySelector('path.da-hit');
                const length = path.getTotalLength();
                for (const at of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                    const local = path.getPointAtLength(length * at);
                    const screen = new DOMPoint(local.x, local.y).matrixTransform(path.getScreenCTM());
                    const hit = document.elementFromPoint(screen.x, screen.y);
                    if (hit && edge.contains(hit)) {
                        return {x: screen.x, y: screen.y, text: edge.dataset.daTooltip, id: edge.id};
                    }
                }
            }
            return null;
        }"""
    )
    assert point, "no edge could be hovered"
    page.mouse.move(point["x"], point["y"])
    tooltip = figure.locator(".da-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.text_content() == point["text"]
    assert re.search(r"\.py:\d+", point["text"]), point["text"]
    assert tooltip.evaluate("t => getComputedStyle(t).whiteSpace") == "pre-line"
    assert page.locator(f'[id="{point["id"]}"]').evaluate("e => e.classList.contains('da-highlight')")
    # Native tooltips would double up: the SVG's own <title>s and xlink:titles are gone.
    assert figure.evaluate("f => f.querySelectorAll('svg title').length") == 0

    page.mouse.move(5, 5)
    tooltip.wait_for(state="hidden")
    assert figure.locator("g.da-dim").count() == 0
    assert_clean(page)


def test_no_javascript_errors_while_using_the_diagrams(page: Any, server: StaticServer):
    open_diagram_page(page, server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    urls = [server.url(CONTEXT_MAP), context_url, server.url("architecture/"), server.url("")]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        for figure in page.locator("figure.da-diagram").all():
            assert figure.get_attribute("data-da-ready") == "1"
            if not figure.is_visible():
                figure.evaluate("f => f.closest('details').open = true")  # a drill-down folded in its <details>
            figure.scroll_into_view_if_needed()
            figure.locator("g.da-node").first.hover()
            page.mouse.wheel(0, -100)
            figure.locator("input.da-filter").fill("zzz-no-such-node")
            assert figure.locator("g.da-node:not(.da-dim)").count() == 0
            figure.locator("[data-da-action='fit']").click()
            figure.locator("[data-da-action='reset']").click()
            page.keyboard.press("Tab")
    assert_clean(page)


def test_two_finger_pinch_zooms_around_the_fingers(new_page: Callable[..., Any], server: StaticServer):
    page = new_page(viewport={"width": 400, "height": 800}, has_touch=True, is_mobile=True)
    page.goto(server.url(CONTEXT_MAP))
    _, context_url = context_link(page)
    figure = open_diagram_page(page, context_url)
    figure.scroll_into_view_if_needed()
    # The drawing keeps its readable size and scrolls in its frame on a narrow screen: pinch in the visible part.
    box = figure.locator(".da-canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 300)
    anchor = figure.evaluate(
        "(f, p) => { const m = f.querySelector('g.da-viewport').getScreenCTM().inverse();"
        " const q = new DOMPoint(p[0], p[1]).matrixTransform(m); return [q.x, q.y]; }",
        [x, y],
    )

    # Playwright has no multi-touch API; Chromium's DevTools protocol does.
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, spread: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x - spread, "y": y, "id": 0}, {"x": x + spread, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 20)
    for spread in range(25, 65, 5):
        touch("touchMove", spread)
    touch("touchEnd", 0)

    assert viewport(figure)["scale"] == pytest.approx(3, rel=0.02)  # fingers 40 px apart, then 120 px
    # The drawing point that was between the fingers is still between them.
    moved = figure.evaluate(
        "(f, a) => { const m = f.querySelector('g.da-viewport').getScreenCTM();"
        " const p = new DOMPoint(a[0], a[1]).matrixTransform(m); return [p.x, p.y]; }",
        anchor,
    )
    assert abs(moved[0] - x) < 2 and abs(moved[1] - y) < 2
    assert page.evaluate("visualViewport.scale") == 1, "the browser zoomed the page instead of the diagram"
    assert_clean(page)
