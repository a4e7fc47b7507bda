"""The "How this layout was read" section as Markdown on its own, for `domain-atlas explain`."""

from __future__ import annotations

import jinja2

from domain_atlas.model import Service
from domain_atlas.rendering.diagrams import layer_title
from domain_atlas.rendering.markdown_escape import inline_code, markdown_text


def layout_reading_markdown(service: Service) -> str:
    """The same section the overview page includes, headed by the service's name."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("domain_atlas.rendering", "templates"),
        autoescape=False,  # Markdown output; values are escaped explicitly with the `h` and `code` filters
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["h"] = markdown_text
    environment.filters["code"] = inline_code
    environment.filters["layer_title"] = layer_title
    section = environment.get_template("_layout_reading.md.j2").render(service=service)
    return f"# {markdown_text(service.name)}\n\n{section}"
