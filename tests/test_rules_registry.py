"""The rules are small objects in one registry: each has an id, a title, a hint and a check over a service."""

from __future__ import annotations

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import ImportEdge, Service, ServiceSpec, SourceModule
from domain_atlas.rules.base import RuleContext
from domain_atlas.rules.catalogue import RULES
from tests.helpers import FIXTURES, REPO_ROOT


def test_every_rule_has_its_id_title_and_hint_and_is_documented():
    documented = (REPO_ROOT / "docs" / "reference" / "configuration.md").read_text(encoding="utf-8")
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id and rule.title and rule.hint.endswith(".")
        assert f"| `{rule_id}` |" in documented, rule_id


def test_one_rule_checks_one_thing():
    source = FIXTURES / "layouts" / "flat_contexts" / "src"
    service = analyse_service(ServiceSpec("flat", (source,), base=source))
    context = RuleContext(scheme=ServiceSpec("flat", (source,)).scheme)
    layer = list(RULES["layer-dependency"].check(service, context))
    contexts = list(RULES["context-independence"].check(service, context))
    root = "tests/fixtures/layouts/flat_contexts/src/"  # paths start at the repository root
    assert [(v.file, v.line) for v in layer] == [(root + "shop/ordering/model.py", 1)]
    assert [(v.file, v.line) for v in contexts] == [(root + "shop/billing/handlers.py", 5)]
    assert all(v.hint == RULES["layer-dependency"].hint for v in layer)


def test_the_import_rules_check_each_service_afresh():
    """The import rules share the statements they look at, found once per service: never another service's."""
    modules = (SourceModule("app.domain.model", "m.py", False, "app", "domain"),)
    outer = (SourceModule("app.adapters.db", "d.py", False, "app", "adapters"),)
    edge = ImportEdge("app.domain.model", "app.adapters.db", 1, "m.py")
    context = RuleContext()
    rule = RULES["layer-dependency"]
    breaking = Service("s", "s", ("app",), (), (), modules + outer, (edge,))
    assert [v.target for v in rule.check(breaking, context)] == ["app.adapters.db"]
    # The same statement in a service where the imported module is domain code too: nothing breaks.
    inner = (SourceModule("app.adapters.db", "d.py", False, "app", "domain"),)
    holding = Service("s", "s", ("app",), (), (), modules + inner, (edge,))
    assert list(rule.check(holding, context)) == []
    assert [v.target for v in rule.check(breaking, context)] == ["app.adapters.db"]
