"""The one settings schema: MkDocs config classes that the plugin and the CLI both validate with.

The plugin gets them from MkDocs; the CLI loads the same classes from the same mkdocs.yml (with MkDocs'
own YAML loader, so `!ENV` works), so both accept, reject and default exactly alike.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

T = TypeVar("T")
PLUGIN_NAME = "domain-atlas"
FAIL_ON = ("new", "any", "never")
# Names become page titles, folder names and diagram labels: long enough for any real name, short enough for
# every file system (a 255-byte file name limit) and every diagram.
MAX_NAME_LENGTH = 80
SOURCE_URL_FIELDS = ("file", "line")


class _StrictConfig(base.Config):
    """Unknown options are errors naming the valid ones, not warnings a team never reads."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        valid = ", ".join(sorted(self._schema_keys))
        unknown = [(key, message) for key, message in warnings if "Unrecognised configuration name" in message]
        for key, _ in unknown:
            failed.append((key, ValidationError(f"unknown option {key!r}; valid options are: {valid}")))
        return failed, [warning for warning in warnings if warning not in unknown]


_FOLDER_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


class DocsSubfolder(c.Type[str]):
    """A folder inside docs_dir for the generated pages: relative, not empty, never climbing out with `..`."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().rstrip("/")
        segments = text.split("/")
        unsafe = [part for part in segments if not _FOLDER_SEGMENT.fullmatch(part) or not part.strip(".")]
        if not text or text.startswith("/") or unsafe:
            raise ValidationError(
                f"expected a folder inside docs_dir such as 'architecture' or 'dev/architecture' (letters, digits, "
                f"'.', '_', '-'; no '..', no absolute path), got {value!r}"
            )
        return "/".join(segments)


_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_DOTTED = re.compile(r"[^\W\d]\w*(?:\.[^\W\d]\w*)*")


class DottedName(BaseConfigOption[str]):
    """A package name as Python spells it: `shop` or `shop.orders` (no leading, trailing or doubled dots)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not _DOTTED.fullmatch(value):
            raise ValidationError(f"expected a dotted package name such as 'shop.orders', got {value!r}")
        return value


class DottedNames(BaseConfigOption[list[str]]):
    """One package name or a list of them."""

    def __init__(self) -> None:
        super().__init__()
        self.default: list[str] = []

    def run_validation(self, value: object) -> list[str]:
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise ValidationError(f"expected a package name or a list of them, got {value!r}")
        return [DottedName().run_validation(item) for item in items]


class Folders(BaseConfigOption[list[str]]):
    """Folders relative to mkdocs.yml: a string or a non-empty list of strings."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def run_validation(self, value: object) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            raise ValidationError(f"expected {self.what} (or a list of them), got {value!r}")
        return [str(item) for item in items]


class Name(BaseConfigOption[str]):
    """A display name: text of at most MAX_NAME_LENGTH characters."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            raise ValidationError(f"expected a name (text), got {value!r}")
        text = " ".join(str(value).split())
        if _CONTROL.search(text):
            raise ValidationError(f"names may not hold control characters or lone surrogates, got {value!r}")
        if len(text) > MAX_NAME_LENGTH:
            raise ValidationError(f"names are at most {MAX_NAME_LENGTH} characters; this one has {len(text)}")
        return text


class LayerMap(BaseConfigOption[dict[str, list[str]]]):
    """Layer name -> the package names (last segments) that belong to it."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, list[str]] = {}

    def run_validation(self, value: object) -> dict[str, list[str]]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValidationError(f"expected a mapping of layer name to package names, got {value!r}")
        for layer, segments in value.items():
            if not isinstance(segments, list) or not all(isinstance(s, str) for s in segments):
                raise ValidationError(f"layer {layer!r}: expected a list of package names, got {segments!r}")
        return {str(layer): list(segments) for layer, segments in value.items()}


class SourceUrl(c.Type[str]):
    """A link template for source lines: only `{file}` and `{line}` are filled in."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        except ValueError as error:
            raise ValidationError(f"not a valid template ({error}); use {{file}} and {{line}}") from error
        unknown = sorted({name for name in fields if name not in SOURCE_URL_FIELDS})
        if unknown:
            shown = ", ".join(f"{{{name}}}" for name in unknown)
            raise ValidationError(f"unknown placeholder(s) {shown}; only {{file}} and {{line}} are filled in")
        return text


class NumberedItems(c.ListOfItems[T]):
    """ListOfItems whose errors say which item failed: `item 2: Sub-option 'name': ...`."""

    def run_validation(self, value: object) -> list[T]:
        if not isinstance(value, list) or len(value) < 2:
            return super().run_validation(value)
        validated: list[T] = []
        for index, item in enumerate(value):
            try:
                validated += super().run_validation([item])
            except ValidationError as error:
                raise ValidationError(f"item {index}: {error}") from error
        return validated


class ContextConfig(_StrictConfig):
    package = c.Optional(DottedName())
    packages = DottedNames()  # every package the context owns; the first names it when `package` is not given
    name: c.Optional[str] = c.Optional(Name())
    shared_kernel = c.Type(bool, default=False)

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        if not failed and not self.get("package") and not self.get("packages"):
            failed.append(("package", ValidationError("give 'package' (or 'packages', a list of dotted names)")))
        return failed, warnings


