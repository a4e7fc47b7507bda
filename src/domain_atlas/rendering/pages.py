"""The generated Markdown pages of the Architecture section, from Jinja templates.

Diagrams are laid out here too (DOT -> SVG); a page holds a placeholder `<div>` that the MkDocs
adapter swaps for the SVG after Markdown has run, so Markdown never touches SVG markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

import jinja2

from domain_atlas.model import Service, SourceModule
from domain_atlas.rendering.diagrams import context_map, first_line, layer_graph, layer_title
from domain_atlas.rendering.dot import Graph, to_dot
from domain_atlas.rendering.graphviz import Engine, LayoutError, render_svg
from domain_atlas.rendering.sitemap import Sitemap, context_slug, markdown_link
from domain_atlas.rendering.svg import inline_svg


@dataclass(frozen=True)
class Diagram:
    key: str
    title: str
    svg: str
    dot: str
    error: str = ""

    def placeholder(self) -> str:
        return f'<div class="da-diagram-slot" data-da-diagram="{self.key}"></div>'

    def html(self) -> str:
        body = self.svg or (
            f'<p class="da-layout-error"><strong>Diagram not drawn:</strong> {escape(self.error)}. '
            "The tables on this page list the same dependencies.</p>"
        )
        return (
            f'<figure class="da-diagram" id="{self.key}" data-da-diagram="{self.key}">'
            f"{body}<figcaption>{escape(self.title)}</figcaption></figure>"
        )


@dataclass
class RenderedSite:
    pages: dict[str, str] = field(default_factory=dict)
    diagrams: dict[str, Diagram] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    layout_errors: list[str] = field(default_factory=list)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("domain_atlas.rendering", "templates"),
        autoescape=False,  # Markdown output; values are escaped explicitly with the `h` filter
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["h"] = _markdown_text
    environment.filters["code"] = _inline_code
    environment.filters["layer_title"] = layer_title
    environment.filters["first_line"] = first_line
    return environment


def _markdown_text(value: object) -> str:
    """Escape text for a Markdown table cell or paragraph: no raw HTML, no accidental emphasis or cells."""
    text = escape(str(value), quote=False)
    for char in "\\`*_[]|<>#":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def _inline_code(value: object) -> str:
    text = str(value).replace("`", "'").replace("|", "\\|").replace("\n", " ")
    return f"`{text}`"


class PageRenderer:
    def __init__(self, sitemap: Sitemap, engine: Engine | None, layout_timeout: float = 20.0) -> None:
        self.sitemap = sitemap
        self.engine = engine
        self.layout_timeout = layout_timeout
        self.environment = _environment()

    def render(self, services: Sequence[Service]) -> RenderedSite:
        site = RenderedSite()
        index = self.sitemap.index()
        site.pages[index] = self.environment.get_template("index.md.j2").render(
            services=services, link=lambda page: markdown_link(index, page), sitemap=self.sitemap
        )
        site.titles[index] = "All services"
        for service in services:
            self._render_service(service, site)
        return site

    def _diagram(self, key: str, graph: Graph, site: RenderedSite) -> Diagram:
        dot = to_dot(graph)
        svg, error = "", ""
        if self.engine is None:
            error = "no Graphviz engine is available"
        else:
            try:
                raw = render_svg(dot, self.engine, self.layout_timeout, edge_count=len(graph.edges))
                svg = inline_svg(raw, key, graph.title)
            except LayoutError as problem:
                error = str(problem)
        if error:
            site.layout_errors.append(f"{graph.title}: {error}")
        diagram = Diagram(key=key, title=graph.title, svg=svg, dot=dot, error=error)
        site.diagrams[key] = diagram
        return diagram

    def _render_service(self, service: Service, site: RenderedSite) -> None:
        overview = self.sitemap.overview(service)

        def context_url_from(page: str) -> Callable[[str], str]:
            return lambda name: self.sitemap.link(page, self.sitemap.context(service, name))

        def context_link_from(page: str) -> Callable[[str], str]:
            return lambda name: markdown_link(page, self.sitemap.context(service, name))

        modules_per_context = Counter(module.context for module in service.modules)
        violations_per_context = Counter(
            service.module(violation.source).context  # type: ignore[union-attr]
            for violation in service.violations
            if service.module(violation.source) is not None
        )
        map_diagram = self._diagram(f"da-map-{service.slug}", context_map(service, context_url_from(overview)), site)
        site.pages[overview] = self.environment.get_template("overview.md.j2").render(
            service=service,
            diagram=map_diagram,
            modules_per_context=modules_per_context,
            violations_per_context=violations_per_context,
            context_link=context_link_from(overview),
            violations_link=markdown_link(overview, self.sitemap.violations(service)),
            outside=[module for module in service.modules if module.context is None],
        )
        site.titles[overview] = "Overview"

        violations_page = self.sitemap.violations(service)
        site.pages[violations_page] = self.environment.get_template("violations.md.j2").render(
            service=service,
            violations=service.violations,
            overview_link=markdown_link(violations_page, overview),
        )
        site.titles[violations_page] = "Violations"

        for context in service.contexts:
            page = self.sitemap.context(service, context.name)
            graph = layer_graph(service, context.name, context_url_from(page))
            diagram = self._diagram(f"da-layers-{service.slug}-{context_slug(context.name)}", graph, site)
            own = {module.name for module in service.modules_of(context.name)}
            site.pages[page] = self.environment.get_template("context.md.j2").render(
                service=service,
                context=context,
                diagram=diagram,
                layers=service.layers_of(context.name),
                unlayered=[
                    m for m in service.modules_of(context.name) if m.layer is None and m.name != context.package
                ],
                modules={m.name: m for m in service.modules},
                violations=[v for v in service.violations if v.source in own],
                depends_on=_context_dependencies(service, context.name, outgoing=True),
                used_by=_context_dependencies(service, context.name, outgoing=False),
                context_link=context_link_from(page),
                overview_link=markdown_link(page, overview),
                violations_link=markdown_link(page, violations_page),
            )
            site.titles[page] = context.name


def _context_dependencies(service: Service, context: str, *, outgoing: bool) -> list[tuple[str, int]]:
    modules: dict[str, SourceModule] = {module.name: module for module in service.modules}
    counts: Counter[str] = Counter()
    for edge in service.internal_imports():
        source, target = modules[edge.source].context, modules[edge.target].context
        if not source or not target or source == target:
            continue
        if outgoing and source == context:
            counts[target] += 1
        elif not outgoing and target == context:
            counts[source] += 1
    return sorted(counts.items())
