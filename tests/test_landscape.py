"""Many services, one wiki: messages that cross between separately exported services, and the landscape page."""

from __future__ import annotations

import json

import pytest

from tests.test_export import run_cli

FIXTURE = "tests/fixtures/federation/src"


def export(package: str) -> dict:
    result = run_cli("export", FIXTURE, "--package", package)
    assert result.returncode == 0, result.stderr
    (service,) = json.loads(result.stdout)["services"]
    return service


def message_relations(service: dict) -> set[tuple[str, str, str]]:
    return {
        (relation["kind"], relation["source"].rsplit(".", 1)[-1], relation["target"])
        for relation in service["relations"]
        if relation["kind"] in ("handles", "publishes")
    }


@pytest.fixture(scope="module")
def ordering() -> dict:
    return export("shop.ordering")


@pytest.fixture(scope="module")
def shipping() -> dict:
    return export("shop.shipping")


def test_a_service_keeps_the_messages_of_other_services_it_handles_and_sends(ordering: dict, shipping: dict):
    assert message_relations(ordering) >= {
        ("handles", "mark_order_shipped", "shop.shipping.domain.events.ShipmentDispatched"),
        ("publishes", "place_order", "shop.shipping.application.commands.DispatchShipment"),
    }
    assert message_relations(shipping) >= {
        ("handles", "on_order_placed", "shop.ordering.domain.events.OrderPlaced"),
        # A registry keyed by a type string that only the other service declares keeps the string.
        ("handles", "on_order_cancelled", "order.cancelled"),
    }
    handlers = {element["path"].rsplit(".", 1)[-1]: element["kinds"] for element in shipping["elements"]}
    assert handlers["on_order_placed"] == ["event_handler"] and handlers["on_order_cancelled"] == ["event_handler"]


def test_a_message_class_exports_the_type_string_it_declares(ordering: dict):
    types = {element["path"].rsplit(".", 1)[-1]: element["message_type"] for element in ordering["elements"]}
    assert types["OrderCancelled"] == "order.cancelled" and types["OrderPlaced"] == ""


def test_foreign_classes_that_do_not_look_like_messages_are_not_kept(shipping: dict):
    # `dict[str, str]`, `Callable` and builtins are annotations too; none is another service's message.
    targets = {relation["target"] for relation in shipping["relations"] if relation["kind"] == "handles"}
    assert not any(target.startswith(("collections", "builtins", "typing")) for target in targets)
