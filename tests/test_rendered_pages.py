"""Every generated page, built as the README tells a new user to (no Markdown extension), and with the extensions
teams commonly turn on, read with an HTML parser: no Markdown syntax left as text, every link and anchor lands."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO_ROOT, mkdocs_build
from tests.rendered_html import article, generated_pages, internal_hrefs, page_problems, soup_of

EXAMPLES = (
    ("Depot Charging", "examples/depot-charging/src", ["charging"]),
    ("Fleet Telematics", "examples/fleet-telematics/src", ["app"]),
    ("Parcel Lockers", "examples/parcel-lockers/src", ["lockers"]),
    ("Expense Ledger", "examples/expense-ledger", ["src"]),
    ("Billing Platform", "examples/billing-platform/src", ["billing"]),
)
EXTENSIONS = ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
VARIANTS = ("readme", "extensions")


def _build_examples_wiki(root: Path, variant: str) -> Path:
    """The README's minimal configuration over all five examples; `validation` makes MkDocs check anchors too."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Wiki\n", encoding="utf-8")
    services = [
        {"name": name, "source": str(REPO_ROOT / source), "packages": packages, "fail_on": "never"}
        for name, source, packages in EXAMPLES
    ]
    theme: dict[str, object] = {"name": "material", "font": False}
    config: dict[str, object] = {
        "site_name": "Wiki",
        "theme": theme,
        "validation": {"anchors": "warn"},
        "plugins": ["search", {"domain-atlas": {"services": services}}],
    }
    if variant == "extensions":
        config["markdown_extensions"] = EXTENSIONS
        theme["features"] = ["navigation.instant"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = root / "site"
    result = mkdocs_build(root / "mkdocs.yml", site)  # strict: an anchor MkDocs cannot find fails the build
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def wikis(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {variant: _build_examples_wiki(tmp_path_factory.mktemp(variant), variant) for variant in VARIANTS}


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("own-site")
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_generated_page_of_the_examples_reads_clean(wikis: dict[str, Path], variant: str):
    site = wikis[variant]
    pages = generated_pages(site)
    assert len(pages) >= 5 * 9
    problems = {page.relative_to(site).as_posix(): page_problems(site, page) for page in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_every_generated_page_of_our_own_site_reads_clean(own_site: Path):
    problems = {
        page.relative_to(own_site).as_posix(): page_problems(own_site, page) for page in generated_pages(own_site)
    }
    assert {page: found for page, found in problems.items() if found} == {}


def test_pages_link_the_same_with_and_without_extensions(wikis: dict[str, Path]):
    """Same links and same entry ids whether or not attr_list, md_in_html and toc permalinks are on."""

    def links_and_ids(site: Path) -> dict[str, tuple[list[str], list[str]]]:
        found = {}
        for page in generated_pages(site):
            content = article(soup_of(page))
            ids = sorted(str(tag["id"]) for tag in content.find_all(id=True) if str(tag["id"]).startswith("da-"))
            hrefs = [href for href in internal_hrefs(content) if href != "#" and not href.startswith("#__")]
            found[page.relative_to(site).as_posix()] = (sorted(h for h in hrefs if "#" not in h[:1]), ids)
        return found

    plain, extended = links_and_ids(wikis["readme"]), links_and_ids(wikis["extensions"])
    assert plain.keys() == extended.keys()
    for page in plain:
        assert plain[page] == extended[page], page


def test_catalogue_entries_are_tables_and_link_targets(wikis: dict[str, Path]):
    site = wikis["readme"]
    ports = soup_of(site / "architecture" / "depot-charging" / "ports" / "index.html")
    entries = ports.select("details.da-entry")
    assert len(entries) >= 5
    assert all(entry.find("table") is not None for entry in entries)  # each port's adapters, as a real table
    summary = article(ports).find("table")
    assert summary is not None and summary.find("a", href=f"#{entries[0]['id']}") is not None
