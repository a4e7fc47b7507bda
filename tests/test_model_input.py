"""Federation: one repository exported as several services, and services read back from exported models."""

from __future__ import annotations

import json

import jsonschema

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
