"""What a site built with Domain Atlas loads: Mermaid only where a page uses it, deferred, from the site itself."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import FIXTURES, mkdocs_build, write_site
from tests.rendered_html import soup_of

SERVICE = {"name": "Canary", "source": str(FIXTURES / "canary" / "src"), "packages": ["canary"]}


def _scripts(page: Path) -> dict[str, dict[str, object]]:
    return {str(tag["src"]): dict(tag.attrs) for tag in soup_of(page).find_all("script", src=True)}


def test_a_site_without_mermaid_ships_and_loads_no_mermaid(tmp_path: Path):
    config = write_site(tmp_path, {"services": [SERVICE], "fail_on": "never"})
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    assert list((tmp_path / "site").rglob("mermaid*")) == []
    for page in (tmp_path / "site").rglob("*.html"):
        assert not any("mermaid" in src for src in _scripts(page)), page


def test_a_site_with_a_mermaid_fence_loads_the_vendored_copy_deferred(tmp_path: Path):
    pages = {"index.md": "# Home\n", "flow.md": "# Flow\n\n``` mermaid\ngraph LR\n  a --> b\n```\n"}
    config = write_site(tmp_path, {"services": [SERVICE], "fail_on": "never"}, pages=pages)
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    scripts = _scripts(tmp_path / "site" / "index.html")
    mermaid = [src for src in scripts if src.endswith("mermaid.min.js")]
    assert mermaid == ["assets/domain-atlas/vendor/mermaid.min.js"]
    assert "defer" in scripts[mermaid[0]]
    assert (tmp_path / "site" / "assets" / "domain-atlas" / "vendor" / "mermaid.min.js").is_file()
