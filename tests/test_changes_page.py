"""`compare_with`: a Changes page per service in a real MkDocs build, read back from the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.git_history import build_history, git
from tests.git_history import repository_state as state
from tests.helpers import mkdocs_build, write_site


class _Tables(HTMLParser):
    """Rows of every table under each h2 of the page's article, as text cells."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[list[str]]] = {}
        self.heading = ""
        self.text = ""
        self.in_heading = False
        self.row: list[str] | None = None
        self.cell: str | None = None
        self.paragraphs: list[str] = []
        self.paragraph: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "h2":
            self.in_heading, self.text = True, ""
        elif tag == "tr":
            self.row = []
        elif tag == "td":
            self.cell = ""
        elif tag == "p":
            self.paragraph = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.in_heading = False
            self.heading = self.text.strip().rstrip("¶").strip()
        elif tag == "td" and self.row is not None and self.cell is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "tr" and self.row:
            self.sections.setdefault(self.heading, []).append(self.row)
            self.row = None
        elif tag == "p" and self.paragraph is not None:
            self.paragraphs.append(" ".join(self.paragraph.split()))
            self.paragraph = None

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.text += data
        if self.cell is not None:
            self.cell += data
        if self.paragraph is not None:
            self.paragraph += data


def read_page(path: Path) -> _Tables:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_history(tmp_path_factory.mktemp("changes") / "shop")


def build(repository: Path, tmp_path: Path, compare_with: str, *, strict: bool = True):
    write_site(repository, {"services": [{"name": "Shop", "source": "src"}], "compare_with": compare_with})
    site = tmp_path / "site"
    before = state(repository)
    result = mkdocs_build(repository / "mkdocs.yml", site, strict=strict)
    assert state(repository) == before
    git(repository, "checkout", "-q", "--", "mkdocs.yml")
    git(repository, "clean", "-q", "-fd", "docs")
    return result, site / "architecture" / "shop" / "changes" / "index.html"


def test_the_changes_page_lists_what_happened_since_the_ref(repository: Path, tmp_path: Path):
    result, page = build(repository, tmp_path, "handler")
    assert result.returncode == 0, result.stderr
    found = read_page(page)
    commit = git(repository, "rev-parse", "handler").strip()[:10]
    assert any(text.startswith(f"What changed in the architecture of Shop since handler (commit {commit})")
               for text in found.paragraphs)  # fmt: skip
    assert {what.split(" ", 1)[0] for what, *_ in found.sections["Added"]} == {"+"}
    assert {what.split(" ", 1)[0] for what, *_ in found.sections["Removed"]} == {"\u2212"}  # a minus sign
    added = [(what.split(" ", 1)[1], name) for what, name, _, _ in found.sections["Added"]]
    assert added == [
        ("module", "shop.orders.adapters.sql"),
        ("module", "shop.orders.domain.ports"),
        ("adapter, repository", "shop.orders.adapters.sql.SqlAlchemyOrderRepository"),
        ("port, repository", "shop.orders.domain.ports.OrderRepository"),
        ("implements", "shop.orders.adapters.sql.SqlAlchemyOrderRepository → shop.orders.domain.ports.OrderRepository"),
    ]
    removed = [(what.split(" ", 1)[1], name, note) for what, name, _, note in found.sections["Removed"]]
    assert removed == [
        ("module", "shop.billing.application.handlers", "—"),
        ("event handler", "shop.billing.application.handlers.bill_order", "—"),
        ("handles", "shop.billing.application.handlers.bill_order → shop.orders.domain.events.OrderPlaced", "—"),
        ("context dependency", "billing → orders", "event, 1 import"),
    ]
    assert "Changed" not in found.sections
    html = page.read_text(encoding="utf-8")
    assert 'href="../ports/#' in html  # the new port links to its catalogue entry
    # The context map marks the dependency the base had: drawn back in, marked removed.
    assert re.search(r'<g id="da-edge-billing-orders" class="edge[^"]*\bda-removed\b', html)
    ports = (tmp_path / "site" / "architecture" / "shop" / "ports" / "index.html").read_text(encoding="utf-8")
    new_entries = re.findall(r'<details class="da-entry da-added" id="([^"]+)"', ports)
    assert new_entries == ["da-shop-orders-domain-ports-orderrepository"]  # the catalogue marks it new
    assert ports.count('title="new since the compared revision">new</span>') == 1
    context = read_page(tmp_path / "site" / "architecture" / "shop" / "orders" / "index.html")
    marked = sorted(row[0] for rows in context.sections.values() for row in rows if row[0].endswith(" new"))
    assert marked == ["OrderRepository new", "SqlAlchemyOrderRepository new"]  # the context page marks them too
    nav = (tmp_path / "site" / "architecture" / "shop" / "index.html").read_text(encoding="utf-8")
    assert "changes/" in nav  # listed with the service's pages
    overview_html = (tmp_path / "site" / "architecture" / "shop" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<g id="da-edge-billing-orders" class="edge[^"]*\bda-removed\b', overview_html)
    overview = read_page(tmp_path / "site" / "architecture" / "shop" / "index.html")
    assert overview.paragraphs[0] == (
        "Since handler: +2 modules, -1 module, +2 elements, -1 element, +1 relation, -1 relation, "
        "-1 context dependency (changes)"
    )


HOSTILE_REF = "no-such-branch<img src=x onerror=alert(1)>{: onclick=alert(2) }"


def test_an_unknown_ref_says_so_and_builds_the_rest(repository: Path, tmp_path: Path):
    result, page = build(repository, tmp_path, HOSTILE_REF, strict=False)
    assert result.returncode == 0, result.stderr
    assert f"compare_with: unknown revision {HOSTILE_REF!r}" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert "Not compared with no-such-branch&#60;img src&#61;x" in html
    overview = (tmp_path / "site" / "architecture" / "shop" / "index.html").read_text(encoding="utf-8")
    for text in (html, overview):
        assert "<img src=x" not in text and "onclick=" not in text.replace("onclick=alert(2)", "")
        assert 'onclick="alert' not in text
    assert (tmp_path / "site" / "architecture" / "shop" / "events" / "index.html").is_file()
    strict, _ = build(repository, tmp_path / "strict", "no-such-branch")
    assert strict.returncode != 0  # --strict turns the warning into a failure, as for every other warning
