"""The rules are small objects in one registry: each has an id, a title, a hint and a check over a service."""

from __future__ import annotations

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import ServiceSpec
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
