"""The indexes built once per build answer exactly what scanning every module or context would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain_atlas.model import ContextSpec
from domain_atlas.structure.contexts import ContextIndex, PackageTree

segments = st.sampled_from(["shop", "orders", "domain", "billing", "api", "v1"])
dotted = st.lists(segments, min_size=1, max_size=4).map(".".join)


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@given(st.lists(dotted, max_size=30), dotted)
def test_a_package_tree_gives_the_children_and_subpackages_a_scan_finds(modules: list[str], package: str):
    tree = PackageTree(modules)
    below = [name[len(package) + 1 :] for name in modules if name.startswith(package + ".")]
    assert list(tree.children(package)) == sorted({rest.split(".")[0] for rest in below})
    assert list(tree.subpackages(package)) == sorted({rest.split(".")[0] for rest in below if "." in rest})


specs = st.builds(
    ContextSpec,
    name=segments,
    package=dotted,
    packages=st.lists(dotted, max_size=2).map(tuple),
)


@given(st.lists(specs, max_size=6), dotted)
def test_a_module_belongs_to_the_innermost_context_a_scan_finds(contexts: list[ContextSpec], module: str):
    best: tuple[ContextSpec, str] | None = None
    for spec in contexts:  # the definition: the longest owned package holding the module, the first on a tie
        for package in spec.all_packages:
            if _inside(module, package) and (best is None or len(package) > len(best[1])):
                best = (spec, package)
    assert ContextIndex(contexts).owner(module) == best


@given(st.lists(dotted, max_size=10), dotted)
def test_a_dotted_name_is_inside_the_service_exactly_when_a_scan_of_its_modules_says_so(modules: list[str], name: str):
    from domain_atlas.discovery.catalogue_messages import _within

    known = dict.fromkeys(modules, None)
    assert _within(name, known) == any(_inside(name, module) for module in modules)
