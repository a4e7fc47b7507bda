"""Every path Domain Atlas writes is relative to the analysed service's repository root (the folder holding `.git`),
never an absolute path of the machine that built the wiki: pages, source links, export, SARIF, GitHub annotations,
JUnit and baselines all say `src/shop/...` for a wiki that reads `../shop-service/src`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import mkdocs_build, write_site
from tests.rendered_html import soup_of

SOURCE_URL = "https://git.example.com/team/shop/blob/main/{file}#L{line}"


@pytest.fixture
def wiki(tmp_path: Path) -> Path:
    """A service in its own repository beside the wiki; its domain imports an adapter (one violation)."""
    repository = tmp_path / "shop-service"
    (repository / ".git").mkdir(parents=True)
    package = repository / "src" / "shop"
    (package / "domain").mkdir(parents=True)
    (package / "adapters").mkdir()
    for init in (package, package / "domain", package / "adapters"):
        (init / "__init__.py").write_text("")
    (package / "domain" / "model.py").write_text("from shop.adapters import db\n\n\nclass Order:\n    pass\n")
    (package / "adapters" / "db.py").write_text("")
    service = {"name": "Shop", "source": "../shop-service/src", "packages": ["shop"]}
    return write_site(tmp_path / "wiki", {"services": [service], "fail_on": "never", "source_url": SOURCE_URL})


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "domain_atlas.adapters.cli", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_pages_and_source_links_use_repository_paths(wiki: Path, tmp_path: Path):
    site = tmp_path / "site"
    result = mkdocs_build(wiki, site)
    assert result.returncode == 0, result.stderr
    machine = str(tmp_path.resolve())
    for page in (site / "architecture").rglob("*.html"):
        assert machine not in page.read_text(encoding="utf-8"), page
    violations = soup_of(site / "architecture" / "shop" / "violations" / "index.html")
    hrefs = {link["href"] for link in violations.find_all("a", href=True)}
    assert "https://git.example.com/team/shop/blob/main/src/shop/domain/model.py#L1" in hrefs


def test_reports_export_and_baseline_use_repository_paths(wiki: Path, tmp_path: Path):
    expected = "src/shop/domain/model.py"
    sarif = json.loads(_cli("check", "--config", str(wiki), "--format", "sarif").stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": expected, "uriBaseId": "SRCROOT"}
    assert "SRCROOT" in sarif["runs"][0]["originalUriBaseIds"]
    assert f"file={expected},line=1" in _cli("check", "--config", str(wiki), "--format", "github").stdout
    assert expected in _cli("check", "--config", str(wiki), "--format", "junit").stdout

    exported = _cli("export", "--config", str(wiki))
    assert exported.returncode == 0, exported.stderr
    model = json.loads(exported.stdout)
    files = {item["file"] for service in model["services"] for item in service["elements"] + service["violations"]}
    assert expected in files and all(not name.startswith("/") for name in files)
    assert str(tmp_path.resolve()) not in exported.stdout

    baseline = tmp_path / "baseline.json"
    _cli("check", "--config", str(wiki), "--baseline", str(baseline), "--update-baseline")
    assert [entry["file"] for entry in json.loads(baseline.read_text())["violations"]] == [expected]
