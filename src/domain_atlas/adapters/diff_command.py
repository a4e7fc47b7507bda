"""`domain-atlas diff`: the architecture changes between two git revisions, for a review or a pull request."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from domain_atlas.adapters.composition import FileCache
from domain_atlas.adapters.composition.site import RevisionError, diff_json, diff_markdown, diff_revisions, diff_text
from domain_atlas.model import ServiceSpec
from domain_atlas.rules.changes import ServiceChanges

__all__ = ["RevisionError", "run_diff"]


def run_diff(
    arguments: argparse.Namespace,
    specs: Sequence[ServiceSpec],
    adr_links: Mapping[str, str],
    write: Callable[[Path | None, str], None],
    cache: FileCache | None = None,
) -> int:
    # One cache for both sides: facts are keyed by content, so a file unchanged between them is read once.
    changes, base, head, notes = diff_revisions(specs, arguments.base, arguments.head, adr_links, cache)
    for note in notes:
        print(f"domain-atlas: {note}", file=sys.stderr)
    if arguments.format == "json":
        text = diff_json(changes, base, head)
    elif arguments.format == "markdown":
        text = diff_markdown(changes, base, head, _site_links(arguments.config))
    else:
        text = diff_text(changes, base, head)
    write(arguments.output, text)
    return 0


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/name` tags."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _site_links(config: Path | None) -> Callable[[ServiceChanges], str] | None:
    """Each service's overview page on the published site, when mkdocs.yml says where the site lives."""
    if config is None:
        return None
    try:
        document: Any = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError):
        return None  # the settings were read already; a link is a nicety
    site_url = str(document.get("site_url") or "") if isinstance(document, dict) else ""
    if not site_url.startswith(("https://", "http://")):
        return None
    folder = "architecture"
    for plugin in document.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("domain-atlas"), dict):
            folder = str(plugin["domain-atlas"].get("output_dir") or folder).strip("/")
    root = site_url.rstrip("/")
    return lambda service: f"{root}/{folder}/{service.slug}/" if service.only_in != "base" else ""
