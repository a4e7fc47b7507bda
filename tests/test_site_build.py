"""Real MkDocs builds of the repository's own site and of small fixture sites."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO_ROOT, mkdocs_build, write_site
from tests.rendered_html import soup_of


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("repo-site")
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


def architecture_pages(site: Path) -> list[Path]:
    return sorted((site / "architecture").rglob("index.html"))


def test_repo_site_has_architecture_pages_with_inline_svg(repo_site: Path):
    with_svg = [page for page in architecture_pages(repo_site) if '<svg class="da-svg"' in page.read_text()]
    assert len(with_svg) >= 5, [str(p.relative_to(repo_site)) for p in with_svg]
    overview = (repo_site / "architecture" / "domain-atlas" / "index.html").read_text()
    assert 'id="da-ctx-domain_atlas"' in overview
    assert "<?xml" not in overview and "<!DOCTYPE svg" not in overview


def test_two_builds_are_byte_identical(repo_site: Path, tmp_path: Path):
    again = tmp_path / "again"
    result = mkdocs_build(REPO_ROOT / "mkdocs.yml", again)
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(repo_site, again)
    differing: list[str] = []

    def walk(node: filecmp.dircmp, prefix: str) -> None:
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors + node.left_only + node.right_only)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    assert differing == []


RESOURCE = re.compile(r"""(?:src|href)=["'](https?:)?//[^"']+["']|url\((["']?)(https?:)?//""")


def test_site_loads_nothing_from_outside(repo_site: Path):
    offenders = []
    for path in repo_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"} or path.name.endswith(".min.js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            if re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag) and 'rel="canonical"' not in tag:
                offenders.append(f"{path.relative_to(repo_site)}: {tag}")
        if path.suffix == ".css":
            offenders += [
                f"{path.relative_to(repo_site)}: {m}" for m in re.findall(r"url\([\"']?https?://[^)]*\)", text)
            ]
    assert offenders == []
    assert "fonts.googleapis" not in (repo_site / "index.html").read_text()


def test_canary_package_is_documented_but_never_imported(tmp_path: Path):
    marker = tmp_path / "canary-was-imported.txt"
    config = write_site(
        tmp_path,
        {
            "services": [{"name": "Canary", "source": str(FIXTURES / "canary" / "src"), "packages": ["canary"]}],
            "fail_on": "never",
        },
    )
    result = mkdocs_build(config, tmp_path / "site", env={"CANARY_MARKER": str(marker)})
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    page = (tmp_path / "site" / "architecture" / "canary" / "canary" / "index.html").read_text()
    assert "canary.domain.model" in page
    assert 'class="edge da-edge da-imports da-violation"' in page  # domain -> adapters drawn red


def test_unknown_plugin_option_fails_naming_it_and_the_valid_ones(tmp_path: Path):
    config = write_site(tmp_path, {"servces": []})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "unknown option 'servces'" in result.stderr and "services" in result.stderr
    assert "layout_timeout" in result.stderr


def test_unknown_service_option_fails_naming_it(tmp_path: Path):
    config = write_site(tmp_path, {"services": [{"source": str(FIXTURES / "canary" / "src"), "pakages": ["x"]}]})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "unknown option 'pakages'" in result.stderr and "packages" in result.stderr


def test_missing_source_root_fails_clearly(tmp_path: Path):
    config = write_site(tmp_path, {"services": [{"name": "Ghost", "source": "nowhere"}]})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "source root" in result.stderr and "nowhere does not exist" in result.stderr


def test_quiet_strict_build_still_fails_on_diagnostics(tmp_path: Path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "tricky" / "src", source)
    (tmp_path / "pyproject.toml").write_text("")  # the repository root: paths are shown from here
    write_site(tmp_path, {"services": [{"name": "Shop", "source": "src", "packages": ["shop"]}]})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "src/shop/orders/application/broken.py:3" in result.stdout + result.stderr


def test_unparseable_file_warns_with_file_and_line_so_strict_fails(tmp_path: Path):
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "tricky" / "src", source)
    (tmp_path / "pyproject.toml").write_text("")  # the repository root: paths are shown from here
    config = write_site(tmp_path, {"services": [{"name": "Shop", "source": "src", "packages": ["shop"]}]})
    strict = mkdocs_build(config, tmp_path / "site")
    assert strict.returncode != 0
    assert "src/shop/orders/application/broken.py:3: cannot be parsed" in strict.stderr
    relaxed = mkdocs_build(config, tmp_path / "site", strict=False)
    assert relaxed.returncode == 0, relaxed.stderr
    overview = soup_of(tmp_path / "site" / "architecture" / "shop" / "index.html").get_text()
    assert "src/shop/orders/application/fstrings.py:6" in overview


