"""`domain-atlas check`: baseline ratchet, inline ignores, and every output format."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import FIXTURES, REPO_ROOT
from tests.test_export import run_cli

SARIF_SCHEMA = json.loads((REPO_ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text())


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of the tricky fixture without its unparseable files, so only rules are in play."""
    root = tmp_path / "src"
    shutil.copytree(FIXTURES / "tricky" / "src", root)
    for name in ("broken.py", "climb.py", "fstrings.py"):
        (root / "shop" / "orders" / "application" / name).unlink()
    (root / "shop" / "orders" / "domain" / "undeclared.py").unlink()
    (root / "shop" / "orders" / "application" / "service.py").write_text(
        "from shop.orders.adapters.orm import OrderRow\n"
    )
    return root


def check(root: Path, *arguments: str):
    return run_cli("check", str(root), "--package", "shop", *arguments)


def test_text_report_lists_each_violation_at_file_and_line(shop: Path):
    result = check(shop)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.endswith(
            "shop/orders/application/service.py:1: error: [layer-dependency] application module "
            "shop.orders.application.service imports adapters module shop.orders.adapters.orm"
        )
        for line in lines
    )
    assert lines[-1] == "3 violation(s), 3 new"


def test_baseline_round_trip_fails_only_on_new_violations(shop: Path, tmp_path: Path):
    baseline = tmp_path / "baseline.json"
    assert check(shop, "--baseline", str(baseline), "--update-baseline").returncode == 0
    assert len(json.loads(baseline.read_text())["violations"]) == 3
    unchanged = check(shop, "--baseline", str(baseline))
    assert unchanged.returncode == 0, unchanged.stdout
    assert unchanged.stdout.splitlines()[-1] == "3 violation(s), 0 new"
    # Moving code around does not make a known violation new; a new import does.
    service = shop / "shop" / "orders" / "application" / "service.py"
    service.write_text("\n\n" + service.read_text())
    assert check(shop, "--baseline", str(baseline)).returncode == 0
    (shop / "shop" / "orders" / "domain" / "extra.py").write_text("import sqlalchemy\n")
    result = check(shop, "--baseline", str(baseline))
    assert result.returncode == 1
    assert "domain/extra.py:1: error: [domain-framework-free]" in result.stdout
    assert result.stdout.splitlines()[-1] == "4 violation(s), 1 new"


def test_malformed_baseline_is_an_error_naming_file_and_line(shop: Path, tmp_path: Path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{\n  "schema": "domain-atlas/baseline/1",\n  "violations": [\n}\n')
    result = check(shop, "--baseline", str(baseline))
    assert result.returncode == 2
    assert f"{baseline}:4: malformed baseline" in result.stderr


def test_inline_ignore_with_reason_suppresses_and_unused_or_bad_ignores_are_reported(shop: Path):
    service = shop / "shop" / "orders" / "application" / "service.py"
    service.write_text(
        "# domain-atlas: ignore[layer-dependency] row type needed until ticket 42 lands\n"
        "from shop.orders.adapters.orm import OrderRow\n"
    )
    (shop / "shop" / "orders" / "application" / "other.py").write_text(
        "import os  # domain-atlas: ignore[layer-dependency] nothing to excuse here\n"
        "import sys  # domain-atlas: ignore[no-such-rule] because\n"
        "import json  # domain-atlas: ignore[layer-dependency]\n"
    )
    result = check(shop)
    assert "application/service.py" not in result.stdout
    assert "application/other.py:1: warning: ignore[layer-dependency] matches no violation" in result.stderr
    assert "application/other.py:2: error: ignore names unknown rule(s) no-such-rule" in result.stderr
    assert "application/other.py:3: error: ignore without a reason" in result.stderr
    assert result.stdout.splitlines()[-1] == "2 violation(s), 2 new"


def test_sarif_output_validates_against_the_2_1_0_schema(shop: Path):
    result = check(shop, "--format", "sarif")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, SARIF_SCHEMA)
    results = document["runs"][0]["results"]
    assert len(results) == 3
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results} == {1, 9, 17}


def test_json_output(shop: Path):
    document = json.loads(check(shop, "--format", "json").stdout)
    assert document["new"] == 3
    assert {(v["rule"], v["line"], v["type_only"]) for v in document["violations"]} == {
        ("layer-dependency", 1, False),
        ("layer-dependency", 9, True),
        ("layer-dependency", 17, False),
    }


def test_github_annotations(shop: Path):
    lines = check(shop, "--format", "github").stdout.splitlines()
    assert len(lines) == 3
    assert all(
        line.startswith("::error file=") and ",line=" in line and "title=layer-dependency::" in line for line in lines
    )


def test_junit_xml(shop: Path, tmp_path: Path):
    baseline = tmp_path / "baseline.json"
    check(shop, "--baseline", str(baseline), "--update-baseline")
    (shop / "shop" / "orders" / "domain" / "extra.py").write_text("import sqlalchemy\n")
    root = ElementTree.fromstring(check(shop, "--format", "junit", "--baseline", str(baseline)).stdout)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "1"
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == ["domain-framework-free"]
