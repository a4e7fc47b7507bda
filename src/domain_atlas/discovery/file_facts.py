"""The facts of one source file: parsed once, walked for symbols, bodies and imports; never imported or run.

Whatever goes wrong in one file becomes a warning at that file, never a failed build.
"""

from __future__ import annotations

import dataclasses
import io
import re
import sys
import tokenize
from typing import TypeVar

from domain_atlas.discovery import (
    bodies,
    expression_text,
    fact_codec,
    imports,
    module_facts,
    safe_text,
    source_files,
    symbol_scopes,
    symbols,
    syntax,
)
from domain_atlas.discovery.bodies import collect_bodies
from domain_atlas.discovery.imports import collect_imports
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.safe_text import clean_facts
from domain_atlas.discovery.source_files import MAX_FILE_BYTES, SourceFile, read_source
from domain_atlas.discovery.symbols import read_symbols
from domain_atlas.discovery.syntax import ParseOutcome, parse_source, set_aside_lines
from domain_atlas.model import Diagnostic, Level, Suppression

__all__ = ["EXTRACTORS", "NAMESPACE_PACKAGE", "read_module", "unreadable"]


def read_module(file: SourceFile, raw: bytes, digest: str | None = None) -> ModuleFacts:
    """One file's facts; whatever goes wrong in it becomes a warning at that file, never a failed build."""
    source = read_source(raw, file.display_path, digest)
    try:
        return _module_facts(file, raw, source.text, source.digest, list(source.diagnostics))
    except RecursionError:
        # A huge chained expression nests deeper than Python's parser or an AST walk can follow.
        line = _longest_line(source.text)
        problem = f"line {line} is nested too deeply to analyse (RecursionError)"
        try:
            facts = _module_facts(
                file, raw, set_aside_lines(source.text, {line}), source.digest, list(source.diagnostics)
            )
        except RecursionError:
            return _imports_only(file, source.text, source.digest, line, problem, list(source.diagnostics))
        message = f"{problem}; the rest of the file was read without that line"
        warning = Diagnostic(file.display_path, line, Level.WARNING, message)
        return dataclasses.replace(facts, diagnostics=tuple(sorted({*facts.diagnostics, warning})))
    except Exception as error:  # one odd file must not stop everyone's build
        problem = f"could not be analysed ({type(error).__name__}: {error})"
        return _imports_only(file, source.text, source.digest, 1, problem, list(source.diagnostics))


def _imports_only(
    file: SourceFile, text: str, digest: str, line: int, problem: str, diagnostics: list[Diagnostic]
) -> ModuleFacts:
    message = f"{problem}; only its import statements were read: its classes and functions are missing"
    diagnostics.append(Diagnostic(file.display_path, line, Level.WARNING, message))
    try:
        imports = collect_imports(parse_source(text, file.display_path, imports_only=True).tree)
    except RecursionError:
        imports = ()
    return ModuleFacts(digest, ParseOutcome.IMPORTS_ONLY, imports, None, tuple(diagnostics), text.count("\n") + 1)


def _longest_line(text: str) -> int:
    lines = text.splitlines() or [""]
    return max(range(len(lines)), key=lambda index: len(lines[index])) + 1


