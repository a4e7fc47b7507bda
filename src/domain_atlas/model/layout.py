"""How a service's layout was read: the decisions about contexts and layers, each with its evidence.

The structure step fills these in; the overview page and `domain-atlas explain` show them, so a reader can see
why a package is a context or a module a composition root, and correct a doubtful call with one line of settings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContextReading:
    """One bounded context as read, the packages it owns, and why."""

    name: str
    packages: tuple[str, ...]
    shared_kernel: bool
    evidence: str
    declared: bool = False


@dataclass(frozen=True, order=True)
class LayerReading:
    """One package (or module) that put its modules in a layer, and why."""

    layer: str
    package: str
    evidence: str
    modules: int = 0


@dataclass(frozen=True, order=True)
class Unplaced:
    """A module whose layer the evidence does not settle: no rule rests on it."""

    module: str
    reason: str
    suggestion: str = ""  # a layer that would fit, or "" when nothing points anywhere
    setting: str = ""  # the one line of settings that settles it


@dataclass(frozen=True, order=True)
class Doubt:
    """A call made on weak evidence, and the one line of settings that settles it either way."""

    subject: str  # the package or module in doubt
    reason: str
    setting: str


@dataclass(frozen=True)
class LayoutReading:
    """Every decision about the service's contexts and layers."""

    contexts: tuple[ContextReading, ...] = ()
    layers: tuple[LayerReading, ...] = ()
    composition_roots: tuple[LayerReading, ...] = ()
    not_placed: tuple[Unplaced, ...] = ()
    outside: tuple[str, ...] = ()  # service-wide packages that belong to no context (api/, config/...)
    doubts: tuple[Doubt, ...] = ()  # doubtful calls, each with the setting that settles it
