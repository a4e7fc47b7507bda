"""`domain-atlas export` and `check` as a user runs them, validated against the published JSON Schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain_atlas.model import Context, Element, Service, SourceModule
from domain_atlas.rendering.export import model_document, to_json
from tests.helpers import REPO_ROOT

SCHEMA = json.loads((REPO_ROOT / "src" / "domain_atlas" / "schema" / "model-1.schema.json").read_text())


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "domain_atlas.adapters.cli", *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site_export() -> dict:
    result = run_cli("export", "--config", "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_export_of_every_configured_service_validates_against_the_schema(site_export: dict):
    jsonschema.validate(site_export, SCHEMA)
    assert site_export["schema"] == "domain-atlas/model/1"
    assert "Domain Atlas" in {service["name"] for service in site_export["services"]}


def test_export_is_deterministic(site_export: dict, tmp_path: Path):
    output = tmp_path / "model.json"
    result = run_cli("export", "--config", "mkdocs.yml", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert json.loads(output.read_text()) == site_export
    assert output.read_text() == json.dumps(site_export, indent=2, ensure_ascii=False) + "\n"


def test_export_of_a_source_root_with_unparseable_files_records_diagnostics():
    result = run_cli("export", "tests/fixtures/tricky/src")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    (service,) = document["services"]
    files = {d["file"] for d in service["diagnostics"]}
    assert "tests/fixtures/tricky/src/shop/orders/application/broken.py" in files
    assert "broken.py:3: warning: cannot be parsed" in result.stderr


def test_export_of_a_missing_source_root_fails_clearly():
    result = run_cli("export", "no/such/folder")
    assert result.returncode == 2
    assert "source root" in result.stderr and "does not exist" in result.stderr


def test_check_fails_with_clickable_locations_on_violations():
    result = run_cli("check", "tests/fixtures/tricky/src", "--package", "shop")
    assert result.returncode == 1
    assert "tests/fixtures/tricky/src/shop/orders/domain/model.py:17: error: [layer-dependency]" in result.stdout


def test_check_passes_on_domain_atlas_itself():
    result = run_cli("check", "--config", "mkdocs.yml")
    own = [line for line in result.stdout.splitlines() if line.startswith("src/domain_atlas/")]
    assert own == []


def _service_with_text(docstring: str, file: str) -> Service:
    module = SourceModule("shop.orders", file, False, "orders", "domain", docstring=docstring, lines=3)
    element = Element(
        "shop.orders.Order", ("aggregate",), "orders", "domain", file, 2, (docstring,), docstring=docstring
    )
    return Service(
        name="Shop",
        slug="shop",
        packages=("shop",),
        source_roots=("src",),
        contexts=(Context("orders", "shop.orders", description=docstring),),
        modules=(module,),
        imports=(),
        elements=(element,),
    )


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_the_export_writes_any_text_as_the_standard_library_would(text: str):
    services = [_service_with_text(text, f"src/shop/{text[:20]}.py")]
    assert to_json(services) == json.dumps(model_document(services), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    "text",
    ['\x00\x1f\x7f\u2028\u2029"\\/\b\f\n\r\t\ufeff\ufffd é 😀', "bad\udcff name", "{: onfocus=alert(1)}"],
)
def test_the_export_writes_control_characters_and_lone_surrogates_as_the_standard_library_would(text: str):
    # A lone surrogate comes from a file name that is not valid UTF-8; the fast encoder refuses it.
    services = [_service_with_text(text, f"src/shop/{text}.py")]
    assert to_json(services) == json.dumps(model_document(services), indent=2, ensure_ascii=False) + "\n"
