"""Reading import-linter contracts (`.importlinter`, `setup.cfg`, `[tool.importlinter]` in pyproject.toml)."""

from __future__ import annotations

import configparser
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from domain_atlas.discovery import observed_inputs
from domain_atlas.discovery.source_files import UnreadableFile, display_path, read_file_bytes
from domain_atlas.model import Diagnostic, Level
from domain_atlas.model.contracts import Contract

SUPPORTED = ("layers", "independence", "forbidden", "acyclic_siblings")


def find_contract_file(source_roots: Iterable[Path]) -> Path | None:
    """The nearest import-linter configuration at or above a source root (up to two folders up)."""
    for root in source_roots:
        for folder in (root, root.parent, root.parent.parent):
            for name in (".importlinter", "setup.cfg", "pyproject.toml"):
                path = folder / name
                if observed_inputs.is_file(path) and _mentions_importlinter(path):
                    return path
    return None


def _mentions_importlinter(path: Path) -> bool:
    try:
        text = read_file_bytes(path).decode("utf-8", errors="replace")
    except UnreadableFile:
        return False
    return path.name == ".importlinter" or "importlinter" in text


def _list(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return tuple(line.strip() for line in str(value or "").splitlines() if line.strip())


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def read_contracts(path: Path, base: Path) -> tuple[list[Contract], list[Diagnostic]]:
    display = display_path(path, base)
    try:
        text = read_file_bytes(path).decode("utf-8", errors="replace")
    except UnreadableFile as error:
        return [], [Diagnostic(display, 0, Level.WARNING, f"cannot be read ({error}); its contracts are not checked")]
    sections: list[tuple[str, Mapping[str, Any]]] = []
    try:
        if path.suffix == ".toml":
            document = tomllib.loads(text)
            config = document.get("tool", {}).get("importlinter", {})
            for index, contract in enumerate(config.get("contracts", [])):
                sections.append((str(contract.get("id") or contract.get("name") or index), contract))
        else:
            parser = configparser.ConfigParser()
            parser.read_string(text, source=display)
            for section in parser.sections():
                if section.startswith("importlinter:contract:"):
                    sections.append((section.split(":", 2)[2], dict(parser[section])))
    except (tomllib.TOMLDecodeError, configparser.Error) as error:
        found = re.search(r"line\s+(\d+)", str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else 1)
        return [], [
            Diagnostic(
                display, line, Level.ERROR, "cannot read import-linter contracts: " + " ".join(str(error).split())
            )
        ]
    contracts, problems = [], []
    for identifier, raw in sections:
        name = str(raw.get("name") or identifier)
        kind = str(raw.get("type", "")).strip()
        line = (
            _line_of(text, f"contract:{identifier}]") if path.suffix != ".toml" else _line_of(text, f'"{identifier}"')
        )
        if kind not in SUPPORTED:
            problems.append(
                Diagnostic(
                    display,
                    line,
                    Level.WARNING,
                    f"import-linter contract {name!r} of type {kind!r} is not checked "
                    f"(supported: {', '.join(SUPPORTED)})",
                )
            )
            continue
        layers = tuple(
            tuple(part.strip() for part in re.split(r"[|:]", entry) if part.strip())
            for entry in _list(raw.get("layers"))
        )
        contracts.append(
            Contract(
                name=name,
                type=kind,
                file=display,
                line=line,
                layers=layers,
                containers=_list(raw.get("containers")),
                modules=_list(raw.get("modules") or raw.get("source_modules") or raw.get("ancestors")),
                forbidden=_list(raw.get("forbidden_modules")),
            )
        )
    return contracts, problems
