"""The model as the JSON document of the `domain-atlas/model/1` contract (see the site's Model export page)."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from typing import Any

import orjson

from domain_atlas import __version__
from domain_atlas.model import ImportEdge, Service, Violation
from domain_atlas.rules.imports import is_event_import

SCHEMA = "domain-atlas/model/1"


def violation_record(violation: Violation) -> dict[str, Any]:
    """What identifies and describes a violation, as the export and the diff both write it."""
    return {
        "rule": violation.rule,
        "severity": violation.severity,
        "source": violation.source,
        "target": violation.target,
        "file": violation.file,
        "line": violation.line,
        "message": violation.message,
    }


def context_dependencies(service: Service) -> list[dict[str, Any]]:
    """`depends_on` relations: context -> context, via `event` when only event modules are imported."""
    modules = {module.name: module for module in service.modules}
    pairs: dict[tuple[str, str], list[ImportEdge]] = {}
    for edge in service.internal_imports():
        source, target = modules[edge.source].context, modules[edge.target].context
        if source and target and source != target:
            pairs.setdefault((source, target), []).append(edge)
    return [
        {
            "kind": "depends_on",
            "source": source,
            "target": target,
            "via": "event" if all(is_event_import(e.target) for e in edges) else "import",
            "file": edges[0].file,
            "line": edges[0].line,
        }
        for (source, target), edges in sorted(pairs.items())
    ]


def service_document(service: Service) -> dict[str, Any]:
    return {
        "name": service.name,
        "packages": list(service.packages),
        "source_roots": list(service.source_roots),
        "contexts": [
            {
                "name": context.name,
                "package": context.package,
                "shared_kernel": context.shared_kernel,
                "description": context.description,
                "declared": context.declared,
                "owned_packages": list(context.packages),
                "layers": service.layers_of(context.name),
            }
            for context in service.contexts
        ],
        "modules": [
            {
                "name": module.name,
                "file": module.file,
                "context": module.context,
                "layer": module.layer,
                "is_package": module.is_package,
                "docstring": module.docstring,
                "lines": module.lines,
            }
            for module in service.modules
        ],
        "elements": [
            {
                "path": element.path,
                "kinds": sorted(element.kinds),
                "context": element.context,
                "layer": element.layer,
                "file": element.file,
                "line": element.line,
                "evidence": list(element.evidence),
                "test": element.test,
                "docstring": element.docstring,
                "fields": [list(pair) for pair in element.fields],
                "methods": list(element.methods),
                "returns": element.returns,
                "message_type": element.message_type,
                "body_digest": element.body_digest,
            }
            for element in service.elements
        ],
        "relations": sorted(
            [
                {
                    "kind": relation.kind,
                    "source": relation.source,
                    "target": relation.target,
                    "via": relation.via,
                    "file": relation.file,
                    "line": relation.line,
                }
                for relation in service.relations
            ]
            + [
                {
                    "kind": "imports",
                    "source": edge.source,
                    "target": edge.target,
                    "via": "TYPE_CHECKING" if edge.type_checking else ("function" if edge.in_function else "module"),
                    "file": edge.file,
                    "line": edge.line,
                    "type_checking": edge.type_checking,
                    "in_function": edge.in_function,
                }
                for edge in service.internal_imports()
            ]
            + context_dependencies(service),
            key=lambda item: (item["kind"], item["source"], item["target"], item["file"], item["line"]),
        ),
        "violations": [
            {
                **violation_record(violation),
                "hint": violation.hint,
                "adr": violation.adr,
                "type_only": violation.type_only,
            }
            for violation in service.violations
        ],
        "diagnostics": [
            {"level": d.level.value, "file": d.file, "line": d.line, "message": d.message} for d in service.diagnostics
        ],
        # Beyond the contract's keys: what a wiki needs to draw the service's pages from this document alone.
        "layer_order": list(service.layer_order),
        "layout_reading": _plain(service.reading),
        "relationships": [
            {"upstream": r.upstream, "downstream": r.downstream, "patterns": list(r.patterns)}
            for r in service.relationships
        ],
        "external_imports": [
            {
                "source": e.source,
                "target": e.target,
                "file": e.file,
                "line": e.line,
                "type_checking": e.type_checking,
                "in_function": e.in_function,
            }
            for e in service.imports
            if e.external
        ],
    }


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of the layout reading (records of strings, numbers and tuples of them),
    without its deep copy of every value: on Django's 500 unplaced modules that copying was a third of the export."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def model_document(services: Sequence[Service]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generator": {"name": "domain-atlas", "version": __version__},
        "services": [service_document(service) for service in services],
    }


def to_json(services: Sequence[Service]) -> str:
    document = model_document(services)
    try:
        # Byte for byte what json.dumps(indent=2, ensure_ascii=False) writes, at a tenth of the time: on a large
        # service the standard library's indenting encoder (pure Python) cost more than building the model.
        # The newline is orjson's too: adding it to the text would copy the whole document once more.
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
    except orjson.JSONEncodeError:
        # Text orjson refuses (a lone surrogate from an undecodable file name): the standard library writes it.
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
