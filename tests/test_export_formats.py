"""`domain-atlas export --format structurizr|cml`: golden files checked by hand against each language's reference
(no parser of either installs from PyPI or npm for this Python), plus the rules of each grammar that names could
break. Mermaid is checked by Mermaid's own parser in tests/browser/test_mermaid_export.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain_atlas.adapters.composition import analyse
from domain_atlas.model import Service
from domain_atlas.rendering.cml import context_map
from domain_atlas.rendering.structurizr import structurizr_workspace
from tests.federation_helpers import specs_of
from tests.helpers import REPO_ROOT
from tests.test_export import run_cli

GOLDEN = REPO_ROOT / "tests" / "golden"
# Quotes, a backslash before a quote, a Structurizr constant and a line break: all must stay inside one string.
HOSTILE = 'Shipping "HQ" \\" ${SECRET}\nnext line'


@pytest.fixture(scope="module")
def services() -> list[Service]:
    source = "tests/fixtures/federation/src"
    specs = specs_of(
        [
            {"name": "Ordering", "source": source, "packages": ["shop.ordering"]},
            {"name": HOSTILE, "source": source, "packages": ["shop.shipping"]},
        ],
        REPO_ROOT,
    )
    return analyse(specs)


@pytest.mark.parametrize(
    ("render", "golden"), [(structurizr_workspace, "federation.dsl"), (context_map, "federation.cml")]
)
def test_exports_match_their_hand_checked_golden_files(services: list[Service], render, golden: str):
    assert render(services) == (GOLDEN / golden).read_text(encoding="utf-8")


def test_structurizr_lines_hold_whole_tokens_and_define_identifiers_before_use(services: list[Service]):
    defined: set[str] = set()
    depth = 0
    for line in structurizr_workspace(services).splitlines():
        stripped = line.strip()
        assert stripped.count('"') % 2 == 0 and "\\" not in stripped and "${" not in stripped, line
        assignment = re.match(r"(\w+) = ", stripped)
        if assignment:
            defined.add(assignment.group(1))
        relation = re.match(r"(\w+) -> (\w+) ", stripped)
        if relation:
            assert {relation.group(1), relation.group(2)} <= defined, line  # no forward references in the DSL
        depth += stripped.endswith("{") - (stripped == "}")
        assert stripped != "{"  # an opening brace never stands alone
    assert depth == 0


def test_cml_relationships_join_declared_contexts(services: list[Service]):
    text = context_map(services)
    declared = set(re.findall(r"^BoundedContext (\w+) \{", text, flags=re.MULTILINE))
    (contained,) = re.findall(r"contains (.*)", text)
    assert set(contained.split(", ")) == declared == {"Ordering_Ordering", "ShippingHQSECRETNextLine_Shipping"}
    for upstream, downstream in re.findall(r"^    (\w+) \[U\]->\[D\] (\w+) \{", text, flags=re.MULTILINE):
        assert {upstream, downstream} <= declared
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', text)
    escaped = 'Shipping \\"HQ\\" \\\\\\" ${SECRET} next line'  # \ and " escaped; the line break folded
    assert f"Python package shop.shipping (bounded context of service {escaped})" in strings


def test_the_cli_writes_each_format(tmp_path: Path):
    for name, marker in (("structurizr", "workspace "), ("cml", "ContextMap "), ("mermaid", "```mermaid")):
        output = tmp_path / f"model.{name}"
        result = run_cli("export", "tests/fixtures/federation/src", "--format", name, "-o", str(output))
        assert result.returncode == 0, result.stderr
        assert marker in output.read_text(encoding="utf-8")
    result = run_cli("export", "tests/fixtures/federation/src", "--format", "plantuml")
    assert result.returncode == 2 and "invalid choice: 'plantuml'" in result.stderr


def test_cml_uses_the_declared_patterns_and_direction():
    declared = [
        {"upstream": "invoicing", "downstream": "payments", "patterns": ["open-host-service", "anti-corruption-layer"]},
        {"upstream": "shared", "downstream": "subscriptions", "patterns": ["shared-kernel"]},
        {"upstream": "subscriptions", "downstream": "reporting", "patterns": ["customer-supplier"]},
    ]
    spec = {"name": "Billing", "source": "examples/billing-platform/src", "packages": ["billing"]}
    text = context_map(analyse(specs_of([{**spec, "relationships": declared}], REPO_ROOT)))
    assert "    Billing_Invoicing [U,OHS]->[D,ACL] Billing_Payments {" in text
    assert "    Billing_Shared [SK]<->[SK] Billing_Subscriptions {" in text
    # Declared, with nothing flowing between them in the code: still on the map, with no technology.
    assert "    Billing_Subscriptions [U,S]->[D,C] Billing_Reporting {\n    }" in text
    assert "    Billing_Shared [U]->[D] Billing_Payments {" in text  # undeclared: what the code shows
