"""Turning Graphviz's SVG document into an inline fragment that any page can hold more than one of."""

from __future__ import annotations

import re

_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*", re.DOTALL)
_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
_GENERATED_ID = re.compile(r'id="((?:graph|node|edge|clust)\d+|a_[^"]*)"')


_ANY_ID = re.compile(r'\bid="([^"]*)"')


def inline_svg(svg: str, key: str, label: str, *, unique_ids: bool = False) -> str:
    """Strip the XML prolog and comments, make generated ids unique per diagram, size to the container.

    The viewBox stays, so the drawing scales; its natural width is kept in `data-width` so a small
    diagram is not blown up to page width.
    """
    svg = _PROLOG.sub("", svg)
    svg = svg.replace("&#45;", "-")
    width = re.search(r'<svg width="([\d.]+)pt"', svg)
    natural = width.group(1) if width else ""
    svg = _SIZE.sub(
        f'<svg class="da-svg" role="group" aria-label="{_attribute(label)}" data-width="{natural}"'
        f' style="max-width: min(100%, {natural or 100}pt)"',
        svg,
        count=1,
    )
    svg = _GENERATED_ID.sub(lambda match: f'id="{key}-{match.group(1)}"', svg)
    # The figure around the drawing carries `key` as its id (links to a drawing land there), so the graph may not.
    svg = svg.replace(f'id="{key}"', f'id="{key}-graph"')
    if unique_ids:
        # A drawing that shares its page with another drawing of the same nodes (a drill-down, a flow around
        # one aggregate) gets every id prefixed, so ids stay unique on the page; scripts key nodes by title.
        svg = _ANY_ID.sub(lambda m: m.group(0) if m.group(1).startswith(key) else f'id="{key}--{m.group(1)}"', svg)
    return svg.strip()


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
