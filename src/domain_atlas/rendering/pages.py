"""The generated Markdown pages of the Architecture section, from Jinja templates.

Diagrams are laid out here too (DOT -> SVG); a page holds a placeholder `<div>` that the MkDocs
adapter swaps for the SVG after Markdown has run, so Markdown never touches SVG markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from html import escape

import jinja2

from domain_atlas.model import Element, Service, SourceModule
from domain_atlas.model.federation import context_dependencies
from domain_atlas.rendering.catalogue_views import CatalogueView, anchor
from domain_atlas.rendering.changes import changed_rows, rows, summary
from domain_atlas.rendering.changes_map import changes_map
from domain_atlas.rendering.diagrams import (
    MAX_MODULE_NODES,
    context_map,
    first_line,
    folded_packages,
    layer_graph,
    layer_title,
)
from domain_atlas.rendering.dot import Graph, dom_id, to_dot
from domain_atlas.rendering.flow_diagrams import MAX_FLOW_NODES, event_flow
from domain_atlas.rendering.graphviz import Engine, LayoutError, render_svg
from domain_atlas.rendering.landscape import Landscape
from domain_atlas.rendering.markdown_escape import inline_attribute, inline_code, markdown_text
from domain_atlas.rendering.relationship_marks import relationship_label, with_declared_relationships
from domain_atlas.rendering.sitemap import Sitemap, context_slug, markdown_link
from domain_atlas.rendering.svg import inline_svg
from domain_atlas.rendering.violation_views import ViolationView
from domain_atlas.rules.changes import ServiceChanges
from domain_atlas.rules.relationships import undeclared_dependencies


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
        body = (
            _readable_canvas(self.svg)
            if self.svg
            else (
                f'<p class="da-layout-error"><strong>Diagram not drawn:</strong> {escape(self.error)}. '
                "The tables on this page list the same dependencies.</p>"
            )
        )
        return (
            f'<figure class="da-diagram" id="{self.key}" data-da-diagram="{self.key}">'
            f"{body}<figcaption>{escape(self.title)}</figcaption></figure>"
        )


# Node labels are 11 pt in our DOT and edge labels are raised to 11 by domain-atlas.css: drawn at >= 1 px per pt they
# read at >= 11 px on screen. A diagram wider than the page scrolls (and pans/zooms) in its frame instead of shrinking.
MIN_PX_PER_PT = 1.0
_NATURAL_WIDTH = re.compile(r'data-width="([\d.]+)"')


def _readable_canvas(svg: str) -> str:
    natural = _NATURAL_WIDTH.search(svg)
    minimum = f"{float(natural.group(1)) * MIN_PX_PER_PT:.0f}px" if natural else "0"
    return f'<div class="da-canvas" style="--da-min-width: {minimum}">{svg}</div>'


@dataclass(frozen=True)
class FlowSection:
    anchor: str
    title: str
    diagram: Diagram


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
    environment.filters["h"] = markdown_text
    environment.filters["code"] = inline_code
    environment.filters["attr"] = inline_attribute
    environment.filters["layer_title"] = layer_title
    environment.filters["first_line"] = first_line
    return environment


class PageRenderer:
    def __init__(
        self,
        sitemap: Sitemap,
        engine: Engine | None,
        layout_timeout: float = 20.0,
        *,
        source_url: str = "",
        api_links: bool = False,
        progress: Callable[[str, int, int], None] | None = None,
        new_elements: frozenset[str] = frozenset(),  # paths `compare_with` found new: marked in the catalogues
    ) -> None:
        self.progress = progress
        self.sitemap = sitemap
        self.engine = engine
        self.layout_timeout = layout_timeout
        self.environment = _environment()
        self.environment.globals.update(
            source_url=source_url,
            api_links=api_links,
            anchor=anchor,
            catalogue_page=catalogue_page_of,
            new_elements=new_elements,
        )
        self.environment.globals.update(
            relationship_label=relationship_label,
            context_dependencies=context_dependencies,
            undeclared_dependencies=undeclared_dependencies,
        )

    def render(self, services: Sequence[Service]) -> RenderedSite:
        site = RenderedSite()
        index = self.sitemap.index()
        landscape = Landscape(services)
        graph = landscape.graph(lambda service: self.sitemap.link(index, self.sitemap.overview(service)))
        drawn = self._diagram("da-landscape", graph, site) if landscape.drawn else None
        site.pages[index] = self.environment.get_template("index.md.j2").render(
            services=services,
            link=lambda page: markdown_link(index, page),
            sitemap=self.sitemap,
            landscape=landscape,
            landscape_diagram=drawn,
        )
        site.titles[index] = "All services"
        for service in services:
            self._render_service(service, site)
        return site

    def render_changes(
        self,
        site: RenderedSite,
        service: Service,
        changes: ServiceChanges | None,
        compared: str,
        commit: str | None,
        problem: str = "",
    ) -> None:
        """The service's Changes page: what the build's revision added, removed and changed since `compared`."""
        page = self.sitemap.catalogue(service, "changes")
        view = CatalogueView(service)
        graph = None
        if changes is not None:

            def context_url(name: str) -> str:
                return self.sitemap.link(page, self.sitemap.context(service, name))

            graph = changes_map(service, changes, context_url)
        diagram = self._diagram(f"da-changes-{service.slug}", graph, site) if graph else None
        site.pages[page] = self.environment.get_template("changes.md.j2").render(
            service=service,
            compared=compared,
            commit=commit,
            problem=problem,
            summary=summary(changes) if changes else "",
            added=rows(changes.added) if changes else [],
            removed=rows(changes.removed) if changes else [],
            changed=changed_rows(changes) if changes else [],
            element_link=self._element_link(service, view, page),
            overview_link=markdown_link(page, self.sitemap.overview(service)),
            diagram=diagram,
        )
        site.titles[page] = "Changes"
        overview = self.sitemap.overview(service)
        map_key = f"da-map-{service.slug}"
        if changes is not None and map_key in site.diagrams:

            def overview_url(name: str) -> str:
                return self.sitemap.link(overview, self.sitemap.context(service, name))

            # The overview's context map shows the same marks, its links drawn from the overview's own folder.
            marked = changes_map(service, changes, overview_url)
            if marked is not None:
                self._diagram(map_key, replace(marked, id=dom_id("context-map", service.slug)), site)
        if overview in site.pages:
            # A one-line summary under the overview's title, so a reviewer sees at once whether anything changed.
            note = problem or (summary(changes) if changes else "no architectural change")
            line = (
                f"**Since {inline_code(compared)}:** {markdown_text(note)} ([changes]({markdown_link(overview, page)}))"
            )
            title, _, rest = site.pages[overview].partition("\n")
            site.pages[overview] = f"{title}\n\n{line}\n{rest}"

    def _diagram(self, key: str, graph: Graph, site: RenderedSite, *, unique_ids: bool = False) -> Diagram | None:
        if not graph.nodes:
            return None
        dot = to_dot(graph)
        svg, error = "", ""
        if self.engine is None:
            error = "no Graphviz engine is available"
        else:
            try:
                raw = render_svg(dot, self.engine, self.layout_timeout, edge_count=len(graph.edges))
                svg = inline_svg(raw, key, graph.title, unique_ids=unique_ids)
            except LayoutError as problem:
                error = str(problem)
        if error:
            site.layout_errors.append(f"{graph.title}: {error}")
        diagram = Diagram(key=key, title=graph.title, svg=svg, dot=dot, error=error)
        site.diagrams[key] = diagram
        if self.progress is not None:
            self.progress("diagrams laid out", len(site.diagrams), 0)
        return diagram

    def _element_url(self, service: Service, page: str) -> Callable[[Element], str]:
        def url(element: Element) -> str:
            name = catalogue_page_of(element)
            if not name:
                return ""
            return self.sitemap.link(page, self.sitemap.catalogue(service, name)) + f"#{anchor(element.path)}"

        return url

    def _module_url(self, service: Service, page: str) -> Callable[[SourceModule], str]:
        """A module node opens the catalogue entry of the first building block defined in it."""
        url_of = self._element_url(service, page)
        by_module: dict[str, list[Element]] = {}
        for element in service.elements:
            module = element.path.rsplit(".", 1)[0]
            while module and service.module(module) is None:
                module = module.rsplit(".", 1)[0] if "." in module else ""
            by_module.setdefault(module, []).append(element)

        def url(module: SourceModule) -> str:
            for element in sorted(by_module.get(module.name, []), key=lambda e: e.line):
                found = url_of(element)
                if found:
                    return found
            return ""

        return url

    def _element_link(self, service: Service, view: CatalogueView, page: str) -> Callable[[str], str]:
        """Markdown link to an element's catalogue entry, or "" when no catalogue page lists it."""

        def link(path: str) -> str:
            element = view.elements.get(path)
            name = catalogue_page_of(element) if element is not None else ""
            if not name:
                return ""
            return markdown_link(page, self.sitemap.catalogue(service, name)) + f"#{anchor(path)}"

        return link

    def _element_href(self, service: Service, view: CatalogueView, page: str) -> Callable[[str], str]:
        """The URL (from `page`) of an element's catalogue entry, for raw HTML; "" when no catalogue lists it."""

        def href(path: str) -> str:
            element = view.elements.get(path)
            name = catalogue_page_of(element) if element is not None else ""
            if not name:
                return ""
            return self.sitemap.link(page, self.sitemap.catalogue(service, name)) + f"#{anchor(path)}"

        return href

    def _catalogue_link(self, service: Service, page: str) -> Callable[[str, str], str]:
        def link(name: str, element_path: str = "") -> str:
            target = markdown_link(page, self.sitemap.catalogue(service, name))
            return target + (f"#{anchor(element_path)}" if element_path else "")

        return link

    def _render_catalogues(self, service: Service, view: CatalogueView, site: RenderedSite) -> None:
        for name, title, _ in CATALOGUE_PAGES:
            page = self.sitemap.catalogue(service, name)
            site.pages[page] = self.environment.get_template(f"{name}.md.j2").render(
                element_link=self._element_link(service, view, page),
                element_href=self._element_href(service, view, page),
                is_fake=is_fake,
                service=service,
                view=view,
                aggregates=view.of_kind("aggregate"),
                events=view.of_kind("domain_event", "integration_event"),
                commands=view.of_kind("command"),
                queries=view.of_kind("query"),
                ports=view.of_kind("port"),
            )
            site.titles[page] = title
        self._render_flows(service, view, site)

    def _render_flows(self, service: Service, view: CatalogueView, site: RenderedSite) -> None:
        """One drawing of the whole flow when it stays readable, else one per context, and per aggregate inside a
        context that is still too big: never a page without a drawing while flows exist."""
        page = self.sitemap.catalogue(service, "flows")
        url = self._element_url(service, page)
        whole = event_flow(service, view, url)
        sections: list[FlowSection] = []
        flow = None
        if len(whole.nodes) <= MAX_FLOW_NODES:
            flow = self._diagram(f"da-flow-{service.slug}", whole, site)
        else:
            for context in service.contexts:
                graph = event_flow(service, view, url, context.name)
                key = f"da-flows-{service.slug}-{context_slug(context.name)}"
                if len(graph.nodes) <= MAX_FLOW_NODES:
                    drawn = self._diagram(key, graph, site, unique_ids=True)
                    if drawn is not None:
                        sections.append(FlowSection(key, f"Context {context.name}", drawn))
                    continue
                for aggregate in view.of_kind("aggregate"):
                    if aggregate.context != context.name:
                        continue
                    around = event_flow(service, view, url, aggregate=aggregate)
                    drawn = self._diagram(f"{key}-{anchor(aggregate.path)}", around, site, unique_ids=True)
                    if drawn is not None:
                        sections.append(FlowSection(drawn.key, f"Aggregate {aggregate.name} ({context.name})", drawn))
        site.pages[page] = self.environment.get_template("flows.md.j2").render(
            service=service, flow=flow, sections=sections, steps=len(whole.nodes), view=view
        )
        site.titles[page] = "Event flows"

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
        view = CatalogueView(service)
        graph = with_declared_relationships(context_map(service, context_url_from(overview), view), service)
        map_diagram = self._diagram(f"da-map-{service.slug}", graph, site)
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
            adr_link=lambda path: markdown_link(violations_page, path),
            service=service,
            violations=service.violations,
            violation_view=ViolationView(service, service.violations),
            context_link=context_link_from(violations_page),
            overview_link=markdown_link(violations_page, overview),
        )
        site.titles[violations_page] = "Violations"

        self._render_catalogues(service, view, site)

        for context in service.contexts:
            page = self.sitemap.context(service, context.name)
            flow_graph = event_flow(service, view, self._element_url(service, page), context.name)
            flow = None
            if len(flow_graph.nodes) <= MAX_FLOW_NODES:
                flow = self._diagram(f"da-flow-{service.slug}-{context_slug(context.name)}", flow_graph, site)
            layers_key = f"da-layers-{service.slug}-{context_slug(context.name)}"

            def drill_key(package: str, prefix: str = layers_key) -> str:
                return f"{prefix}-in-{context_slug(package)}"

            graph = layer_graph(
                service,
                context.name,
                context_url_from(page),
                self._module_url(service, page),
                MAX_MODULE_NODES,
                folded_url=lambda package, key=drill_key: "#" + key(package),  # type: ignore[misc]
            )
            diagram = self._diagram(layers_key, graph, site)
            drilldowns = []
            for package in folded_packages(service, context.name, MAX_MODULE_NODES):
                inside = layer_graph(
                    service,
                    context.name,
                    context_url_from(page),
                    self._module_url(service, page),
                    MAX_MODULE_NODES,
                    within=package,
                )
                drawn = self._diagram(drill_key(package), inside, site, unique_ids=True)
                if drawn is not None:
                    drilldowns.append((package, drawn))
            own = {module.name for module in service.modules_of(context.name)}
            site.pages[page] = self.environment.get_template("context.md.j2").render(
                service=service,
                context=context,
                diagram=diagram,
                drilldowns=drilldowns,
                flow=flow,
                flow_steps=len(flow_graph.nodes),
                flows_link=markdown_link(page, self.sitemap.catalogue(service, "flows")),
                adr_link=lambda path, page=page: markdown_link(page, path),
                elements=[e for e in service.elements if e.context == context.name],
                catalogue_link=self._catalogue_link(service, page),
                layers=service.layers_of(context.name),
                unlayered=[
                    m for m in service.modules_of(context.name) if m.layer is None and m.name != context.package
                ],
                modules={m.name: m for m in service.modules},
                violations=[v for v in service.violations if v.source in own],
                violation_view=ViolationView(service, [v for v in service.violations if v.source in own]),
                depends_on=_context_dependencies(service, context.name, outgoing=True),
                used_by=_context_dependencies(service, context.name, outgoing=False),
                context_link=context_link_from(page),
                overview_link=markdown_link(page, overview),
                violations_link=markdown_link(page, violations_page),
            )
            site.titles[page] = context.name


CATALOGUE_PAGES = (
    ("aggregates", "Aggregates", ("aggregate",)),
    ("events", "Events", ("domain_event", "integration_event")),
    ("messages", "Commands and queries", ("command", "query")),
    ("ports", "Ports and adapters", ("port",)),
)


def catalogue_page_of(element: Element) -> str:
    if element.test:
        return ""  # test code has no catalogue entry (see CatalogueView); fakes show under their port
    for name, _, kinds in CATALOGUE_PAGES:
        if any(kind in element.kinds for kind in kinds):
            return name
    return ""


def is_fake(adapter: Element) -> bool:
    """An adapter for tests: defined in test code, or named as a fake or in-memory stand-in."""
    return adapter.test or ("adapter" in adapter.kinds and adapter.name.startswith(("Fake", "InMemory")))


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
