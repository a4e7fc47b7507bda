"""Import statements read from a syntax tree, with the source text that lets the walk skip import-free code."""

from __future__ import annotations

import ast

from domain_atlas.discovery.imports import collect_imports

SOURCE = """\
import os


class Repository:
    def load(self):
        from shop.adapters \\
            import orm
        return orm

    def describe(self):
        return "nothing to import here"


def outer():
    def inner():
        import json as decoder
    return inner


def plain():
    return 1
"""


def test_imports_in_methods_and_nested_functions_are_found_with_the_text_as_without():
    tree = ast.parse(SOURCE)
    found = [(i.module, i.names, i.line, i.in_function) for i in collect_imports(tree, SOURCE)]
    assert found == [("os", (), 1, False), ("shop.adapters", ("orm",), 6, True), ("json", (), 16, True)]
    assert collect_imports(tree, SOURCE) == collect_imports(tree)


def test_a_function_is_skipped_only_when_none_of_its_lines_says_import():
    tree = ast.parse(SOURCE)
    # Told that no line says `import`, the walk skips every class and function: only the module's own import is left.
    assert [i.module for i in collect_imports(tree, "no such word")] == ["os"]


def test_lines_that_end_in_a_carriage_return_alone_are_counted_as_python_counts_them():
    for ending in ("\r", "\r\n"):
        text = SOURCE.replace("\n", ending)
        tree = ast.parse(text)
        assert collect_imports(tree, text) == collect_imports(tree) and len(collect_imports(tree)) == 3
