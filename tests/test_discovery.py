"""Static discovery on awkward input: syntax newer than Python 3.11, syntax errors, encodings, bad imports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from domain_atlas.adapters.composition import MissingPackageError, analyse_service
from domain_atlas.discovery import source_files
from domain_atlas.model import Level, ServiceSpec
from tests.helpers import FIXTURES, REPO_ROOT

TRICKY = FIXTURES / "tricky" / "src"
BASE = "tests/fixtures/tricky/src/shop"


@pytest.fixture(scope="module")
def shop():
    return analyse_service(ServiceSpec("Shop", (TRICKY,), ("shop",), base=REPO_ROOT))


def diagnostics_of(service, file):
    return [d for d in service.diagnostics if d.file == f"{BASE}/{file}"]


def test_every_file_is_a_module_even_when_it_does_not_parse(shop):
    names = {module.name for module in shop.modules}
    assert {
        "shop.orders.application.broken",
        "shop.orders.application.fstrings",
        "shop.orders.domain.generic",
        "shop.orders.domain.latin",
        "shop.orders.domain.undeclared",
    } <= names


def test_pep_695_file_is_parsed_with_type_parameters_set_aside(shop):
    (diagnostic,) = diagnostics_of(shop, "orders/domain/generic.py")
    assert diagnostic.level is Level.INFO and diagnostic.line == 5
    edges = [e for e in shop.imports if e.source == "shop.orders.domain.generic"]
    assert [(e.target, e.line) for e in edges] == [("shop.shared.money", 2)]


def test_file_with_python_3_12_f_string_keeps_its_imports(shop):
    (diagnostic,) = diagnostics_of(shop, "orders/application/fstrings.py")
    # The f-string's line is set aside on Python 3.11; the rest of the file is read, and the reader is told.
    assert diagnostic.level is Level.INFO and diagnostic.line == 6
    assert "line(s) 6 replaced by a placeholder" in diagnostic.message
    targets = {(e.target, e.line) for e in shop.imports if e.source == "shop.orders.application.fstrings"}
    assert targets == {("shop.orders.domain.model", 1), ("shop.orders.adapters.orm", 2)}


def test_syntax_error_is_a_warning_at_its_line_and_imports_survive(shop):
    (diagnostic,) = diagnostics_of(shop, "orders/application/broken.py")
    assert (diagnostic.level, diagnostic.line) == (Level.WARNING, 3)
    assert any(e.source == "shop.orders.application.broken" for e in shop.imports)


def test_latin_1_with_coding_cookie_is_read_correctly(shop):
    assert diagnostics_of(shop, "orders/domain/latin.py") == []
    module = shop.module("shop.orders.domain.latin")
    assert module is not None and module.docstring == "Préférences de livraison."


def test_undeclared_non_utf8_file_is_a_warning_naming_the_line(shop):
    (diagnostic,) = diagnostics_of(shop, "orders/domain/undeclared.py")
    assert diagnostic.line == 3 and "coding cookie" in diagnostic.message
    assert any(e.source == "shop.orders.domain.undeclared" for e in shop.imports)


def test_relative_import_above_top_package_is_a_diagnostic_not_an_edge(shop):
    (diagnostic,) = diagnostics_of(shop, "orders/application/climb.py")
    assert diagnostic.line == 1 and "above the top-level package" in diagnostic.message
    assert not [e for e in shop.imports if e.source == "shop.orders.application.climb"]


def test_type_checking_and_function_level_imports_are_marked(shop):
    edges = {
        (e.line, e.type_checking, e.in_function)
        for e in shop.imports
        if e.source == "shop.orders.domain.model" and e.target == "shop.orders.adapters.orm"
    }
    assert edges == {(9, True, False), (17, False, True)}


def test_relative_import_is_resolved(shop):
    assert any(
        e.source == "shop.orders.adapters.orm" and e.target == "shop.orders.domain.model" and e.line == 3
        for e in shop.imports
    )


def test_contexts_and_shared_kernel_are_detected(shop):
    assert [(c.name, c.package, c.shared_kernel) for c in shop.contexts] == [
        ("orders", "shop.orders", False),
        ("shared", "shop.shared", True),
    ]
    assert shop.contexts[0].description == "Orders context: taking and tracking orders."


def test_layer_violations_include_type_only_ones_marked(shop):
    found = {(v.rule, v.source, v.target, v.line, v.type_only) for v in shop.violations}
    assert found == {
        ("layer-dependency", "shop.orders.domain.model", "shop.orders.adapters.orm", 9, True),
        ("layer-dependency", "shop.orders.domain.model", "shop.orders.adapters.orm", 17, False),
        ("layer-dependency", "shop.orders.application.fstrings", "shop.orders.adapters.orm", 2, False),
    }


def test_missing_package_is_a_clear_error():
    with pytest.raises(MissingPackageError, match=r"package 'nope' not found under source root .*packages there: shop"):
        analyse_service(ServiceSpec("Shop", (TRICKY,), ("nope",), base=REPO_ROOT))


def test_missing_source_root_is_a_clear_error(tmp_path: Path):
    with pytest.raises(MissingPackageError, match=r"source root .*missing does not exist"):
        analyse_service(ServiceSpec("Shop", (tmp_path / "missing",), ("shop",)))


def test_huge_file_keeps_its_imports_with_a_warning(tmp_path: Path):
    package = tmp_path / "big"
    package.mkdir()
    (package / "__init__.py").write_text("")
    filler = "X = 1\n" * 400_000
    (package / "generated.py").write_text("import big.other\n" + filler)
    (package / "other.py").write_text("")
    service = analyse_service(ServiceSpec("Big", (tmp_path,), ("big",), base=tmp_path))
    (diagnostic,) = service.diagnostics
    assert diagnostic.file == "big/generated.py" and "limit" in diagnostic.message
    assert [(e.source, e.target) for e in service.imports] == [("big.generated", "big.other")]


@pytest.mark.parametrize("size", [0, 1, 70_000, 3_000_000])
def test_a_file_is_read_to_its_end_even_when_it_grew_after_it_was_measured(tmp_path: Path, monkeypatch, size):
    path = tmp_path / "grown.py"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)
    assert source_files.read_hashed_file(path)[0] == data
    measured = os.fstat

    def smaller(descriptor: int) -> os.stat_result:  # the size seen before the file grew to its present length
        found = measured(descriptor)
        return os.stat_result((found.st_mode, *found[1:6], max(found.st_size // 3, 0), *found[7:]))

    monkeypatch.setattr(source_files.os, "fstat", smaller)
    assert source_files.read_file_bytes(path) == data


def test_the_walk_reads_each_file_once_and_says_why_it_skipped_any_in_walk_order(tmp_path: Path):
    package = tmp_path / "src" / "pkg"
    for folder in ("a", "b", "b/c"):
        (package / folder).mkdir(parents=True)
    for name in ("__init__.py", "a/__init__.py", "a/x.py", "b/__init__.py", "b/c/w.py", "b/notes.txt", "b/not-id.py"):
        (package / name).write_text("import os\n")
    os.symlink(package / "a" / "x.py", package / "b" / "y.py")  # a second way to the same file
    os.symlink("x.py", package / "a" / "z.py")  # and a third, relative
    os.symlink(package / "a", package / "b" / "again")  # a folder already read
    os.symlink(package.parent, package / "up")  # the folder holding the package
    os.symlink("gone.py", package / "a" / "broken.py")
    os.mkfifo(package / "b" / "pipe.py")
    listing = source_files.package_files(tmp_path / "src", "pkg", tmp_path)
    assert [(file.module, file.display_path, file.is_package) for file in listing.files] == [
        ("pkg", "src/pkg/__init__.py", True),
        ("pkg.a", "src/pkg/a/__init__.py", True),
        ("pkg.a.x", "src/pkg/a/x.py", False),
        ("pkg.b", "src/pkg/b/__init__.py", True),
        ("pkg.b.c", "src/pkg/b/c", True),  # a namespace folder: no __init__.py
        ("pkg.b.c.w", "src/pkg/b/c/w.py", False),
    ]
    assert [file.path for file in listing.files if not file.is_package or file.path.suffix] == [
        (package / name).resolve() for name in ("__init__.py", "a/__init__.py", "a/x.py", "b/__init__.py", "b/c/w.py")
    ]
    assert [(d.file, d.message) for d in listing.diagnostics] == [
        ("src/pkg/a/broken.py", "broken symbolic link (to gone.py): not read"),
        ("src/pkg/a/z.py", "links to src/pkg/a/x.py, already read as src/pkg/a/x.py: not read twice"),
        ("src/pkg/b/pipe.py", "not a regular file (a FIFO): not opened"),
        ("src/pkg/b/y.py", "links to src/pkg/a/x.py, already read as src/pkg/a/x.py: not read twice"),
        ("src/pkg/b/again", "links to folder src/pkg/a, already read as src/pkg/a: not read twice"),
        ("src/pkg/up", "links to folder src, which holds the package: not followed"),
    ]
