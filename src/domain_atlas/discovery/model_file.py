"""Reading a service from an exported model (`domain-atlas export`) instead of from its source.

This is how a wiki covers many repositories without checking them out: each repository's CI exports its model,
the wiki reads the JSON. The document is untrusted: it is validated against the published schema, and every
name that later becomes a file name, a link or a diagram id is checked here, so rendering never sees a name it
could not have read from code. Errors name the file and the JSON path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from domain_atlas.discovery import observed_inputs
from domain_atlas.model import (
    Context,
    DeclaredRelationship,
    Diagnostic,
    Element,
    ImportEdge,
    Level,
    Relation,
    Service,
    SourceModule,
    Violation,
)
from domain_atlas.model.architecture import slugify
from domain_atlas.model.layers import LayerScheme
from domain_atlas.model.layout import ContextReading, Doubt, LayerReading, LayoutReading, Unplaced
from domain_atlas.rules.relationship_settings import RelationshipSettingsError, parse_relationships

__all__ = ["MAX_MODEL_BYTES", "ModelFileError", "read_model_service"]

# A model of a few thousand modules is a few MB; anything far larger is not a model export.
MAX_MODEL_BYTES = 200_000_000
SCHEMA = "domain-atlas/model/1"
# Context and layer names become page folders, anchors and diagram ids: no slashes, no leading dot.
_NAME = re.compile(r"\w[\w .-]{0,199}")
_DERIVED_RELATIONS = ("imports", "depends_on")  # recomputed from modules and imports, never read back
_SHOWN_ERRORS = 5


class ModelFileError(ValueError):
    """An exported model that cannot be used; the message names the file and the JSON path."""


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("domain_atlas").joinpath("schema", "model-1.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _load(path: Path, shown: str) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if size > MAX_MODEL_BYTES:
            raise ModelFileError(f"{shown}: {size:,} bytes, over the {MAX_MODEL_BYTES:,}-byte limit for a model")
        data = path.read_bytes()
        observed_inputs.file_read(path, data)
        text = data.decode("utf-8")
    except OSError as error:
        raise ModelFileError(f"{shown}: cannot read the model: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ModelFileError(f"{shown}: not UTF-8 text (byte {error.start}); is this a model export?") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{shown}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from error
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise ModelFileError(f"{shown}: expected a JSON object with 'schema' and 'services', got {kind}")
    if document.get("schema") != SCHEMA:
        raise ModelFileError(
            f"{shown}: $.schema is {document.get('schema')!r}; this Domain Atlas reads {SCHEMA!r} "
            "(written by `domain-atlas export`)"
        )
    _validate(document, shown)
    return document


@cache
def _validator() -> Any:
    # jsonschema is imported here, so a site without model services never pays for it.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema())


def _validate(document: dict[str, Any], shown: str) -> None:
    validator = _validator()
    if validator.is_valid(document):
        return  # the common case: listing every error costs more than checking
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    lines = []
    for error in errors[:_SHOWN_ERRORS]:
        message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
        lines.append(f"  {error.json_path}: {message}")
    more = f"\n  ... and {len(errors) - _SHOWN_ERRORS} more" if len(errors) > _SHOWN_ERRORS else ""
    raise ModelFileError(
        f"{shown}: does not match the schema {SCHEMA} ({len(errors)} problem(s)):\n" + "\n".join(lines) + more
    )


# A `file` becomes part of a source link (`source_url`): nothing that could end or restart Markdown link syntax.
_UNSAFE_FILE = re.compile(r"[\s()<>\[\]`'\"\\]")


def _check_files(raw: Mapping[str, Any], where: str) -> None:
    for key in ("modules", "elements", "relations", "violations", "diagnostics", "external_imports"):
        for index, item in enumerate(raw.get(key) or []):
            file = item.get("file", "") if isinstance(item, Mapping) else ""
            if isinstance(file, str) and _UNSAFE_FILE.search(file):
                raise ModelFileError(
                    f"{where}.{key}[{index}].file: {file[:200]!r} is not a usable file path "
                    "(no spaces, quotes, brackets or backslashes)"
                )


def _pick(services: Sequence[Mapping[str, Any]], name: str, shown: str) -> tuple[int, Mapping[str, Any]]:
    """The file's only service, or the one with the configured name when it holds several."""
    if len(services) == 1:
        return 0, services[0]
    for index, service in enumerate(services):
        if service["name"] == name:
            return index, service
    names = ", ".join(repr(service["name"]) for service in services) or "none"
    raise ModelFileError(f"{shown}: holds {len(services)} services and none is named {name!r} (services: {names})")


