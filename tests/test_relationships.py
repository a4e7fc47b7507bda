"""Declared context relationships (Context Mapper's vocabulary): checked against the code and drawn on the map."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from domain_atlas.adapters.composition import analyse
from domain_atlas.adapters.settings import SettingsError
from domain_atlas.model import Service
from tests.federation_helpers import specs_of
from tests.helpers import REPO_ROOT, mkdocs_build, write_site
from tests.test_export import run_cli

BILLING = {"name": "Billing", "source": str(REPO_ROOT / "examples/billing-platform/src"), "packages": ["billing"]}
# payments/domain/models/payment_attempt.py imports invoicing's Invoice aggregate (its domain) on this line.
STATEMENT = ("billing.payments.domain.models.payment_attempt", "billing.invoicing.domain.models.invoice")


def billing(*relationships: dict) -> Service:
    (service,) = analyse(specs_of([{**BILLING, "relationships": list(relationships)}], REPO_ROOT))
    return service


def rules_on_statement(service: Service) -> set[str]:
    return {v.rule for v in service.violations if (v.source, v.target) == STATEMENT}


def test_without_declarations_the_import_breaks_context_independence():
    assert rules_on_statement(billing()) == {"context-independence"}


def test_a_declared_anti_corruption_layer_bypassed_by_a_direct_import_is_a_violation():
    service = billing({"upstream": "invoicing", "downstream": "payments", "patterns": ["anti-corruption-layer"]})
    # The declaration makes the finding precise: one violation for the statement, naming the bypassed layer.
    assert rules_on_statement(service) == {"relationship-acl-bypassed"}
    (violation,) = [v for v in service.violations if v.rule == "relationship-acl-bypassed"]
    assert violation.file.endswith("billing/payments/domain/models/payment_attempt.py") and violation.line == 10
    assert "anti-corruption layer towards invoicing" in violation.message


def test_separate_ways_that_talk_is_a_violation():
    service = billing({"upstream": "invoicing", "downstream": "payments", "patterns": ["separate-ways"]})
    assert rules_on_statement(service) == {"relationship-separate-ways"}


def test_a_declared_conformist_owns_the_coupling_it_declares():
    service = billing({"upstream": "invoicing", "downstream": "payments", "patterns": ["conformist"]})
    assert rules_on_statement(service) == set()


def test_a_declaration_naming_no_context_is_reported_not_guessed():
    service = billing({"upstream": "invoicing", "downstream": "payment", "patterns": ["conformist"]})
    assert rules_on_statement(service) == {"context-independence"}
    assert any("names 'payment': both ends must be contexts of the service" in d.message for d in service.diagnostics)


@pytest.mark.parametrize(
    ("relationship", "message"),
    [
        ({"upstream": "a", "downstream": "b", "patterns": ["acl"]}, "unknown pattern(s) acl"),
        ({"upstream": "a", "downstream": "b", "patterns": ["shared-kernel", "conformist"]}, "relationship of equals"),
        ({"upstream": "a", "downstream": "a"}, "upstream and downstream are both 'a'"),
        ({"upstream": "a"}, "expected a mapping with upstream, downstream"),
    ],
)
def test_unusable_declarations_are_refused_naming_the_place(relationship: dict, message: str):
    with pytest.raises(SettingsError) as raised:
        specs_of([{**BILLING, "relationships": [relationship]}], REPO_ROOT)
    assert "services[0].relationships[0]" in str(raised.value) and message in str(raised.value)


def test_declared_relationships_appear_on_the_context_map_and_the_overview(tmp_path: Path):
    relationships = [
        {"upstream": "invoicing", "downstream": "payments", "patterns": ["open-host-service", "anti-corruption-layer"]},
        {"upstream": "subscriptions", "downstream": "reporting", "patterns": ["separate-ways"]},
    ]
    config = write_site(tmp_path, {"fail_on": "never", "services": [{**BILLING, "relationships": relationships}]})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "architecture" / "billing" / "index.html").read_text(encoding="utf-8")
    start = html.index('<figure class="da-diagram" id="da-map-billing"')
    svg = html[start : html.index("</figure>", start)]
    # The import edge payments -> invoicing carries Context Mapper's marks and is red (the ACL is bypassed).
    edge = svg[svg.index('id="da-edge-payments-invoicing"') :][:2000]
    assert "da-declared" in edge and "da-violation" in edge and "[U,OHS]→[D,ACL]" in edge
    # Separate ways with no dependency in the code: drawn as a declared-only edge.
    assert 'id="da-declared-subscriptions-reporting"' in svg and "[SW]↔[SW]" in svg
    assert "Declared relationships" in html and "Observed dependencies with no declared relationship" in html


def test_a_project_declares_relationships_in_its_pyproject(tmp_path: Path):
    shutil.copytree(REPO_ROOT / "examples/billing-platform/src", tmp_path / "src")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "billing"\n\n[tool.domain-atlas]\n'
        'relationships = [{upstream = "invoicing", downstream = "payments", patterns = ["separate-ways"]}]\n',
        encoding="utf-8",
    )
    spec = {"name": "Billing", "source": "src", "packages": ["billing"]}
    (service,) = analyse(specs_of([spec], tmp_path))
    assert rules_on_statement(service) == {"relationship-separate-ways"}
    assert service.relationships[0].source == "pyproject.toml"
    # mkdocs.yml has the last word.
    declared = [{"upstream": "invoicing", "downstream": "payments", "patterns": ["conformist"]}]
    (service,) = analyse(specs_of([{**spec, "relationships": declared}], tmp_path))
    assert rules_on_statement(service) == set()
    pyproject.write_text('[tool.domain-atlas]\nrelationships = [{upstream = "invoicing"}]\n', encoding="utf-8")
    (service,) = analyse(specs_of([spec], tmp_path))
    (problem,) = [d for d in service.diagnostics if "relationships not used" in d.message]
    assert (problem.file, problem.line, problem.level.value) == ("pyproject.toml", 2, "error")


@pytest.fixture(scope="module")
def billing_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The billing example exported as one model per context, as four repositories' CI would."""
    folder = tmp_path_factory.mktemp("billing-models")
    for package in ("invoicing", "payments", "subscriptions"):
        output = folder / f"{package}.json"
        result = run_cli(
            "export", "examples/billing-platform/src", "--package", f"billing.{package}", "-o", str(output)
        )
        assert result.returncode == 0, result.stderr
    return folder


