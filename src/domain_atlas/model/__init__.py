"""The pure architecture model at the centre of Domain Atlas (no griffe, MkDocs or Graphviz here)."""

from domain_atlas.model.architecture import (
    Context,
    Diagnostic,
    Element,
    ImportEdge,
    Level,
    Relation,
    Service,
    SourceModule,
    Suppression,
    Violation,
)
from domain_atlas.model.layers import LayerScheme
from domain_atlas.model.relationships import DeclaredRelationship
from domain_atlas.model.spec import ContextSpec, ElementOverride, ServiceSpec, StereotypeRule

__all__ = [
    "Context",
    "ContextSpec",
    "DeclaredRelationship",
    "Diagnostic",
    "Element",
    "ElementOverride",
    "ImportEdge",
    "LayerScheme",
    "Level",
    "Relation",
    "Service",
    "ServiceSpec",
    "SourceModule",
    "StereotypeRule",
    "Suppression",
    "Violation",
]
