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
    # Paths in the model start at the repository root; the expectations are written from the layout's src/.
    root = service.source_roots[0] + "/"
    found = {
        (v.rule, v.file.removeprefix(root), v.line, v.type_only) for v in service.violations if v.rule in IMPORT_RULES
    }
    assert found == expected.VIOLATIONS


def test_element_kinds(layout):
    expected, service = layout
    wanted = getattr(expected, "ELEMENTS", {})
    found = {e.path: set(e.kinds) for e in service.elements if e.path in wanted}
    assert found == wanted
    tests = getattr(expected, "TEST_ELEMENTS", set())
    assert {e.path for e in service.elements if e.test and e.path in wanted} == tests


def test_a_declared_context_may_own_several_packages():
    from domain_atlas.adapters.config_schema import validated
    from domain_atlas.adapters.settings import service_specs

    source = LAYOUTS / "api_by_context"
    contexts = [
        {"name": "bidding", "packages": ["modules.bidding", "api.routers.bidding"]},
        {"name": "catalog", "package": "modules.catalog"},
        {"name": "seedwork", "package": "seedwork", "shared_kernel": True},
    ]
    config = validated({"services": [{"source": "src", "contexts": contexts}]}, None, "test")
    (spec,), _ = service_specs(config, source)
    service = analyse_service(spec)
    bidding = service.context("bidding")
    assert bidding is not None and bidding.packages == ("modules.bidding", "api.routers.bidding")
    router = service.module("api.routers.bidding")
    assert router is not None and (router.context, router.layer) == ("bidding", "inbound_adapters")
    assert service.module("api.routers.catalog").context is None
    assert service.module("modules.bidding.domain.entities").layer == "domain"


def test_type_only_imports_are_listed_but_do_not_fail_the_check_unless_asked(tmp_path):
    from tests.test_export import run_cli

    source = LAYOUTS / "messages_and_type_only" / "src"
    result = run_cli("check", str(source))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "handlers.py:7" in result.stdout and "type-only" in result.stdout
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\nplugins:\n  - domain-atlas:\n      type_only_imports: fail\n"
        f"      services:\n        - source: {source}\n",
        encoding="utf-8",
    )
    assert run_cli("check", "--config", str(config)).returncode == 1


def test_a_tests_folder_given_apart_reads_fakes_as_test_adapters_of_their_ports():
    import json

    from tests.test_export import run_cli

    folder = LAYOUTS / "tests_folder"
    expected = _expected("tests_folder")
    result = run_cli("export", str(folder / "src"), "--tests", str(folder / "tests"))
    assert result.returncode == 0, result.stderr
    (service,) = json.loads(result.stdout)["services"]
    elements = {e["path"]: e for e in service["elements"]}
    for path, kinds in expected.WITH_TESTS_ELEMENTS.items():
        assert set(elements[path]["kinds"]) == kinds
        assert elements[path]["test"] is True
    implements = {(r["source"], r["target"]) for r in service["relations"] if r["kind"] == "implements"}
    port = "warehouse.domain.stock.AbstractStockRepository"
    assert {(path, port) for path in expected.WITH_TESTS_ELEMENTS} <= implements
    assert [c["name"] for c in service["contexts"]] == ["warehouse"]
    check = run_cli("check", str(folder / "src"), "--tests", str(folder / "tests"))
    assert check.returncode == 0, check.stdout + check.stderr


def test_test_code_stays_out_of_layer_graphs_catalogues_and_flows():
    from dataclasses import replace

    from domain_atlas.model import Relation
    from domain_atlas.rendering.catalogue_views import CatalogueView
    from domain_atlas.rendering.diagrams import layer_graph
    from domain_atlas.rendering.pages import catalogue_page_of

    service = _analyse("tests_inside")
    graph = layer_graph(service, service.contexts[0].name, lambda name: "", lambda module: "")
    assert [node.id for node in graph.nodes if "tests" in node.id] == []
    assert {node.id for node in graph.nodes} >= {"da-mod-ledger-domain-entry", "da-mod-ledger-adapters-sql_entries"}

    # A command defined in a test module, and a test helper that handles the real entity's messages.
    entity = next(element for element in service.elements if element.path == "ledger.domain.entry.Entry")
    helper = replace(entity, path="ledger.domain.tests.fakes.Probe", test=True)
    helper = replace(helper, kinds=("command",))
    handles = Relation("handles", "ledger.domain.tests.fakes.Probe.run", "ledger.domain.entry.Entry", "call")
    service = replace(service, elements=(*service.elements, helper), relations=(*service.relations, handles))
    view = CatalogueView(service)
    assert [element.path for element in view.of_kind("command")] == []
    assert catalogue_page_of(helper) == ""  # so no page links to an entry the catalogue does not have
    assert view.handlers_of("ledger.domain.entry.Entry") == []
    # Fakes still show as (test) adapters of their port.
    fakes = [adapter.path for adapter, _ in view.implementations_of("ledger.domain.entries.Entries") if adapter.test]
    assert fakes == ["ledger.domain.tests.fakes.FakeEntries"]