def federated(folder: Path, **relationships: list[dict]) -> list[dict]:
    return [
        {"name": name.title(), "model": f"{name}.json", "relationships": relationships.get(name, [])}
        for name in ("invoicing", "payments", "subscriptions")
    ]


def test_relationships_between_services_are_checked_across_exported_models(billing_models: Path):
    services = analyse(
        specs_of(
            federated(
                billing_models,
                payments=[{"upstream": "Invoicing", "downstream": "Payments", "patterns": ["anti-corruption-layer"]}],
                subscriptions=[{"upstream": "Subscriptions", "downstream": "Invoicing", "patterns": ["separate-ways"]}],
            ),
            billing_models,
        )
    )
    by_name = {service.name: service for service in services}
    # Payments imports the invoicing service's Invoice aggregate although it declares an anti-corruption layer.
    acl = [v for v in by_name["Payments"].violations if v.rule == "relationship-acl-bypassed"]
    assert [(v.source, v.target) for v in acl] == [STATEMENT]
    # The two talk by events both ways although declared separate ways (joined on type strings); each finding
    # sits in the service whose handler receives the event.
    apart = {
        (service.name, violation.message.split(" but ")[1])
        for service in services
        for violation in service.violations
        if violation.rule == "relationship-separate-ways"
    }
    assert apart == {
        ("Invoicing", "event SubscriptionRenewed goes from Subscriptions to Invoicing"),
        ("Invoicing", "event SubscriptionStarted goes from Subscriptions to Invoicing"),
        ("Subscriptions", "event InvoiceWrittenOff goes from Invoicing to Subscriptions"),
    }
    assert not any("names" in d.message for s in services for d in s.diagnostics if "relationship" in d.message)


def test_the_landscape_marks_declared_relationships_and_lists_undeclared_traffic(tmp_path: Path, billing_models: Path):
    for model in billing_models.glob("*.json"):
        shutil.copy(model, tmp_path / model.name)
    declared = [{"upstream": "Invoicing", "downstream": "Payments", "patterns": ["open-host-service", "conformist"]}]
    config = write_site(tmp_path, {"fail_on": "never", "services": federated(tmp_path, payments=declared)})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    start = html.index('<figure class="da-diagram" id="da-landscape"')
    figure = html[start : html.index("</figure>", start)]
    assert "[U,OHS]→[D,CF]" in figure and "da-declared" in figure
    assert "Services that exchange messages with no declared relationship" in html
    # Subscriptions and Invoicing talk (events both ways) but declared nothing.
    table = html[html.index("Services that exchange messages with no declared relationship") :]
    assert "Subscriptions" in table[: table.index("</table>")] and "Invoicing" in table[: table.index("</table>")]