def _name(value: object, where: str) -> str:
    text = str(value)
    if not _NAME.fullmatch(text):
        raise ModelFileError(f"{where}: {text!r} is not a usable name (letters, digits, _ . - and spaces; no slashes)")
    return text


def _optional_name(value: object, where: str) -> str | None:
    return None if value is None else _name(value, where)


def _edge(raw: Mapping[str, Any], external: bool) -> ImportEdge:
    return ImportEdge(
        source=str(raw["source"]),
        target=str(raw["target"]),
        line=int(raw.get("line", 0)),
        file=str(raw.get("file", "")),
        external=external,
        type_checking=bool(raw.get("type_checking", raw.get("via") == "TYPE_CHECKING")),
        in_function=bool(raw.get("in_function", raw.get("via") == "function")),
    )


class _ServiceReader:
    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        self.raw = raw
        self.where = where

    def contexts(self) -> tuple[Context, ...]:
        found = []
        for index, raw in enumerate(self.raw["contexts"]):
            where = f"{self.where}.contexts[{index}]"
            found.append(
                Context(
                    name=_name(raw["name"], f"{where}.name"),
                    package=str(raw["package"]),
                    shared_kernel=bool(raw.get("shared_kernel", False)),
                    description=str(raw.get("description", "")),
                    declared=bool(raw.get("declared", False)),
                    packages=tuple(str(package) for package in raw.get("owned_packages", [])),
                )
            )
        names = [context.name for context in found]
        if len(set(names)) != len(names):
            raise ModelFileError(f"{self.where}.contexts: context names must be unique, got {sorted(names)}")
        return tuple(sorted(found))

    def modules(self, contexts: Sequence[Context]) -> tuple[SourceModule, ...]:
        known = {context.name for context in contexts}
        if "modules" not in self.raw:
            # A model without its module list: its contexts' layer tables still name every layered module.
            return tuple(
                sorted(
                    SourceModule(module, "", False, context["name"], _name(layer, f"{self.where}.contexts.layers"))
                    for context in self.raw["contexts"]
                    for layer, names in context["layers"].items()
                    for module in names
                )
            )
        found = []
        for index, raw in enumerate(self.raw["modules"]):
            where = f"{self.where}.modules[{index}]"
            context = _known_context(raw["context"], where, known)
            found.append(
                SourceModule(
                    name=str(raw["name"]),
                    file=str(raw["file"]),
                    is_package=bool(raw.get("is_package", False)),
                    context=context,
                    layer=_optional_name(raw["layer"], f"{where}.layer"),
                    docstring=str(raw.get("docstring", "")),
                    lines=int(raw.get("lines", 0)),
                )
            )
        return tuple(sorted(found))

    def elements(self, contexts: Sequence[Context]) -> tuple[Element, ...]:
        known = {context.name for context in contexts}
        found = []
        for index, raw in enumerate(self.raw["elements"]):
            where = f"{self.where}.elements[{index}]"
            context = _known_context(raw["context"], where, known)
            found.append(
                Element(
                    path=str(raw["path"]),
                    kinds=tuple(sorted(str(kind) for kind in raw["kinds"])),
                    context=context,
                    layer=_optional_name(raw["layer"], f"{where}.layer"),
                    file=str(raw["file"]),
                    line=int(raw["line"]),
                    evidence=tuple(str(item) for item in raw["evidence"]),
                    test=bool(raw.get("test", False)),
                    docstring=str(raw.get("docstring", "")),
                    fields=tuple((str(pair[0]), str(pair[1])) for pair in raw.get("fields", [])),
                    methods=tuple(str(method) for method in raw.get("methods", [])),
                    returns=str(raw.get("returns", "")),
                    message_type=str(raw.get("message_type", "")),
                    body_digest=str(raw.get("body_digest", "")),
                )
            )
        return tuple(sorted(found))

    def imports(self, modules: Sequence[SourceModule]) -> tuple[ImportEdge, ...]:
        known = {module.name for module in modules}
        edges = set()
        for index, raw in enumerate(self.raw["relations"]):
            if raw["kind"] != "imports":
                continue
            for end in ("source", "target"):
                if raw[end] not in known:
                    raise ModelFileError(
                        f"{self.where}.relations[{index}].{end}: module {raw[end]!r} is not in the service's modules"
                    )
            edges.add(_edge(raw, external=False))
        for index, raw in enumerate(self.raw.get("external_imports", [])):
            if raw.get("source") not in known:
                raise ModelFileError(
                    f"{self.where}.external_imports[{index}].source: module {raw.get('source')!r} "
                    "is not in the service's modules"
                )
            edges.add(_edge(raw, external=True))
        return tuple(sorted(edges))

    def relations(self) -> tuple[Relation, ...]:
        return tuple(
            sorted(
                Relation(
                    kind=str(raw["kind"]),
                    source=str(raw["source"]),
                    target=str(raw["target"]),
                    via=str(raw.get("via", "")),
                    file=str(raw.get("file", "")),
                    line=int(raw.get("line", 0)),
                )
                for raw in self.raw["relations"]
                if raw["kind"] not in _DERIVED_RELATIONS
            )
        )

    def violations(self) -> tuple[Violation, ...]:
        return tuple(
            Violation(
                rule=str(raw["rule"]),
                source=str(raw["source"]),
                target=str(raw["target"]),
                file=str(raw["file"]),
                line=int(raw["line"]),
                severity=str(raw["severity"]),
                message=str(raw["message"]),
                hint=str(raw.get("hint", "")),
                adr=str(raw.get("adr", "")),
                type_only=bool(raw.get("type_only", False)),
            )
            for raw in self.raw["violations"]
        )

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(
            sorted(
                {
                    Diagnostic(str(raw["file"]), int(raw["line"]), Level(raw["level"]), str(raw["message"]))
                    for raw in self.raw["diagnostics"]
                }
            )
        )

    def relationships(self, shown: str) -> tuple[DeclaredRelationship, ...]:
        try:
            return parse_relationships(self.raw.get("relationships"), f"{self.where}.relationships", shown)
        except RelationshipSettingsError as error:
            raise ModelFileError(str(error)) from error

    def reading(self) -> LayoutReading:
        """How the exporter read the layout (shown on the overview); absent from older models."""
        data = self.raw.get("layout_reading")
        if not isinstance(data, Mapping):
            return LayoutReading()
        try:
            return LayoutReading(
                contexts=tuple(
                    ContextReading(**{**item, "packages": tuple(item["packages"])}) for item in data.get("contexts", [])
                ),
                layers=tuple(LayerReading(**item) for item in data.get("layers", [])),
                composition_roots=tuple(LayerReading(**item) for item in data.get("composition_roots", [])),
                not_placed=tuple(Unplaced(**item) for item in data.get("not_placed", [])),
                outside=tuple(str(item) for item in data.get("outside", [])),
                doubts=tuple(Doubt(**item) for item in data.get("doubts", [])),
            )
        except (TypeError, KeyError) as error:
            raise ModelFileError(f"{self.where}.layout_reading: not a layout reading ({error})") from error

    def layer_order(self) -> tuple[str, ...]:
        order = self.raw.get("layer_order")
        if not isinstance(order, list):
            return LayerScheme.default().order()
        return tuple(_name(layer, f"{self.where}.layer_order[{index}]") for index, layer in enumerate(order))


