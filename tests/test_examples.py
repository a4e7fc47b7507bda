"""Each example service against expectations written by hand from its code (tests/expectations/*.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import Level, Service, ServiceSpec
from tests.helpers import REPO_ROOT

IMPORT_RULES = {
    "layer-dependency",
    "domain-framework-free",
    "application-framework-free",
    "inbound-not-outbound",
    "context-independence",
}
EXPECTATIONS = sorted(p.stem for p in (REPO_ROOT / "tests" / "expectations").glob("*.py") if p.stem != "__init__")


def expectation(name: str) -> ModuleType:
    path = REPO_ROOT / "tests" / "expectations" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"expectations_{name.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=EXPECTATIONS)
def case(request: pytest.FixtureRequest) -> tuple[ModuleType, Service]:
    expected = expectation(request.param)
    spec = ServiceSpec(expected.NAME, (REPO_ROOT / expected.SOURCE_ROOT,), tuple(expected.PACKAGES), base=REPO_ROOT)
    return expected, analyse_service(spec)


def test_there_are_five_examples():
    assert len(EXPECTATIONS) == 5
    assert {expectation(name).STYLE for name in EXPECTATIONS} == {1, 2, 3, 4, 5}


def test_contexts(case):
    expected, service = case
    found = {c.name: (c.package, c.shared_kernel) for c in service.contexts}
    assert found == {name: (c["package"], c["shared_kernel"]) for name, c in expected.CONTEXTS.items()}


def test_layers_of_each_context(case):
    expected, service = case
    for name, context in expected.CONTEXTS.items():
        assert set(service.layers_of(name)) == set(context["layers"]), name


def test_layer_of_every_module(case):
    expected, service = case
    found = {
        module.name: module.layer for module in service.modules if not (module.is_package and module.layer is None)
    }
    wanted = {name: layer for name, layer in expected.MODULE_LAYERS.items() if name in found or layer is not None}
    assert {name: found.get(name) for name in wanted} == wanted


def test_import_rule_violations_exactly(case):
    expected, service = case
    found = {(v.rule, v.source, v.target, v.file, v.line) for v in service.violations if v.rule in IMPORT_RULES}
    wanted = {v for v in expected.VIOLATIONS if v[0] in IMPORT_RULES}
    assert found == wanted


def test_examples_parse_cleanly(case):
    _, service = case
    assert [d for d in service.diagnostics if d.level is not Level.INFO] == []


def test_violation_lines_point_at_import_statements(case):
    expected, _ = case
    for rule, _source, _target, file, line in expected.VIOLATIONS:
        if rule in IMPORT_RULES:
            text = Path(REPO_ROOT / file).read_text(encoding="utf-8").splitlines()[line - 1]
            assert "import" in text, (file, line, text)


def test_every_building_block_with_its_kinds(case):
    expected, service = case
    found = {element.path: set(element.kinds) for element in service.elements}
    assert found == {path: set(kinds) for path, kinds in expected.ELEMENTS.items()}


def test_every_relation(case):
    expected, service = case
    found = {(r.kind, r.source, r.target) for r in service.relations}
    assert found == set(expected.RELATIONS)


def test_every_violation_including_class_rules(case):
    expected, service = case
    found = {(v.rule, v.source, v.target, v.file, v.line) for v in service.violations}
    assert found == set(expected.VIOLATIONS)


def test_every_element_carries_evidence_and_a_real_location(case):
    _, service = case
    for element in service.elements:
        assert element.evidence, element.path
        line = (REPO_ROOT / element.file).read_text(encoding="utf-8").splitlines()[element.line - 1]
        assert element.name in line, (element.path, line)
