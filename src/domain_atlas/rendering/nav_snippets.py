"""The nav and asset settings of the generated section, as snippets to paste into mkdocs.yml or zensical.toml.

Titles come from service and context names (untrusted): YAML is written by PyYAML's safe dumper, TOML strings are
escaped here as the TOML spec asks (quote, backslash and control characters; lone surrogates replaced).
"""

from __future__ import annotations

from typing import Any

import yaml

from domain_atlas.rendering.publication import NavPage, NavSection, Publication

_HEADER = "Written by `domain-atlas pages` on every run: paste into {target} (merge with an existing {key})."


def _yaml_nav(entry: NavPage | NavSection) -> dict[str, Any]:
    if isinstance(entry, NavPage):
        return {entry.title or entry.path: entry.path}
    return {entry.title: [_yaml_nav(child) for child in entry.children]}


def mkdocs_snippet(result: Publication) -> str:
    settings = {
        "nav": [_yaml_nav(result.nav)],
        "extra_css": list(result.stylesheets),
        "extra_javascript": [*({"path": path, "defer": True} for path in result.deferred_scripts), *result.scripts],
    }
    body = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"# {_HEADER.format(target='mkdocs.yml', key='nav')}\n{body}"


def toml_string(value: str) -> str:
    """A TOML basic string."""
    out = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        elif code < 0x20 or code == 0x7F:
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(char, f"\\u{code:04X}"))
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _toml_nav(entry: NavPage | NavSection, indent: str) -> list[str]:
    if isinstance(entry, NavPage):
        return [f"{indent}{{ {toml_string(entry.title or entry.path)} = {toml_string(entry.path)} }},"]
    lines = [f"{indent}{{ {toml_string(entry.title)} = ["]
    for child in entry.children:
        lines += _toml_nav(child, indent + "  ")
    lines.append(f"{indent}] }},")
    return lines


def zensical_snippet(result: Publication) -> str:
    def array(key: str, values: list[str]) -> list[str]:
        return [f"{key} = [", *(f"  {toml_string(value)}," for value in values), "]"]

    lines = [
        f"# {_HEADER.format(target='zensical.toml', key='nav')}",
        "[project]",
        "nav = [",
        *_toml_nav(result.nav, "  "),
        "]",
        *array("extra_css", result.stylesheets),
        "extra_javascript = [",
        *(f"  {{ path = {toml_string(path)}, defer = true }}," for path in result.deferred_scripts),
        *(f"  {toml_string(path)}," for path in result.scripts),
        "]",
    ]
    return "\n".join(lines) + "\n"