def read_model_service(path: Path, name: str, shown: str = "") -> Service:
    """The service `name` (or the file's only service) of an exported model, as the pure model's value."""
    shown = shown or path.as_posix()
    document = _load(path, shown)
    index, raw = _pick(document["services"], name, shown)
    reader = _ServiceReader(raw, f"{shown}: $.services[{index}]")
    _check_files(raw, reader.where)
    contexts = reader.contexts()
    modules = reader.modules(contexts)
    return Service(
        name=name,
        slug=slugify(name),
        packages=tuple(str(package) for package in raw["packages"]),
        source_roots=tuple(str(root) for root in raw.get("source_roots", [])),
        contexts=contexts,
        modules=modules,
        imports=reader.imports(modules),
        diagnostics=reader.diagnostics(),
        elements=reader.elements(contexts),
        relations=reader.relations(),
        violations=reader.violations(),
        layer_order=reader.layer_order(),
        relationships=reader.relationships(shown),
        reading=reader.reading(),
    )


def _known_context(value: object, where: str, known: set[str]) -> str | None:
    """A module's or element's context: absent, or one the model declares."""
    context = _optional_name(value, f"{where}.context")
    if context is not None and context not in known:
        raise ModelFileError(f"{where}.context: {context!r} is not one of the service's contexts")
    return context
