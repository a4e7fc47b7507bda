"""Parsing source that may use syntax newer than the running Python, recovering what can be recovered.

Python 3.11 cannot parse PEP 695 type parameters (``class Box[T]:``, ``type Alias = ...``) or PEP 701
f-strings. Services written for 3.12+ use them, so a parse failure is not the end: type parameter lists
are blanked out (keeping every line where it was) and the file is parsed again; if that still fails,
the import statements are read line by line so the module keeps its place in the dependency graph.
"""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from typing import NamedTuple


class ParseOutcome(StrEnum):
    PARSED = "parsed"
    DOWNLEVELLED = "downlevelled"  # parsed after removing syntax newer than this Python
    IMPORTS_ONLY = "imports_only"  # only the import statements could be read


class ParsedSource(NamedTuple):  # a tuple, not a dataclass: cheaper to define at import and to make per file
    """A file's syntax tree, how it was obtained, and the error that made a fallback necessary."""

    tree: ast.Module
    outcome: ParseOutcome
    text: str  # the text `tree` was parsed from (downlevelled text when outcome says so)
    error_line: int = 0
    error_message: str = ""
    set_aside: tuple[int, ...] = ()  # lines replaced by a placeholder so the rest of the file parses


# Patterns of the fallbacks, compiled (and cached by `re`) only when a file needs one: compiling the three at
# import cost every run 0.4 ms before reading could start (measured).
_GENERIC_HEADER = r"^[ \t]*(?:async[ \t]+)?(?:class|def)[ \t]+\w+[ \t]*\["
_TYPE_ALIAS = r"^([ \t]*)type[ \t]+(\w+)[ \t]*(\[)?"


# How many lines of newer syntax (PEP 701 f-strings, say) may be set aside before giving up on a file.
MAX_LINES_SET_ASIDE = 20


def parse_source(text: str, filename: str, *, imports_only: bool = False) -> ParsedSource:
    if imports_only:
        return ParsedSource(_import_statements(text), ParseOutcome.IMPORTS_ONLY, text)
    try:
        return ParsedSource(ast.parse(text, filename=filename), ParseOutcome.PARSED, text)
    except (SyntaxError, ValueError) as error:
        line = getattr(error, "lineno", None) or 1
        message = getattr(error, "msg", None) or str(error)
    downlevelled = _remove_type_parameters(text)
    set_aside: set[int] = set()
    while len(set_aside) <= MAX_LINES_SET_ASIDE:
        try:
            tree = ast.parse(downlevelled, filename=filename)
        except SyntaxError as error:
            failing = error.lineno or 0
            if not failing or failing in set_aside or "f-string" not in str(error.msg):
                break  # a plain syntax error, not newer syntax: setting lines aside would hide it
            set_aside.add(failing)
            downlevelled = set_aside_lines(downlevelled, {failing})
            continue
        except ValueError:
            break
        return ParsedSource(tree, ParseOutcome.DOWNLEVELLED, downlevelled, line, message, tuple(sorted(set_aside)))
    return ParsedSource(_import_statements(text), ParseOutcome.IMPORTS_ONLY, text, line, message)


def set_aside_lines(text: str, numbers: set[int]) -> str:
    """`text` with the given lines replaced by a placeholder statement at the same indentation.

    A line that opens a block keeps a block header (`if True:`) so the body below it still parses.
    """
    lines = text.split("\n")
    for number in numbers:
        if 0 < number <= len(lines):
            line = lines[number - 1]
            indent = line[: len(line) - len(line.lstrip())]
            header = line.rstrip().endswith(":")
            lines[number - 1] = indent + ("if True:" if header else "...")
    return "\n".join(lines)


def _closing_bracket(text: str, opening: int) -> int | None:
    depth = 0
    for index in range(opening, len(text)):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return None


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping newlines so line numbers stay true.

    A blanked region that spans lines ends each of its lines with `\\`, so the lines stay joined.
    """
    lines = re.sub(r"[^\n]", " ", text[start:end]).split("\n")
    joined = [line[:-1] + "\\" if line else "\\" for line in lines[:-1]] + lines[-1:]
    return text[:start] + "\n".join(joined) + text[end:]


def _remove_type_parameters(text: str) -> str:
    for match in reversed(list(re.finditer(_GENERIC_HEADER, text, re.MULTILINE))):
        closing = _closing_bracket(text, match.end() - 1)
        if closing is not None:
            text = _blank(text, match.end() - 1, closing + 1)
    for match in reversed(list(re.finditer(_TYPE_ALIAS, text, re.MULTILINE))):
        end = match.end()
        if match.group(3):
            closing = _closing_bracket(text, end - 1)
            if closing is None:
                continue
            end = closing + 1
        rest = text[end:].lstrip(" \t")
        if rest.startswith("="):
            # `type Alias[T] = X` becomes `Alias         = X`, columns and lines unchanged.
            keyword = match.start() + len(match.group(1))
            replacement = match.group(2).ljust(end - keyword)
            text = text[:keyword] + replacement + text[end:]
    return text


_IMPORT_START = r"^([ \t]*)(import[ \t]+|from[ \t]+[.\w]+[ \t]+import\b)"


def _import_statements(text: str) -> ast.Module:
    """An AST holding only the file's import statements, each at its true line number."""
    body: list[ast.stmt] = []
    import_start = re.compile(_IMPORT_START)
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        match = import_start.match(line)
        if not match:
            index += 1
            continue
        statement = line.strip()
        start = index
        if "(" in statement and ")" not in statement:
            while index + 1 < len(lines) and ")" not in lines[index]:
                index += 1
                statement += " " + lines[index].strip()
        while statement.endswith("\\") and index + 1 < len(lines):
            index += 1
            statement = statement[:-1] + " " + lines[index].strip()
        statement = statement.split("#", 1)[0].split(";", 1)[0]
        try:
            parsed = ast.parse(statement)
        except SyntaxError:
            index += 1
            continue
        for node in parsed.body:
            ast.increment_lineno(node, start)
            # Indentation is all we know about nesting here.
            node.col_offset = len(match.group(1))
            body.append(node)
        index += 1
    return ast.Module(body=body, type_ignores=[])
