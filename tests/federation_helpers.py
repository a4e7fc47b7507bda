"""Service specs from plugin options, validated by the one settings schema as the plugin and the CLI do."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from domain_atlas.adapters.config_schema import validated
from domain_atlas.adapters.settings import service_specs
from domain_atlas.model import ServiceSpec


def specs_of(services: Sequence[Mapping[str, Any]], base: Path, **options: Any) -> list[ServiceSpec]:
    config = validated({"services": list(services), **options}, None, "test")
    specs, _ = service_specs(config, base)
    return specs
