"""Federation: one repository exported as several services, and services read back from exported models."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from domain_atlas.adapters.composition import analyse, model_json
from domain_atlas.adapters.config_schema import ConfigFileError, load_config_file
from domain_atlas.adapters.settings import service_specs
from domain_atlas.discovery.model_file import ModelFileError, read_model_service
from domain_atlas.model import Service
from tests.federation_helpers import specs_of
from tests.helpers import REPO_ROOT, mkdocs_build, write_site
from tests.test_export import SCHEMA, run_cli


def test_export_of_a_subpackage_analyses_only_that_part_of_the_tree():
    result = run_cli("export", "examples/billing-platform/src", "--package", "billing.invoicing")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    (service,) = document["services"]
    assert service["packages"] == ["billing.invoicing"]
    assert [context["name"] for context in service["contexts"]] == ["invoicing"]
    modules = {module["name"] for module in service["modules"]}
    assert "billing.invoicing.domain.events" in modules
    assert all(name == "billing.invoicing" or name.startswith("billing.invoicing.") for name in modules)


def _configured_services() -> list[Service]:
    config = load_config_file(REPO_ROOT / "mkdocs.yml")
    specs, _ = service_specs(config, REPO_ROOT)
    return analyse(specs, adr_links=config.adr_links)


def test_every_example_service_reads_back_from_its_export_unchanged(tmp_path: Path):
    services = _configured_services()
    assert len(services) >= 5
    for service in services:
        path = tmp_path / f"{service.slug}.json"
        path.write_text(model_json([service]), encoding="utf-8")
        # Inline ignores were applied before the export; everything the pages draw comes back.
        assert read_model_service(path, service.name) == dataclasses.replace(service, suppressions=())


def _architecture_files(site: Path) -> dict[str, bytes]:
    root = site / "architecture"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_wiki_built_from_an_exported_model_has_the_same_pages_as_one_built_from_source(tmp_path: Path):
    source = {"name": "Billing", "source": str(REPO_ROOT / "examples/billing-platform/src"), "packages": ["billing"]}
    from_source = write_site(tmp_path / "from-source", {"services": [{**source, "fail_on": "never"}]})
    exported = run_cli("export", "--config", str(from_source), "-o", str(tmp_path / "billing.json"))
    assert exported.returncode == 0, exported.stderr
    from_model = write_site(
        tmp_path / "from-model", {"services": [{"name": "Billing", "model": "../billing.json", "fail_on": "never"}]}
    )
    for config in (from_source, from_model):
        result = mkdocs_build(config, config.parent / "site")
        assert result.returncode == 0, result.stderr
    expected = _architecture_files(from_source.parent / "site")
    assert len([name for name in expected if name.endswith(".html")]) >= 10
    assert _architecture_files(from_model.parent / "site") == expected


def _model_with_a_bad_kind(tmp_path: Path) -> Path:
    result = run_cli("export", "examples/billing-platform/src", "--package", "billing.invoicing")
    document = json.loads(result.stdout)
    document["services"][0]["elements"][2]["kinds"] = ["aggregat"]
    path = tmp_path / "models" / "invoicing.json"
    path.parent.mkdir()
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_model_that_breaks_the_schema_fails_the_build_naming_file_and_json_path(tmp_path: Path):
    _model_with_a_bad_kind(tmp_path)
    config = write_site(tmp_path, {"services": [{"name": "Invoicing", "model": "models/invoicing.json"}]})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "models/invoicing.json: does not match the schema domain-atlas/model/1" in result.stderr
    assert "$.services[0].elements[2].kinds[0]: 'aggregat' is not one of" in result.stderr


def test_the_cli_reads_model_services_from_its_config_and_reports_bad_ones(tmp_path: Path):
    model = _model_with_a_bad_kind(tmp_path)
    config = write_site(tmp_path, {"services": [{"name": "Invoicing", "model": "models/invoicing.json"}]})
    result = run_cli("export", "--config", str(config))
    assert result.returncode == 2
    assert "$.services[0].elements[2].kinds[0]" in result.stderr
    document = json.loads(model.read_text())
    document["services"][0]["elements"][2]["kinds"] = ["aggregate"]
    model.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("export", "--config", str(config))
    assert result.returncode == 0, result.stderr
    (service,) = json.loads(result.stdout)["services"]
    assert service["name"] == "Invoicing" and service["packages"] == ["billing.invoicing"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="domain-atlas/model/9"), "$.schema is 'domain-atlas/model/9'"),
        (lambda d: d["services"][0]["contexts"][0].update(name="../../etc"), "contexts[0].name: '../../etc' is not"),
        (lambda d: d["services"][0]["modules"][3].update(context="nowhere"), "modules[3].context: 'nowhere' is not"),
        (lambda d: d["services"].append(dict(d["services"][0], name="other")), "holds 2 services and none is named"),
        (
            lambda d: d["services"][0]["modules"][0].update(file="x.py) [a](javascript:alert(1)"),
            "modules[0].file: 'x.py) [a](javascript:alert(1)' is not a usable file path",
        ),
    ],
)
def test_unusable_models_are_refused_with_the_json_path(tmp_path: Path, change, message: str):
    document = json.loads(run_cli("export", "tests/fixtures/canary/src").stdout)
    change(document)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ModelFileError) as raised:
        read_model_service(path, "Canary", "models/canary.json")
    assert str(raised.value).startswith("models/canary.json: ")
    assert message in str(raised.value)


def test_a_model_service_takes_no_source_options():
    with pytest.raises(ConfigFileError, match=r"a service read from 'model' takes only name, model, fail_on"):
        specs_of([{"name": "Billing", "model": "billing.json", "packages": ["billing"]}], REPO_ROOT)
    with pytest.raises(ConfigFileError, match=r"'name' is required for a service read from 'model'"):
        specs_of([{"model": "billing.json"}], REPO_ROOT)