def test_names_and_docstrings_are_escaped(tmp_path: Path):
    package = tmp_path / "src" / "evil"
    (package / "domain").mkdir(parents=True)
    (package / "adapters").mkdir()
    (package / "__init__.py").write_text('"""<script>alert(1)</script> & <b>bold</b>"""\n')
    (package / "domain" / "__init__.py").write_text('"""Domain <img src=x onerror=alert(2)>"""\n')
    (package / "domain" / "model.py").write_text("from evil.adapters import db\n")
    (package / "adapters" / "__init__.py").write_text("")
    (package / "adapters" / "db.py").write_text("")
    config = write_site(tmp_path, {"services": [{"name": 'Evil "<svc>"', "source": "src"}], "fail_on": "never"})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in (tmp_path / "site" / "architecture").rglob("*.html"):
        text = page.read_text()
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>bold" not in text, page


def _violating_site(tmp_path: Path, **options: object) -> Path:
    package = tmp_path / "src" / "depot"
    (package / "domain").mkdir(parents=True)
    (package / "adapters").mkdir()
    (package / "__init__.py").write_text("")
    (package / "domain" / "__init__.py").write_text("")
    (package / "domain" / "model.py").write_text("from depot.adapters import db\n")
    (package / "adapters" / "__init__.py").write_text("")
    (package / "adapters" / "db.py").write_text("")
    (tmp_path / "pyproject.toml").write_text("")  # the repository root: paths are shown from here
    return write_site(tmp_path, {"services": [{"name": "Depot", "source": "src"}], **options})


def test_fail_on_new_without_baseline_fails_strict_build_on_violations(tmp_path: Path):
    result = mkdocs_build(_violating_site(tmp_path), tmp_path / "site")
    assert result.returncode != 0
    assert "src/depot/domain/model.py:1: [layer-dependency]" in result.stderr


def test_fail_on_new_with_baseline_passes_until_a_new_violation(tmp_path: Path):
    config = _violating_site(tmp_path, baseline="baseline.json")
    baseline = subprocess.run(
        [
            sys.executable,
            "-m",
            "domain_atlas.adapters.cli",
            "check",
            "--config",
            str(config),
            "--baseline",
            str(tmp_path / "baseline.json"),
            "--update-baseline",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert baseline.returncode == 0, baseline.stderr
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    (tmp_path / "src" / "depot" / "domain" / "more.py").write_text("import sqlalchemy\n")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "src/depot/domain/more.py:1: [domain-framework-free]" in result.stderr
    assert "model.py:1" not in result.stderr


def test_fail_on_never_and_any(tmp_path: Path):
    assert mkdocs_build(_violating_site(tmp_path / "a", fail_on="never"), tmp_path / "a" / "site").returncode == 0
    result = mkdocs_build(_violating_site(tmp_path / "b", fail_on="any"), tmp_path / "b" / "site")
    assert result.returncode != 0


def test_decision_log_reads_adr_front_matter_with_status_badges(repo_site: Path):
    log = (repo_site / "architecture" / "decisions" / "index.html").read_text()
    assert 'class="da-badge da-status-superseded"' in log and 'class="da-badge da-status-accepted"' in log
    rows = re.findall(r"<tr>.*?</tr>", log, flags=re.DOTALL)
    row = next(row for row in rows if "0008-share-orm-models-between-contexts" in row and "<td>0008</td>" in row)
    assert "da-status-superseded" in row and "0009-read-only-contexts-own-their-models" in row


def test_adr_pages_list_the_rules_that_enforce_them(repo_site: Path):
    page = (repo_site / "adr" / "0004-contexts-integrate-through-events" / "index.html").read_text()
    assert "Rules that enforce this decision" in page and "context-independence" in page


def test_violations_link_to_their_adr_and_source_line(repo_site: Path):
    page = (repo_site / "architecture" / "depot-charging" / "violations" / "index.html").read_text()
    assert "../../../adr/0004-contexts-integrate-through-events/" in page
    assert "examples/depot-charging/src/charging/" in page


@pytest.mark.parametrize("page", ["aggregates", "events", "messages", "ports", "flows"])
def test_catalogue_pages_exist_for_every_example(repo_site: Path, page: str):
    for service in ("depot-charging", "fleet-telematics", "parcel-lockers", "expense-ledger", "billing-platform"):
        html = (repo_site / "architecture" / service / page / "index.html").read_text()
        assert "<h1" in html, (service, page)


def test_catalogue_entries_link_to_mkdocstrings_api_pages_when_documented(repo_site: Path):
    page = (repo_site / "architecture" / "depot-charging" / "aggregates" / "index.html").read_text()
    assert 'href="../../../reference/api-depot-charging/#charging.sessions.domain.model.ChargingSession"' in page
    ports = (repo_site / "architecture" / "depot-charging" / "ports" / "index.html").read_text()
    assert '<span title="charging.sessions.ports.repository.SessionRepository">' in ports  # not documented: no link


def test_source_url_links_every_location(tmp_path: Path):
    config = write_site(
        tmp_path,
        {
            "services": [{"name": "Canary", "source": str(FIXTURES / "canary" / "src"), "packages": ["canary"]}],
            "fail_on": "never",
            "source_url": "https://git.example.com/team/canary/blob/main/{file}#L{line}",
        },
    )
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    page = (tmp_path / "site" / "architecture" / "canary" / "violations" / "index.html").read_text()
    assert "https://git.example.com/team/canary/blob/main/" in page
