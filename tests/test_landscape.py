"""Many services, one wiki: messages that cross between separately exported services, and the landscape page."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from domain_atlas.discovery.model_file import read_model_service
from domain_atlas.model import Service
from domain_atlas.model.federation import crossings
from tests.helpers import REPO_ROOT, mkdocs_build, write_site
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


def _services_from_models(tmp_path: Path, names: dict[str, str]) -> list[Service]:
    services = []
    for package, name in names.items():
        path = tmp_path / f"{package}.json"
        result = run_cli("export", FIXTURE, "--package", package, "-o", str(path))
        assert result.returncode == 0, result.stderr
        services.append(read_model_service(path, name))
    return services


def test_separately_exported_services_are_joined_on_dotted_paths_and_type_strings(tmp_path: Path):
    services = _services_from_models(tmp_path, {"shop.ordering": "Ordering", "shop.shipping": "Shipping"})
    found = crossings(services)
    assert {(c.source, c.target, c.name, c.kind) for c in found} == {
        ("Ordering", "Shipping", "OrderPlaced", "event"),  # handled by its dotted path
        ("Ordering", "Shipping", "OrderCancelled", "event"),  # handled by the type string it declares
        ("Ordering", "Shipping", "DispatchShipment", "command"),  # sent by ordering, defined by shipping
        ("Ordering", "Shipping", "CancelShipmentCommand", "command"),  # sent through a package re-exporting it
        ("Shipping", "Ordering", "ShipmentDispatched", "event"),
        # TrackShipmentCommand is only sent by ordering's tests: test code is not how services talk.
    }
    cancel = next(c for c in found if c.name == "CancelShipmentCommand")
    assert cancel.message == "shop.shipping.application.commands.CancelShipmentCommand"
    assert (cancel.source_context, cancel.target_context) == ("ordering", "shipping")
    # One service alone crosses nothing, and its own messages never cross to itself.
    assert crossings(services[:1]) == []


class _Page(HTMLParser):
    """The landscape figure's links and edges, and the rows of the table that follows it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}  # node id -> href
        self.edges: dict[str, str] = {}  # edge id -> tooltip
        self.rows: list[list[str]] = []
        self.bold = 0
        self._group = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "g" and (values.get("id") or "").startswith("da-svc"):
            self._group = values["id"] or ""
        if tag == "a" and self._group and "xlink:href" in values:
            self.links[self._group] = values["xlink:href"] or ""
        if tag == "a" and self._group.startswith("da-svc-edge"):
            self.edges[self._group] = values.get("xlink:title") or ""
        if tag == "tr":
            self.rows.append([])
        if tag == "td":
            self._cell = []
        self.bold += tag == "b"

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None


def test_the_index_page_of_a_wiki_of_exported_models_draws_the_landscape(tmp_path: Path):
    for package in ("shop.ordering", "shop.shipping"):
        result = run_cli("export", FIXTURE, "--package", package, "-o", str(tmp_path / f"{package}.json"))
        assert result.returncode == 0, result.stderr
    hostile = "Shipping <b>|x"
    services = [{"name": "Ordering", "model": "shop.ordering.json"}, {"name": hostile, "model": "shop.shipping.json"}]
    config = write_site(tmp_path, {"services": services})
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = _Page()
    html = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    page.feed(html[html.index("<article") : html.index("</article>")])
    assert page.links == {"da-svc-ordering": "ordering/", "da-svc-shipping-b-x": "shipping-b-x/"}
    for href in page.links.values():
        assert (tmp_path / "site" / "architecture" / href / "index.html").is_file()
    assert set(page.edges) == {
        "da-svc-edge-ordering-shipping-b-x-command",
        "da-svc-edge-ordering-shipping-b-x-event",
        "da-svc-edge-shipping-b-x-ordering-event",
    }
    assert "command DispatchShipment" in page.edges["da-svc-edge-ordering-shipping-b-x-command"]
    assert "command CancelShipmentCommand" in page.edges["da-svc-edge-ordering-shipping-b-x-command"]
    landscape_rows = [row[:4] for row in page.rows if len(row) == 5 and row[3] in ("event", "command")]
    assert sorted(landscape_rows) == [
        ["Ordering", hostile, "CancelShipmentCommand", "command"],
        ["Ordering", hostile, "DispatchShipment", "command"],
        ["Ordering", hostile, "OrderCancelled", "event"],
        ["Ordering", hostile, "OrderPlaced", "event"],
        [hostile, "Ordering", "ShipmentDispatched", "event"],
    ]
    assert page.bold == 0  # the hostile name is text in the landscape, never markup


def test_a_wiki_of_one_service_has_no_landscape(tmp_path: Path):
    config = write_site(tmp_path, {"services": [{"name": "Shop", "source": str(REPO_ROOT / FIXTURE)}]})
    result = mkdocs_build(config, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert 'id="da-landscape"' not in html and "Landscape" not in html