class ServiceConfig(_StrictConfig):
    name: c.Optional[str] = c.Optional(Name())
    source = c.Optional(Folders("the source root folder"))
    model = c.Optional(c.Type(str))  # an exported model (domain-atlas export) read instead of source
    relationships = c.Type(list, default=[])  # declared context relationships (Context Mapper vocabulary)
    packages = DottedNames()
    contexts = NumberedItems(c.SubConfig(ContextConfig), default=[])
    layers = LayerMap()
    fail_on = c.Optional(c.Choice(FAIL_ON))
    stereotypes = c.Type(list, default=[])
    elements = c.Type(list, default=[])
    tests = c.Optional(Folders("a test folder"))  # test folders (a repository's tests/): read as test code

    # A service read from an exported model was analysed elsewhere: only these options apply to it.
    MODEL_OPTIONS = ("name", "model", "fail_on", "relationships")

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        if self.get("model") is None:
            if not self.get("source"):
                failed.append(("source", ValidationError("'source' (the source root folder) or 'model' is required")))
            return failed, warnings
        if not str(self["model"]).strip():
            failed.append(("model", ValidationError("expected the path of a model file (domain-atlas export)")))
        if not self.get("name"):
            failed.append(("name", ValidationError("'name' is required for a service read from 'model'")))
        given = {key for key in self._schema_keys if self.get(key) not in (None, [], {}, "")}
        extra = sorted(given - set(self.MODEL_OPTIONS))
        if extra:
            failed.append(
                (extra[0], ValidationError(f"a service read from 'model' takes only {', '.join(self.MODEL_OPTIONS)}"))
            )
        return failed, warnings


class DomainAtlasConfig(_StrictConfig):
    services = NumberedItems(c.SubConfig(ServiceConfig), default=[])
    output_dir = DocsSubfolder(default="architecture")
    nav_title = c.Type(str, default="Architecture")
    layers = LayerMap()
    adr_links = c.Type(dict, default={})
    graphviz = c.Optional(c.Type(str))
    layout_timeout = c.Type((int, float), default=20)
    source_url = SourceUrl()  # e.g. https://git.example.com/team/repo/blob/main/{file}#L{line}
    # Link catalogue entries to mkdocstrings API pages (optional autorefs); default: when autorefs is loaded.
    api_links = c.Optional(c.Type(bool))
    fail_on = c.Choice(FAIL_ON, default="new")  # which violations are build warnings
    baseline = c.Optional(c.Type(str))  # known violations (written by `domain-atlas check --update-baseline`)
    adr_dir = c.Type(str, default="adr")
    stereotypes = c.Type(list, default=[])  # extra catalogue rules: {kind, name, base, module, decorator}
    elements = c.Type(list, default=[])  # final word on single elements: {path, kinds}
    type_only_imports = c.Choice(("report", "ignore", "fail"), default="report")  # imports under TYPE_CHECKING
    # Per-file facts kept between builds; default $DOMAIN_ATLAS_CACHE_DIR, else .domain_atlas_cache/ (working dir).
    cache = c.Type(bool, default=True)
    cache_dir = c.Optional(c.Type(str))
    compare_with = c.Optional(c.Type(str))  # a git ref: adds a Changes page per service (domain-atlas diff)


class ConfigFileError(ValueError):
    """mkdocs.yml cannot be read, or its domain-atlas settings do not validate; says which option and why."""


class _Loader(yaml.SafeLoader):
    """Safe YAML: a `!!python/name:` tag (for other plugins) is read as nothing, never imported."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def plugin_options(document: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The domain-atlas entry of `plugins`, in either of the shapes MkDocs accepts (a list or a mapping)."""
    plugins = document.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, Mapping)
        else [
            next(iter(item.items())) if isinstance(item, Mapping) and len(item) == 1 else (item, {})
            for item in (plugins if isinstance(plugins, list) else [])
        ]
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            if options is not None and not isinstance(options, Mapping):
                raise ConfigFileError(f"{where}: plugin '{PLUGIN_NAME}': expected a mapping of options")
            return dict(options or {})
    raise ConfigFileError(f"{where}: no '{PLUGIN_NAME}' entry under 'plugins'")


def validated(options: Mapping[str, Any], config_file: Path | None, where: str) -> DomainAtlasConfig:
    """The options checked exactly as MkDocs checks the plugin's; the first failure is an error."""
    config = DomainAtlasConfig(config_file_path=str(config_file) if config_file else None)
    try:
        config.load_dict(dict(options))
        failed, _ = config.validate()
    except ConfigurationError as error:
        raise ConfigFileError(f"{where}: {error}") from error
    if failed:
        key, problem = failed[0]
        raise ConfigFileError(f"{where}: plugin '{PLUGIN_NAME}' option '{key}': {problem}")
    return config


def load_config_file(path: Path) -> DomainAtlasConfig:
    """The plugin's settings from mkdocs.yml, read by MkDocs' own loader (`!ENV`, `INHERIT`)."""
    return validated(plugin_options(load_document(path), str(path)), path, str(path))


def load_document(path: Path) -> Mapping[str, Any]:
    """All of mkdocs.yml (docs_dir, plugins...), read by MkDocs' own loader; nothing in it is imported or run."""
    try:
        with path.open("rb") as stream:
            document = yaml_load(stream, get_yaml_loader(_Loader))
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read: {error.strerror or error}") from error
    except (ConfigurationError, yaml.YAMLError) as error:
        raise ConfigFileError(f"{path}: {error}") from error
    if not isinstance(document, Mapping):
        raise ConfigFileError(f"{path}: expected a mapping of MkDocs settings")
    return document
