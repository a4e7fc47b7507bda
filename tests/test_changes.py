"""The pure diff of two models: what a reviewer is told changed, and what is deliberately not a change."""

from __future__ import annotations

import ast
import dataclasses

from domain_atlas.discovery.bodies import body_digests
from domain_atlas.model import Context, Element, ImportEdge, Relation, Service, SourceModule, Violation
from domain_atlas.rules.changes import Dependency, diff_models, diff_service


def module(name: str, context: str | None) -> SourceModule:
    return SourceModule(name, name.replace(".", "/") + ".py", False, context, "domain")


def element(path: str, *kinds: str, digest: str = "") -> Element:
    file = path.rsplit(".", 1)[0].replace(".", "/") + ".py"
    return Element(path, tuple(sorted(kinds)), "orders", "domain", file, 1, body_digest=digest)


def service(**parts: object) -> Service:
    base = Service(
        "Shop",
        "shop",
        ("shop",),
        ("src",),
        (Context("billing", "shop.billing"), Context("orders", "shop.orders")),
        (
            module("shop.orders.domain", "orders"),
            module("shop.orders.events", "orders"),
            module("shop.billing.handlers", "billing"),
        ),
        (),
    )
    return dataclasses.replace(base, **parts)  # type: ignore[arg-type]


def violation(line: int, file: str = "shop/billing/handlers.py") -> Violation:
    return Violation("context-independence", "shop.billing.handlers", "shop.orders.domain", file, line)


def test_identical_models_give_an_empty_diff():
    model = service(elements=(element("shop.orders.domain.Order", "aggregate"),))
    changes = diff_service(model, model)
    assert changes.is_empty()


def test_added_and_removed_elements_relations_and_kinds():
    base = service(
        elements=(element("shop.orders.domain.Order", "entity"), element("shop.orders.events.Shipped", "domain_event")),
        relations=(Relation("publishes", "shop.orders.domain.Order.ship", "shop.orders.events.Shipped", "x", "a", 3),),
    )
    head = service(
        elements=(
            element("shop.orders.domain.Order", "aggregate", "entity"),
            element("shop.orders.events.Placed", "domain_event"),
        ),
        relations=(Relation("publishes", "shop.orders.domain.Order.place", "shop.orders.events.Placed", "x", "a", 9),),
    )
    changes = diff_service(base, head)
    assert [e.path for e in changes.added.elements] == ["shop.orders.events.Placed"]
    assert [e.path for e in changes.removed.elements] == ["shop.orders.events.Shipped"]
    assert [(r.source, r.target) for r in changes.added.relations] == [
        ("shop.orders.domain.Order.place", "shop.orders.events.Placed")
    ]
    assert [(r.source, r.target) for r in changes.removed.relations] == [
        ("shop.orders.domain.Order.ship", "shop.orders.events.Shipped")
    ]
    assert [(k.path, k.kinds_before, k.kinds_after) for k in changes.kinds] == [
        ("shop.orders.domain.Order", ("entity",), ("aggregate", "entity"))
    ]


def test_a_relation_written_elsewhere_is_not_a_change():
    base = service(relations=(Relation("handles", "h.on_paid", "e.Paid", "dict registry", "a.py", 3),))
    head = service(relations=(Relation("handles", "h.on_paid", "e.Paid", "subscribe()", "b.py", 30),))
    assert diff_service(base, head).is_empty()


def test_a_same_body_under_a_new_path_is_a_move_and_its_edges_follow_it():
    base = service(
        elements=(element("shop.orders.domain.Order", "aggregate", digest="d1"),),
        relations=(Relation("publishes", "shop.orders.domain.Order.place", "shop.orders.events.Placed"),),
    )
    head = service(
        elements=(element("shop.orders.model.PurchaseOrder", "aggregate", digest="d1"),),
        relations=(Relation("publishes", "shop.orders.model.PurchaseOrder.place", "shop.orders.events.Placed"),),
    )
    changes = diff_service(base, head)
    assert [(m.before.path, m.after.path) for m in changes.moves] == [
        ("shop.orders.domain.Order", "shop.orders.model.PurchaseOrder")
    ]
    assert not changes.added.elements and not changes.removed.elements
    assert not changes.added.relations and not changes.removed.relations


def test_ambiguous_equal_bodies_are_not_guessed_into_moves():
    base = service(elements=(element("a.X", "command", digest="d"), element("a.Y", "command", digest="d")))
    head = service(elements=(element("b.P", "command", digest="d"), element("b.Y", "command", digest="d")))
    changes = diff_service(base, head)
    assert [(m.before.path, m.after.path) for m in changes.moves] == [("a.Y", "b.Y")]  # the same name decides
    assert [e.path for e in changes.added.elements] == ["b.P"]
    assert [e.path for e in changes.removed.elements] == ["a.X"]


def test_violations_match_by_rule_source_target_and_file_not_line():
    base = service(violations=(violation(3), violation(7)))
    moved_lines = service(violations=(violation(10), violation(12)))
    assert diff_service(base, moved_lines).is_empty()
    one_more = service(violations=(violation(10), violation(12), violation(20)))
    assert [v.line for v in diff_service(base, one_more).added.violations] == [20]
    other_file = service(violations=(violation(3, "shop/billing/other.py"),))
    changes = diff_service(base, other_file)
    assert [v.file for v in changes.added.violations] == ["shop/billing/other.py"]
    assert [v.line for v in changes.removed.violations] == [3, 7]


