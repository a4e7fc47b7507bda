"""The context map names the messages that cross contexts (events handled, commands sent), apart from imports."""

from __future__ import annotations

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import ServiceSpec
from domain_atlas.rendering.catalogue_views import CatalogueView
from domain_atlas.rendering.diagrams import context_map
from tests.helpers import REPO_ROOT


def test_events_handled_in_another_context_are_drawn_and_named():
    root = REPO_ROOT / "examples" / "billing-platform" / "src"
    service = analyse_service(ServiceSpec("Billing", (root,), ("billing",), base=root))
    graph = context_map(service, lambda name: "", CatalogueView(service))
    messages = {edge.id: edge for edge in graph.edges if "da-messages" in edge.classes}
    edge = messages["da-msg-payments-invoicing"]
    assert edge.source == "da-ctx-payments" and edge.target == "da-ctx-invoicing"
    assert edge.label == "PaymentFailed, PaymentSucceeded"
    assert "event PaymentFailed handled by billing.invoicing." in edge.tooltip
    assert "da-imports" not in edge.classes  # styled apart from the import edges
    imports = [e for e in graph.edges if "da-imports" in e.classes]
    assert imports and all("da-messages" not in e.classes for e in imports)
    # Without the catalogue the map is the import map alone.
    assert not any("da-messages" in e.classes for e in context_map(service, lambda name: "").edges)
