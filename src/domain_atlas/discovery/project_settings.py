"""Catalogue rules a project keeps with its code: `[tool.domain-atlas]` in the analysed project's pyproject.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from domain_atlas.discovery import observed_inputs
from domain_atlas.discovery.source_files import UnreadableFile, display_path, read_file_bytes
from domain_atlas.model import Diagnostic, ElementOverride, Level, StereotypeRule
from domain_atlas.rules.stereotype_settings import CatalogueSettingsError, parse_rules


def project_rules(
    source_roots: Iterable[Path], base: Path
) -> tuple[tuple[StereotypeRule, ...], tuple[ElementOverride, ...], list[Diagnostic]]:
    """Rules from the nearest pyproject.toml with `[tool.domain-atlas]` at or above a source root."""
    for root in source_roots:
        for folder in (root, root.parent, root.parent.parent):
            path = folder / "pyproject.toml"
            if not observed_inputs.is_file(path):
                continue
            try:
                text = read_file_bytes(path).decode("utf-8", errors="replace")
            except UnreadableFile as error:
                message = f"cannot be read ({error}); its [tool.domain-atlas] settings, if any, are not used"
                return (), (), [Diagnostic(display_path(path, base), 0, Level.WARNING, message)]
            if "domain-atlas" not in text:
                continue
            shown = display_path(path, base)
            try:
                tool = tomllib.loads(text).get("tool", {})
                settings = tool.get("domain-atlas", {}) if isinstance(tool, dict) else None
                if not isinstance(settings, dict):
                    raise CatalogueSettingsError(f"{shown}: expected a table, got {type(settings).__name__}")
                rules, overrides = parse_rules(settings.get("stereotypes"), settings.get("elements"), shown)
            except (tomllib.TOMLDecodeError, CatalogueSettingsError) as error:
                line = next((n for n, text_line in enumerate(text.splitlines(), 1) if "domain-atlas" in text_line), 1)
                return (), (), [Diagnostic(shown, line, Level.ERROR, f"[tool.domain-atlas] not used: {error}")]
            return rules, overrides, []
    return (), (), []