def test_context_dependencies_added_removed_and_changed():
    by_event = ImportEdge("shop.billing.handlers", "shop.orders.events", 1, "shop/billing/handlers.py")
    by_model = ImportEdge("shop.billing.handlers", "shop.orders.domain", 2, "shop/billing/handlers.py")
    none, events, both = service(), service(imports=(by_event,)), service(imports=(by_event, by_model))
    assert diff_service(none, events).added.dependencies == (Dependency("billing", "orders", "event", 1),)
    assert diff_service(events, none).removed.dependencies == (Dependency("billing", "orders", "event", 1),)
    changed = diff_service(events, both).dependencies
    assert [(c.before, c.after) for c in changed] == [
        (Dependency("billing", "orders", "event", 1), Dependency("billing", "orders", "import", 2))
    ]


def test_contexts_and_modules_and_whole_services():
    base = service()
    head = service(
        contexts=(*base.contexts, Context("shipping", "shop.shipping")),
        modules=(*base.modules, module("shop.shipping.domain", "shipping")),
    )
    changes = diff_service(base, head)
    assert [c.name for c in changes.added.contexts] == ["shipping"]
    assert [m.name for m in changes.added.modules] == ["shop.shipping.domain"]
    other = dataclasses.replace(service(), name="Billing", slug="billing")
    found = diff_models([base], [base, other])
    assert [(c.name, c.only_in) for c in found] == [("Shop", ""), ("Billing", "head")]
    assert [c.name for c in found[1].added.contexts] == ["billing", "orders"]


def digests(source: str) -> dict[str, str]:
    return dict(body_digests(ast.parse(source)))


def test_body_digest_ignores_name_layout_and_comments_but_not_the_body():
    first = digests("class Order:\n    def place(self):\n        return 1\n")
    renamed = digests("class PurchaseOrder(Base):  # note\n\n    def place(self):\n        return (1)\n")
    changed = digests("class Order:\n    def place(self):\n        return 2\n")
    assert first["Order"] == renamed["PurchaseOrder"]
    assert first["Order"] != changed["Order"]


def test_empty_bodies_match_only_under_the_same_name():
    found = digests("class Paid(Event):\n    pass\n\nclass Refunded(Event):\n    pass\n")
    again = digests("class Paid(Event):\n    '''Paid.'''\n    pass\n")
    assert found["Paid"] != found["Refunded"]
    assert found["Paid"] != again["Paid"]  # the docstring is part of the body
    assert found["Paid"] == digests("class Paid(Message):\n    pass\n")["Paid"]


def test_a_functions_digest_covers_its_parameters_and_return_type_not_its_decorators():
    found = digests(
        "def place(order: int) -> int:\n    return order\n\n"
        "@cached\ndef put(order: int) -> int:\n    return order\n\n"
        "def other(order: str) -> int:\n    return order\n\n"
        "def last(order: int) -> str:\n    return order\n"
    )
    assert found["place"] == found["put"]
    assert len({found["place"], found["other"], found["last"]}) == 3


def test_names_strings_and_numbers_in_a_body_are_told_apart():
    found = digests(
        "class A:\n    x = Paid\n\nclass B:\n    x = 'Paid'\n\nclass C:\n    x = 1\n\nclass D:\n    x = '1'\n"
    )
    assert len(set(found.values())) == 4


def test_a_huge_hex_number_still_gets_a_digest():
    # Its decimal text exceeds Python's int-to-text limit: naive text of the tree raises ValueError.
    found = digests("class Mask:\n    BITS = 0x" + "f" * 5000 + "\n")
    assert found["Mask"]


_MANY_NODE_KINDS = """
class Order(Aggregate):
    \"\"\"An order.\"\"\"
    lines: list[Line] = []

    def place(self, customer: str, *items, when=None, **extra) -> "Order":
        for item in items:
            if item.quantity > 0x10 and not item.free:
                self.lines.append(Line(item, -1.5, b"x", f"{item!r:>{width}}"))
        self.events.append(OrderPlaced(self.id, customer))
        return [x async for x in stream] if when else {k: v for k, v in extra.items()}


async def handle(event: OrderPlaced, /, uow=None) -> None:
    match event:
        case OrderPlaced(id=1) | None:
            del uow[0]
        case _:
            with (yield from lock) as held:
                raise Error() from None
    global counter
    counter += lambda a, *b: a[1:2, ::3]
"""


def test_body_digests_stay_the_ones_earlier_versions_gave():
    # Pinned: the walk that takes them is tuned for speed, and a faster walk must not move a single digest.
    assert digests(_MANY_NODE_KINDS) == {"Order": "55faec04d1c32fc80575bd17", "handle": "7452d51f07ea1af74b083c73"}


def test_a_same_body_that_changed_kind_is_not_a_move():
    base = service(elements=(element("shop.orders.events.AllocationRequired", "domain_event", digest="d"),))
    head = service(elements=(element("shop.orders.commands.Allocate", "command", digest="d"),))
    changes = diff_service(base, head)
    assert not changes.moves
    assert [e.path for e in changes.added.elements] == ["shop.orders.commands.Allocate"]
    assert [e.path for e in changes.removed.elements] == ["shop.orders.events.AllocationRequired"]


def test_the_summary_line_counts_in_plain_english():
    from domain_atlas.rendering.changes import summary

    edges = (
        ImportEdge("shop.billing.handlers", "shop.orders.events", 1, "shop/billing/handlers.py"),
        ImportEdge("shop.orders.domain", "shop.billing.handlers", 2, "shop/orders/domain.py"),
    )
    changes = diff_service(service(), service(imports=edges, violations=(violation(3),)))
    assert summary(changes) == "+2 context dependencies, 1 new violation"
    assert summary(diff_service(service(), service())) == "no architectural change"
