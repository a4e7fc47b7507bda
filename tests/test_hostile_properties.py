"""Property-based tests (Hypothesis) over names, docstrings and settings from hostile users (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain_atlas.adapters.config_schema import MAX_NAME_LENGTH, ConfigFileError, validated
from domain_atlas.adapters.mkdocs_plugin import DomainAtlasPlugin
from domain_atlas.adapters.settings import service_specs
from domain_atlas.discovery.file_facts import _may_hold_uncarryable, read_module
from domain_atlas.discovery.safe_text import UNCARRYABLE
from domain_atlas.discovery.source_files import SourceFile
from domain_atlas.rendering.dot import Graph, Node, dom_id, to_dot
from domain_atlas.rendering.sitemap import RESERVED_CONTEXT_SLUGS, context_slug, page_slug

SAFE_FOLDER = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(st.text())
@FAST
def test_any_name_gives_a_safe_folder_that_is_never_a_catalogue_page(name):
    for slug in (page_slug(name, "context"), context_slug(name)):
        assert SAFE_FOLDER.fullmatch(slug), slug
        assert len(slug) <= 60 + len("-context") and ".." not in slug and "/" not in slug
    assert context_slug(name) not in RESERVED_CONTEXT_SLUGS


_PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"))


@given(st.lists(st.text(_PRINTABLE, min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=6, unique=True))
@FAST
def test_declared_contexts_always_get_a_page_each(names):
    contexts = [{"package": f"shop.c{index}", "name": name} for index, name in enumerate(names)]
    config = validated({"services": [{"source": "src", "contexts": contexts}]}, None, "test")
    (spec,), _ = service_specs(config, Path("/nowhere"))
    slugs = [context_slug(context.name) for context in spec.contexts]
    assert len(set(slugs)) == len(slugs)


@given(st.text())
@FAST
def test_any_docstring_is_read_carryable_with_a_warning_when_changed(tmp_path_factory, docstring):
    path = tmp_path_factory.mktemp("doc") / "module.py"
    path.write_text(f"class Order:\n    {docstring!r}\n", encoding="utf-8")
    facts = read_module(SourceFile("shop.module", path, "module.py", False), path.read_bytes())
    assert facts.symbols is not None and [c.name for c in facts.symbols.classes] == ["Order"]
    shown = facts.symbols.classes[0].docstring
    shown.encode("utf-8")  # never a lone surrogate
    assert not UNCARRYABLE.search(shown)
    warned = [d for d in facts.diagnostics if "cannot carry" in d.message]
    # A replaced character is always announced; nothing is announced that was not replaced.
    assert bool(warned) == (shown.count("\ufffd") > docstring.count("\ufffd"))
    label = to_dot(Graph("g", shown, (Node(dom_id("n", shown), shown),), ()))
    assert "\x00" not in label


def _holds_or_makes_uncarryable(text: str) -> bool:
    return UNCARRYABLE.search(text) is not None or re.search(r"\\[abfv0-7xuUN]", text) is not None


def test_the_quick_look_for_uncarryable_characters_finds_each_one_the_pattern_finds():
    for code in [*range(0x10000), 0x10000, 0x1F600, 0x10FFFF]:
        text = f"a{chr(code)}b"
        assert _may_hold_uncarryable(text) == _holds_or_makes_uncarryable(text), hex(code)


@given(st.text())
@FAST
def test_the_quick_look_for_uncarryable_characters_agrees_with_the_patterns(text):
    assert _may_hold_uncarryable(text) == _holds_or_makes_uncarryable(text)


@given(st.text())
@FAST
def test_any_text_is_a_dot_string_graphviz_can_read(text):
    quoted = to_dot(Graph(dom_id("g", text), text, (Node(dom_id("n", text), text, tooltip=text),), ()))
    quoted.encode("utf-8")
    assert "\x00" not in quoted and dom_id("n", text).startswith("da-")


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 500), st.text(max_size=12), st.lists(st.text(max_size=8), max_size=3)
)
_SERVICE = st.fixed_dictionaries(
    {"source": st.one_of(st.just("src"), _VALUES)},
    optional={
        "name": st.one_of(st.text(max_size=MAX_NAME_LENGTH + 5), _VALUES),
        "packages": st.one_of(st.sampled_from(["shop", "shop.", ".shop", "shop..x", "1shop", "shop.orders"]), _VALUES),
        "fail_on": st.one_of(st.sampled_from(["new", "any", "never", "sometimes"]), _VALUES),
        "contexts": st.lists(st.fixed_dictionaries({"package": st.sampled_from(["shop.a", "shop.", "x"])}), max_size=2),
        "pakages": _VALUES,
    },
)
_OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "services": st.one_of(st.lists(_SERVICE, max_size=2), _VALUES),
        "output_dir": st.one_of(st.sampled_from(["architecture", "", "/", "../x", "a/b", "a/../b"]), _VALUES),
        "source_url": st.one_of(st.text(alphabet="{}fileinpath/#L:", max_size=16), _VALUES),
        "fail_on": st.one_of(st.sampled_from(["new", "any", "never", "nope"]), _VALUES),
        "layout_timeout": _VALUES,
        "layers": st.one_of(st.dictionaries(st.text(max_size=5), _VALUES, max_size=2), _VALUES),
        "colour": _VALUES,
    },
)


@given(_OPTIONS)
@settings(max_examples=300, deadline=None)
def test_plugin_and_cli_accept_reject_and_default_alike(options):
    """MkDocs validates the plugin's options through BasePlugin.load_config; the CLI through the same schema."""
    plugin = DomainAtlasPlugin()
    errors, _ = plugin.load_config(options, config_file_path="/site/mkdocs.yml")
    try:
        config = validated(options, Path("/site/mkdocs.yml"), "mkdocs.yml")
    except ConfigFileError as error:
        assert errors, f"only the CLI rejected: {error}"
        key, problem = errors[0]
        assert str(error) == f"mkdocs.yml: plugin 'domain-atlas' option '{key}': {problem}"
        return
    assert not errors, f"only the plugin rejected: {errors}"
    assert dict(config) == dict(plugin.config)