def _module_facts(file: SourceFile, raw: bytes, text: str, digest: str, diagnostics: list[Diagnostic]) -> ModuleFacts:
    if len(raw) > MAX_FILE_BYTES:
        imports = collect_imports(parse_source(text, file.display_path, imports_only=True).tree)
        return ModuleFacts(digest, ParseOutcome.IMPORTS_ONLY, imports, None, tuple(diagnostics), 0)
    parsed = parse_source(text, file.display_path)
    if parsed.outcome is ParseOutcome.DOWNLEVELLED:
        set_aside = ", ".join(map(str, parsed.set_aside))
        diagnostics.append(
            Diagnostic(
                file.display_path,
                parsed.error_line,
                Level.INFO,
                "uses syntax newer than this Python (PEP 695 type parameters or PEP 701 f-strings); analysed with "
                + (f"line(s) {set_aside} replaced by a placeholder" if set_aside else "the type parameters set aside"),
            )
        )
    elif parsed.outcome is ParseOutcome.IMPORTS_ONLY:
        diagnostics.append(
            Diagnostic(
                file.display_path,
                parsed.error_line,
                Level.WARNING,
                f"cannot be parsed ({parsed.error_message}); only its import statements were read",
            )
        )
    clean = clean_facts if _may_hold_uncarryable(text) else _as_is
    symbols = None
    if parsed.outcome is not ParseOutcome.IMPORTS_ONLY:
        symbols, problems = clean(read_symbols(file.module, file.path, parsed.text, parsed.tree), file.display_path)
        diagnostics.extend(problems)
    bodies, problems = clean(collect_bodies(parsed.tree), file.display_path)
    suppressions, more_problems = clean(_suppressions(text, file.display_path), file.display_path)
    return ModuleFacts(
        digest=digest,
        outcome=parsed.outcome,
        imports=collect_imports(parsed.tree, parsed.text),
        symbols=symbols,
        diagnostics=tuple(sorted({*diagnostics, *problems, *more_problems})),
        lines=text.count("\n") + 1,
        bodies=bodies,
        suppressions=suppressions,
    )


# Facts can only hold characters that UTF-8, Graphviz or HTML refuse when the source holds them, or holds
# escapes that make them (`"\x00"`, `"\a"`, `"\ud800"`, `"\N{NULL}"`); every other file skips the
# cleaning walk over its facts (a quarter of the cost of parsing it, measured on Django).
_MAKES_UNCARRYABLE = re.compile(r"\\[abfv0-7xuUN]")
# `safe_text.UNCARRYABLE` in UTF-8 bytes: its controls are single bytes no other character's bytes hold, and its
# lone surrogates (encoded with "surrogatepass") are the only characters starting with ED A0-BF. Looking for
# these in the bytes takes a third of the time `UNCARRYABLE.search` took over the text (0.016 s on Django).
_UNCARRYABLE_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_LONE_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


def _may_hold_uncarryable(text: str) -> bool:
    if _MAKES_UNCARRYABLE.search(text) is not None:
        return True
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _UNCARRYABLE_BYTES)) != len(data) or _LONE_SURROGATE.search(data) is not None


T = TypeVar("T")


def _as_is(value: T, display: str) -> tuple[T, list[Diagnostic]]:
    return value, []


_SUPPRESSION = re.compile(r"#\s*domain-atlas:\s*ignore\[([^\]]*)\](.*)$")


def _comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of real comments; strings and docstrings that merely mention an ignore do not count."""
    try:
        return [
            (token.start[0], token.string)
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):  # syntax newer than this Python: fall back to lines
        return [(number, line[line.index("#") :]) for number, line in enumerate(text.splitlines(), 1) if "#" in line]


def _suppressions(text: str, display: str) -> tuple[Suppression, ...]:
    if "domain-atlas:" not in text:
        return ()
    found = []
    for number, comment in _comments(text):
        match = _SUPPRESSION.search(comment)
        if match:
            rules = tuple(rule.strip() for rule in match.group(1).split(",") if rule.strip())
            found.append(Suppression(display, number, rules, match.group(2).strip()))
    return tuple(found)


# The code whose output the disk cache keeps: any edit to it makes earlier entries unreachable.
EXTRACTORS = (
    sys.modules[__name__],
    bodies,
    expression_text,
    fact_codec,
    imports,
    module_facts,
    safe_text,
    source_files,
    symbol_scopes,
    symbols,
    syntax,
)
NAMESPACE_PACKAGE = ModuleFacts("", ParseOutcome.PARSED, (), None, (), 0)


def unreadable(file: SourceFile, reason: str) -> ModuleFacts:
    message = f"cannot be read ({reason}): its classes and imports are missing"
    return ModuleFacts(
        "", ParseOutcome.IMPORTS_ONLY, (), None, (Diagnostic(file.display_path, 0, Level.WARNING, message),), 0
    )
