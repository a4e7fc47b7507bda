"""Small layout fixtures (tests/fixtures/layouts/*), each against expectations written by hand in its expected.py."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import Service, ServiceSpec
from tests.helpers import FIXTURES

LAYOUTS = FIXTURES / "layouts"
IMPORT_RULES = {
    "layer-dependency",
    "domain-framework-free",
    "application-framework-free",
    "inbound-not-outbound",
    "context-independence",
}
NAMES = sorted(path.name for path in LAYOUTS.iterdir() if (path / "expected.py").is_file())


def _expected(name: str) -> ModuleType:
    path = LAYOUTS / name / "expected.py"
    spec = importlib.util.spec_from_file_location(f"layout_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _analyse(name: str) -> Service:
    source = LAYOUTS / name / "src"
    return analyse_service(ServiceSpec(name, (source,), base=source))


@pytest.fixture(scope="module", params=NAMES)
def layout(request: pytest.FixtureRequest) -> tuple[ModuleType, Service]:
    return _expected(request.param), _analyse(request.param)


def test_at_least_twelve_layouts():
    assert len(NAMES) >= 12


def test_contexts_and_their_packages(layout):
    expected, service = layout
    assert {c.name: sorted(c.packages) for c in service.contexts} == {
        name: sorted(packages) for name, packages in expected.CONTEXTS.items()
    }
    assert {c.name for c in service.contexts if c.shared_kernel} == expected.SHARED_KERNELS


def test_layer_of_each_module(layout):
    expected, service = layout
    found = {name: (service.module(name).layer if service.module(name) else "missing") for name in expected.LAYERS}
    assert found == expected.LAYERS


def test_not_placed_modules_are_explained(layout):
    expected, service = layout
    unplaced = {name for name, layer in expected.LAYERS.items() if layer is None}
    assert unplaced <= {item.module for item in service.reading.not_placed}


def test_composition_roots(layout):
    expected, service = layout
    roots = {m.name for m in service.modules if m.layer == "composition_root" and not m.is_package}
    assert roots == expected.COMPOSITION_ROOTS


def test_import_rule_violations_exactly(layout):
    expected, service = layout
    found = {(v.rule, v.file, v.line, v.type_only) for v in service.violations if v.rule in IMPORT_RULES}
    assert found == expected.VIOLATIONS


def test_element_kinds(layout):
    expected, service = layout
    wanted = getattr(expected, "ELEMENTS", {})
    found = {e.path: set(e.kinds) for e in service.elements if e.path in wanted}
    assert found == wanted
    tests = getattr(expected, "TEST_ELEMENTS", set())
    assert {e.path for e in service.elements if e.test and e.path in wanted} == tests
