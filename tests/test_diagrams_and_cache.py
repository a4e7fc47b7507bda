"""No hairballs, and a cache that re-reads only what changed between `mkdocs serve` rebuilds."""

from __future__ import annotations

from pathlib import Path

from domain_atlas.adapters.composition import FileCache, analyse_service
from domain_atlas.model import ServiceSpec
from domain_atlas.rendering.diagrams import layer_graph


def big_service(root: Path, per_package: int = 40) -> ServiceSpec:
    package = root / "fleet"
    for layer in ("domain", "application", "adapters"):
        for sub in range(5):
            folder = package / layer / f"part{sub}"
            folder.mkdir(parents=True)
            (folder / "__init__.py").write_text("")
            for index in range(per_package // 5 * 1):
                text = "from fleet.domain.part0 import m0\n" if layer != "domain" else ""
                (folder / f"m{index}.py").write_text(text)
        (package / layer / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    return ServiceSpec("Fleet", (root,), ("fleet",), base=root)


def test_module_graph_is_capped_by_folding_subpackages(tmp_path: Path):
    service = analyse_service(big_service(tmp_path, per_package=60))
    modules = [m for m in service.modules if not m.is_package]
    assert len(modules) == 180
    graph = layer_graph(service, "fleet", lambda name: "", max_nodes=150)
    assert len(graph.nodes) <= 150
    folded = [node for node in graph.nodes if "da-collapsed" in node.classes]
    assert folded and all("modules)" in node.label for node in folded)
    # Edges survive folding: application and adapters still point at the domain.
    assert any(edge.target == "da-mod-fleet-domain-part0" for edge in graph.edges)


def test_small_graph_keeps_one_node_per_module(tmp_path: Path):
    service = analyse_service(big_service(tmp_path, per_package=5))
    graph = layer_graph(service, "fleet", lambda name: "")
    assert not [node for node in graph.nodes if "da-collapsed" in node.classes]


def test_rebuild_rereads_only_the_changed_file(tmp_path: Path):
    spec = big_service(tmp_path, per_package=10)
    cache = FileCache()
    first = analyse_service(spec, cache)
    misses = cache.misses
    assert misses == len([m for m in first.modules if not m.file.endswith("/")])
    changed = tmp_path / "fleet" / "application" / "part1" / "m0.py"
    changed.write_text("from fleet.adapters.part0 import m1\n")
    second = analyse_service(spec, cache)
    assert cache.misses == misses + 1
    assert any(
        v.source == "fleet.application.part1.m0" and v.target == "fleet.adapters.part0.m1" for v in second.violations
    )
    assert not any(v.source == "fleet.application.part1.m0" for v in first.violations)


def test_every_edge_of_a_layer_graph_joins_two_drawn_nodes():
    """Test modules inside a context are not drawn among its layers, so neither are their imports: an edge to a
    node that is not drawn makes Graphviz draw a bare ellipse labelled with the node's id."""
    root = Path(__file__).parent / "fixtures" / "layouts" / "tests_inside" / "src"
    service = analyse_service(ServiceSpec("Ledger", (root,), ("ledger",), base=root))
    assert any(module.layer == "tests" for module in service.modules)
    for context in service.contexts:
        graph = layer_graph(service, context.name, lambda name: "")
        drawn = {node.id for node in graph.nodes}
        assert [edge for edge in graph.edges if edge.source not in drawn or edge.target not in drawn] == []
