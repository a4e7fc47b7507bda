"""Where each generated page lives, and relative links between pages that work with either URL style."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from domain_atlas.model import Service


@dataclass(frozen=True)
class Sitemap:
    base: str  # docs-relative folder of the generated section, e.g. "architecture"
    use_directory_urls: bool = True

    def index(self) -> str:
        return f"{self.base}/index.md"

    def overview(self, service: Service) -> str:
        return f"{self.base}/{service.slug}/index.md"

    def context(self, service: Service, context: str) -> str:
        return f"{self.base}/{service.slug}/{context_slug(context)}/index.md"

    def violations(self, service: Service) -> str:
        return f"{self.base}/{service.slug}/violations.md"

    def catalogue(self, service: Service, name: str) -> str:
        """One of the catalogue pages: aggregates, events, messages, ports, flows."""
        return f"{self.base}/{service.slug}/{name}.md"

    def catalogue_root(self, name: str) -> str:
        """A page of the section about all services, e.g. the decision log."""
        return f"{self.base}/{name}.md"

    def url(self, page: str) -> str:
        stem = page[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")] if self.use_directory_urls else stem + ".html"
        return stem + "/" if self.use_directory_urls else stem + ".html"

    def link(self, from_page: str, to_page: str) -> str:
        """A link from one generated page to another, relative so the site can live under any prefix."""
        source = self.url(from_page)
        target = self.url(to_page)
        folder = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
        relative = posixpath.relpath(target or ".", folder.rstrip("/") or ".")
        if target.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative if relative != "./" else "./"


def markdown_link(from_page: str, to_page: str) -> str:
    """A Markdown link target between two source pages; MkDocs turns it into the right URL and checks it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


# Page names a context folder must not take: with directory URLs, `events/index.md` and `events.md` are one page.
RESERVED_CONTEXT_SLUGS = frozenset({"aggregates", "events", "messages", "ports", "flows", "violations"})
RESERVED_SERVICE_SLUGS = frozenset({"decisions"})
MAX_SLUG_LENGTH = 60


def page_slug(name: str, fallback: str) -> str:
    """A folder name from any text: lowercase word characters (any script) and `-`, never `.`, `/` or empty."""
    slug = re.sub(r"[\W_]+", "-", name.lower()).strip("-")[:MAX_SLUG_LENGTH].strip("-")
    return slug or fallback


def context_slug(name: str) -> str:
    slug = page_slug(name, "context")
    return f"{slug}-context" if slug in RESERVED_CONTEXT_SLUGS else slug
