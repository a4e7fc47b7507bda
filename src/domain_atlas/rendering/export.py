"""The model as the JSON document of the `domain-atlas/model/1` contract (see the site's Model export page)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from domain_atlas import __version__
from domain_atlas.model import Service

SCHEMA = "domain-atlas/model/1"


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
                }
                for edge in service.internal_imports()
            ],
            key=lambda item: (item["kind"], item["source"], item["target"], item["file"], item["line"]),
        ),
        "violations": [
            {
                "rule": violation.rule,
                "severity": violation.severity,
                "source": violation.source,
                "target": violation.target,
                "file": violation.file,
                "line": violation.line,
                "message": violation.message,
                "hint": violation.hint,
                "adr": violation.adr,
                "type_only": violation.type_only,
            }
            for violation in service.violations
        ],
        "diagnostics": [
            {"level": d.level.value, "file": d.file, "line": d.line, "message": d.message} for d in service.diagnostics
        ],
    }


def model_document(services: Sequence[Service]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generator": {"name": "domain-atlas", "version": __version__},
        "services": [service_document(service) for service in services],
    }


def to_json(services: Sequence[Service]) -> str:
    return json.dumps(model_document(services), indent=2, ensure_ascii=False) + "\n"
