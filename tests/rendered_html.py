"""Reading built pages the way a browser does: with an HTML parser, not with string searches."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

# Markdown syntax that only shows when an extension the page relied on is missing.
ATTR_LIST_AS_TEXT = re.compile(r"\{\s*[#:.][^}]*\}")
TABLE_AS_TEXT = re.compile(r"\|\s*:?-{3,}")


def soup_of(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> Tag:
    found = soup.find("article")
    assert isinstance(found, Tag), "page has no <article>"
    return found


def visible_text(tag: Tag) -> str:
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.find_all(["script", "style"]):
        hidden.decompose()
    return copy.get_text(" ")


@functools.cache
def ids_of(page: Path) -> frozenset[str]:
    return frozenset(str(tag["id"]) for tag in soup_of(page).find_all(id=True))


def internal_hrefs(tag: Tag) -> list[str]:
    """Every link a reader can follow inside the page content: HTML anchors and SVG links."""
    found = []
    for link in tag.find_all("a"):
        href = link.get("href") or link.get("xlink:href")
        if not href:
            continue
        href = str(href)
        if urlsplit(href).scheme or href.startswith("//"):
            continue
        found.append(href)
    return found


def resolve(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file an href opens (or None) and its fragment."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    target = (page.parent / path).resolve() if path else page.resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    inside = site.resolve() in target.parents
    return (target if inside and target.is_file() else None), unquote(parts.fragment)


def page_problems(site: Path, page: Path) -> list[str]:
    """What a reader would see broken on a generated page: syntax shown as text, links that go nowhere."""
    content = article(soup_of(page))
    text = visible_text(content)
    problems = [f"attribute list shown as text: {m!r}" for m in ATTR_LIST_AS_TEXT.findall(text)]
    problems += [f"table syntax shown as text: {m!r}" for m in TABLE_AS_TEXT.findall(text)]
    seen: set[str] = set()
    for tag in soup_of(page).find_all(id=True):
        if str(tag["id"]) in seen:
            problems.append(f"id used twice on the page: {tag['id']}")  # a link or a script would pick one
        seen.add(str(tag["id"]))
    for label in content.find_all("text"):
        if label.get_text().startswith("da-"):  # a node drawn only because an edge named it: Graphviz shows its id
            problems.append(f"diagram node labelled with its id: {label.get_text()!r}")
    for href in internal_hrefs(content):
        target, fragment = resolve(site, page, href)
        if target is None:
            problems.append(f"link to a missing page: {href}")
        elif fragment and fragment not in ids_of(target):
            problems.append(f"link to a missing anchor: {href}")
    return problems


def generated_pages(site: Path, base: str = "architecture") -> list[Path]:
    return sorted((site / base).rglob("*.html"))
