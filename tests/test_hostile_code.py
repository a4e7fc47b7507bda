"""One bad file in the analysed code costs that file a warning at file:line, never the build (issue 10)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from domain_atlas.adapters import cli
from domain_atlas.discovery import source_files
from domain_atlas.discovery.file_facts import read_module
from domain_atlas.discovery.source_files import SourceFile
from tests.hostile_inputs import CASES, Case, run_cli, write_project

BY_NAME = {case.name: case for case in CASES}


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under root with its bytes (special files and links by name only)."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    return found


def _export(tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], dict]:
    project = write_project(tmp_path / "project", case)
    before = _snapshot(tmp_path)
    output = tmp_path / "project" / "model.json"
    code = cli.main(["export", "--config", str(project.root / "mkdocs.yml"), "-o", str(output)])
    after = _snapshot(tmp_path)
    assert set(after) - set(before) == {"project/model.json"}, "nothing but the output may be written"
    assert {k: v for k, v in after.items() if k != "project/model.json"} == before
    lines = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line or ": error: " in line]
    return code, lines, json.loads(output.read_text(encoding="utf-8"))


def _modules(model: dict) -> set[str]:
    return {module["name"] for service in model["services"] for module in service["modules"]}


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            "1500 chained + operands",
            "src/shop/domain/deep.py:5: warning: line 5 is nested too deeply to analyse (RecursionError); "
            "the rest of the file was read without that line",
        ),
        (
            "3000 chained + operands",
            "src/shop/domain/deep.py:5: warning: line 5 is nested too deeply to analyse (RecursionError); "
            "the rest of the file was read without that line",
        ),
        (
            "lone surrogate in a docstring",
            "src/shop/domain/model.py:1: warning: text holds characters that UTF-8, Graphviz or HTML cannot carry "
            "(U+D800); shown as \N{REPLACEMENT CHARACTER}",
        ),
        (
            "NUL escape in a docstring",
            "src/shop/domain/model.py:1: warning: text holds characters that UTF-8, Graphviz or HTML cannot carry "
            "(U+0000); shown as \N{REPLACEMENT CHARACTER}",
        ),
        ("NUL byte in a file", "src/shop/domain/model.py:2: warning: holds NUL bytes; read as U+FFFD"),
        ("broken symlink *.py", "src/shop/domain/broken.py: warning: broken symbolic link (to gone.py): not read"),
        ("symlink loop *.py", "src/shop/domain/loop.py: warning: symbolic link loop: not read"),
        (
            "folder symlink loop",
            "src/shop/domain/again: warning: links to folder src/shop, already read as src/shop: not read twice",
        ),
    ],
)
def test_bad_file_is_a_warning_naming_it_and_the_export_is_complete(tmp_path, capsys, case, message):
    code, lines, model = _export(tmp_path, BY_NAME[case], capsys)
    assert code == 0
    assert message in lines
    assert {"shop", "shop.domain", "shop.domain.model", "shop.adapters.repository"} <= _modules(model)


def test_fifo_is_never_opened(tmp_path):
    project = write_project(tmp_path, BY_NAME["FIFO named *.py"])
    outcome = run_cli(project, timeout=20)
    assert outcome.returncode == 0, outcome.stderr or "hung on the FIFO"
    assert "src/shop/domain/pipe.py: warning: not a regular file (a FIFO): not opened" in outcome.stderr


def test_symlinked_file_and_folder_are_read_once(tmp_path, capsys):
    _, lines, model = _export(tmp_path / "file", BY_NAME["symlinked file"], capsys)
    assert lines == [] and "shop.domain.money" in _modules(model)
    _, lines, model = _export(tmp_path / "folder", BY_NAME["symlinked folder"], capsys)
    assert lines == [] and {"shop.billing", "shop.billing.invoice"} <= _modules(model)


def test_two_links_to_one_file_read_it_once(tmp_path, capsys):
    case = BY_NAME["symlinked file"]
    project = write_project(tmp_path / "project", case)
    os.symlink(project.root / "shared" / "money.py", project.package / "domain" / "cash.py")
    code = cli.main(["export", "--config", str(project.root / "mkdocs.yml"), "-o", str(project.root / "m.json")])
    assert code == 0
    assert (
        "src/shop/domain/money.py: warning: links to shared/money.py, already read as src/shop/domain/cash.py: "
        "not read twice"
    ) in capsys.readouterr().err


def test_unreadable_file_and_unlistable_folder_are_reported(tmp_path, capsys, monkeypatch):
    project = write_project(tmp_path, BY_NAME["nothing hostile"])
    project.write("shop/domain/secret.py", "class Secret:\n    pass\n")
    project.write("shop/hidden/__init__.py", "")
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path, *args, **kwargs):
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def deny_scandir(path="."):
        if str(path).endswith("hidden"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    # Running as root, chmod 000 does not stop a read: the operating system's refusal is simulated.
    monkeypatch.setattr(source_files.os, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    code = cli.main(["export", "--config", str(tmp_path / "mkdocs.yml"), "-o", str(tmp_path / "model.json")])
    err = capsys.readouterr().err
    assert code == 0
    assert (
        "src/shop/domain/secret.py: warning: cannot be read (Permission denied): its classes and imports are missing"
        in err
    )
    assert "src/shop/hidden: warning: folder cannot be listed (Permission denied): the modules in it are missing" in err


def test_namespace_package_over_two_roots_keeps_both(tmp_path, capsys):
    _, lines, model = _export(tmp_path, BY_NAME["namespace package over two roots"], capsys)
    assert lines == []
    assert {"shop.domain.model", "shop.adapters.repository"} <= _modules(model)


def _classes(tmp_path: Path, text: str) -> tuple[list[str], list[str]]:
    path = tmp_path / "module.py"
    path.write_text(text, encoding="utf-8")
    facts = read_module(SourceFile("shop.module", path, "module.py", False), path.read_bytes())
    names = [cls.name for cls in facts.symbols.classes] if facts.symbols else []
    return names, [f"{d.location()}: {d.level.value}: {d.message}" for d in facts.diagnostics]


def test_newer_syntax_keeps_every_class(tmp_path):
    for case, expected, line in (
        ("multi-line PEP 695 type parameters", ["Box", "Crate"], 1),
        ("PEP 701 f-string", ["Label", "Tag"], 3),
    ):
        project = write_project(tmp_path / case.replace(" ", "-"), BY_NAME[case])
        (changed,) = [p for p in project.package.joinpath("domain").glob("*.py") if p.stem in ("boxes", "labels")]
        names, diagnostics = _classes(tmp_path, changed.read_text(encoding="utf-8"))
        assert names == expected
        assert len(diagnostics) == 1 and diagnostics[0].startswith(f"module.py:{line}: info: uses syntax newer")


def test_deeply_nested_expression_keeps_the_classes_beside_it(tmp_path):
    names, diagnostics = _classes(tmp_path, "class Total:\n    pass\n\n\nX = " + " + ".join(["1"] * 3000) + "\n")
    assert names == ["Total"]
    assert diagnostics == [
        "module.py:5: warning: line 5 is nested too deeply to analyse (RecursionError); "
        "the rest of the file was read without that line"
    ]


def test_a_crash_inside_one_file_is_a_warning_at_that_file(tmp_path, monkeypatch):
    import domain_atlas.discovery.file_facts as file_facts

    def explode(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(file_facts, "read_symbols", explode)
    names, diagnostics = _classes(tmp_path, "import os\n\n\nclass A:\n    pass\n")
    assert names == []
    assert diagnostics == [
        "module.py:1: warning: could not be analysed (KeyError: 'boom'); only its import statements were read: "
        "its classes and functions are missing"
    ]


def test_unreadable_pyproject_is_a_warning(tmp_path, capsys, monkeypatch):
    project = write_project(tmp_path, BY_NAME["[tool.domain-atlas] stereotypes = string"])
    real_open = os.open

    def deny_open(path, *args, **kwargs):
        if str(path).endswith("pyproject.toml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(source_files.os, "open", deny_open)
    code = cli.main(["export", "--config", str(project.root / "mkdocs.yml"), "-o", str(tmp_path / "model.json")])
    assert code == 0
    assert (
        "pyproject.toml: warning: cannot be read (Permission denied); its [tool.domain-atlas] settings, if any, "
        "are not used"
    ) in capsys.readouterr().err


def test_baseline_that_is_a_fifo_is_refused_not_waited_on(tmp_path):
    project = write_project(tmp_path, BY_NAME["nothing hostile"])
    os.mkfifo(tmp_path / "baseline.json")
    project.command = "check"
    project.cli += ["--baseline", "baseline.json"]
    outcome = run_cli(project, timeout=20)
    assert outcome.returncode == 2, outcome.stderr or "hung on the FIFO"
    assert "baseline.json: not a regular file; a baseline is a JSON file" in outcome.stderr


def test_link_to_a_folder_above_the_package_is_not_followed(tmp_path, capsys):
    project = write_project(tmp_path / "project", BY_NAME["nothing hostile"])
    os.symlink("/", project.package / "domain" / "everything")
    code = cli.main(["export", "--config", str(project.root / "mkdocs.yml"), "-o", str(tmp_path / "model.json")])
    assert code == 0
    assert "src/shop/domain/everything: warning: links to folder /, which holds the package: not followed" in (
        capsys.readouterr().err
    )


def test_other_control_characters_are_replaced_with_information_not_a_warning(tmp_path):
    names, diagnostics = _classes(tmp_path, 'class Escape:\n    """Turns "\\b" into a backslash and b."""\n')
    assert names == ["Escape"]
    assert diagnostics == [
        "module.py:1: info: text holds characters that UTF-8, Graphviz or HTML cannot carry (U+0008); "
        "shown as \N{REPLACEMENT CHARACTER}"
    ]
