"""Text read from analysed code, made safe to carry: UTF-8, Graphviz, SVG and HTML all refuse some characters.

A docstring may hold a lone surrogate (`"\\ud800"` is a valid Python escape) or a control character such as NUL;
UTF-8 cannot encode the first, and Graphviz, XML and HTML reject the second. They are replaced with U+FFFD,
with a warning at the line they came from, so one odd docstring never stops a build.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from domain_atlas.model import Diagnostic, Level

# C0 controls except tab, newline and carriage return; DEL; lone surrogates.
UNCARRYABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
REPLACEMENT = "\ufffd"

T = TypeVar("T")


def carryable(text: str) -> str:
    return UNCARRYABLE.sub(REPLACEMENT, text)


def _level(characters: set[str]) -> Level:
    """NUL and lone surrogates once broke builds: a warning. Other control characters (a `\\b` written in a
    docstring that is not raw) are common and harmless once replaced: information, not a failed --strict."""
    breaking = any(char == "\x00" or "\ud800" <= char <= "\udfff" for char in characters)
    return Level.WARNING if breaking else Level.INFO


def _shown(characters: set[str]) -> str:
    return ", ".join(f"U+{ord(char):04X}" for char in sorted(characters))


def clean_facts(value: T, display: str, line: int = 1) -> tuple[T, list[Diagnostic]]:
    """`value` (frozen dataclasses, tuples, strings) with every string made carryable; one warning per line."""
    found: dict[int, set[str]] = {}
    cleaned = _clean(value, line, found)
    diagnostics = [
        Diagnostic(
            display,
            at,
            _level(characters),
            f"text holds characters that UTF-8, Graphviz or HTML cannot carry ({_shown(characters)}); "
            "shown as \N{REPLACEMENT CHARACTER}",
        )
        for at, characters in sorted(found.items())
    ]
    return cleaned, diagnostics


def _clean(value: Any, line: int, found: dict[int, set[str]]) -> Any:
    if isinstance(value, str):
        bad = set(UNCARRYABLE.findall(value))
        if not bad:
            return value
        found.setdefault(line, set()).update(bad)
        return carryable(value)
    if isinstance(value, tuple):
        return tuple(_clean(item, line, found) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        here = getattr(value, "line", line) or line
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _clean(old, here, found)
            if new != old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
