"""Context relationships a project declares with its code: `relationships` under `[tool.domain-atlas]`."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from domain_atlas.discovery import observed_inputs
from domain_atlas.discovery.source_files import UnreadableFile, display_path, read_file_bytes
from domain_atlas.model import DeclaredRelationship, Diagnostic, Level
from domain_atlas.rules.relationship_settings import RelationshipSettingsError, parse_relationships


def project_relationships(
    source_roots: Iterable[Path], base: Path
) -> tuple[tuple[DeclaredRelationship, ...], list[Diagnostic]]:
    """The declarations of the nearest pyproject.toml with `[tool.domain-atlas]` at or above a source root."""
    for root in source_roots:
        for folder in (root, root.parent, root.parent.parent):
            path = folder / "pyproject.toml"
            if not observed_inputs.is_file(path):
                continue
            try:
                text = read_file_bytes(path).decode("utf-8", errors="replace")
            except UnreadableFile:
                continue  # reported once, with the catalogue rules of the same file
            if "tool.domain-atlas" not in text:
                continue
            shown = display_path(path, base)
            try:
                settings = tomllib.loads(text).get("tool", {}).get("domain-atlas", {})
            except tomllib.TOMLDecodeError:
                return (), []  # reported once, with the catalogue rules of the same table
            try:
                where = f"{shown} [tool.domain-atlas].relationships"
                return parse_relationships(settings.get("relationships"), where, shown), []
            except RelationshipSettingsError as error:
                line = next((n for n, row in enumerate(text.splitlines(), 1) if "relationships" in row), 1)
                return (), [Diagnostic(shown, line, Level.ERROR, f"relationships not used: {error}")]
    return (), []
