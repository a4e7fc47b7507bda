"""One settings schema: the MkDocs plugin and the CLI accept, reject and default exactly alike (issue 10)."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from domain_atlas.adapters import cli, commands
from domain_atlas.adapters.config_schema import ConfigFileError, DomainAtlasConfig, load_config_file, validated
from domain_atlas.adapters.settings import SettingsError, service_specs
from tests.hostile_inputs import CASES, Case, write_project

CONFIG_CASES = [case for case in CASES if case.kind in ("settings", "code")]
BY_NAME = {case.name: case for case in CASES}


def _core(message: str) -> str:
    """The part of a message both adapters share: from `option '...'` on, or the settings error itself."""
    match = re.search(r"[Oo]ption '.*", message)
    return match.group(0) if match else message.removeprefix("domain-atlas: ")


def _plugin_verdict(path: Path, caplog: pytest.LogCaptureFixture) -> tuple[str, list[str], list[tuple]]:
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        try:
            config = load_config(str(path))
            plugin = config.plugins["domain-atlas"]
            plugin.on_config(config)
        except Abort:
            errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
            return _core(errors[0]), [], []
        except PluginError as error:
            return _core(str(error)), [], []
    warnings = [
        r.getMessage().removeprefix("domain_atlas: ")
        for r in caplog.records
        if r.name.startswith("mkdocs.plugins.domain_atlas")
    ]
    return "ok", warnings, [(s.name, s.slug, s.fail_on, s.packages, s.contexts, s.source_roots) for s in plugin.specs]


def _cli_verdict(path: Path) -> tuple[str, list[str], list[tuple]]:
    try:
        config = load_config_file(path)
        specs, warnings = service_specs(config, path.parent)
    except (ConfigFileError, SettingsError) as error:
        return _core(str(error)), [], []
    return (
        "ok",
        [f"mkdocs.yml: {w}" for w in warnings],
        [(s.name, s.slug, s.fail_on, s.packages, s.contexts, s.source_roots) for s in specs],
    )


@pytest.mark.parametrize("case", [c for c in CONFIG_CASES if not c.name.startswith("--")], ids=lambda c: c.name)
def test_plugin_and_cli_agree_on_every_config_case(tmp_path, caplog, monkeypatch, case: Case):
    project = write_project(tmp_path, case)
    for name, value in project.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    plugin = _plugin_verdict(project.root / "mkdocs.yml", caplog)
    assert plugin == _cli_verdict(project.root / "mkdocs.yml")
    for path in Path(tmp_path).rglob("*"):  # let pytest clean up what the case locked
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def _snapshot(root: Path) -> dict[str, bytes]:
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    return found


ERRORS = {
    "output_dir: ''": "option 'output_dir': expected a folder inside docs_dir such as 'architecture' or "
    "'dev/architecture' (letters, digits, '.', '_', '-'; no '..', no absolute path), got ''",
    "packages: 123": "option 'services': Sub-option 'packages': expected a package name or a list of them, got 123",
    "source_url with {path}": "option 'source_url': unknown placeholder(s) {path}; "
    "only {file} and {line} are filled in",
    "300-character service name": "option 'services': Sub-option 'name': names are at most 80 characters; "
    "this one has 300",
    "context with neither package nor packages": "option 'services': Sub-option 'contexts': Sub-option 'package': "
    "give 'package' (or 'packages', a list of dotted names)",
    "tests: 5": "option 'services': Sub-option 'tests': expected a test folder (or a list of them), got 5",
    "service name with a NUL": "option 'services': Sub-option 'name': names may not hold control characters or "
    "lone surrogates, got 'Shop\\x00'",
    # every option of the one schema, so an option added later is listed here too
    "unknown top-level option": "option 'colour': unknown option 'colour'; valid options are: "
    + ", ".join(sorted(name for name, _ in DomainAtlasConfig._schema)),
    "fail_on: !ENV [DA_FAIL_ON, never], DA_FAIL_ON=sometimes": "option 'fail_on': Expected one of: "
    "('new', 'any', 'never') but received: 'sometimes'",
    "--package shop.": "--package: expected a dotted package name such as 'shop.orders', got 'shop.'",
    "-o into a missing folder": "cannot write missing/folder/model.json: folder missing/folder does not exist",
    "non-UTF-8 baseline": "baseline.txt: baseline is not UTF-8 text (byte 0); rewrite it with --update-baseline",
}


def _run_cli(project, monkeypatch) -> int:
    for name, value in project.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(project.root)
    arguments = [project.command]
    if project.cli[:1] == ["--no-config"]:
        arguments += project.cli[1:]
    else:
        arguments += ["--config", "mkdocs.yml", *project.cli]
    if "-o" not in project.cli:
        arguments += ["-o", "out.txt"]
    return cli.main(arguments)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_setting_is_one_clear_error_and_nothing_is_written(tmp_path, capsys, monkeypatch, name):
    project = write_project(tmp_path / "project", BY_NAME[name])
    before = _snapshot(tmp_path)
    assert _run_cli(project, monkeypatch) == cli.EXIT_USAGE
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("domain-atlas: error: ") and line.endswith(ERRORS[name]), line
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("fail_on: never with a violation", cli.EXIT_OK),
        ("fail_on: any with a violation", cli.EXIT_VIOLATIONS),
        ("fail_on: !ENV [DA_FAIL_ON, never], DA_FAIL_ON=any", cli.EXIT_VIOLATIONS),
    ],
)
def test_check_honours_fail_on_from_mkdocs_yml(tmp_path, capsys, monkeypatch, name, code):
    assert _run_cli(write_project(tmp_path, BY_NAME[name]), monkeypatch) == code


def test_check_honours_the_baseline_in_mkdocs_yml(tmp_path, capsys, monkeypatch):
    write_project(tmp_path, BY_NAME["fail_on: any with a violation"])
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").replace("fail_on: any", "fail_on: new")
    (tmp_path / "mkdocs.yml").write_text(text + "    baseline: known.json\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--config", "mkdocs.yml"]) == cli.EXIT_USAGE  # no baseline file yet
    assert cli.main(["check", "--config", "mkdocs.yml", "--update-baseline"]) == cli.EXIT_OK
    assert (tmp_path / "known.json").is_file()
    assert cli.main(["check", "--config", "mkdocs.yml"]) == cli.EXIT_OK  # the one violation is known


def test_export_that_fails_leaves_no_file(tmp_path, monkeypatch):
    target = tmp_path / "model.json"
    monkeypatch.setattr(commands, "exporter", lambda name: lambda services: "\ud800")
    project = write_project(tmp_path / "p", BY_NAME["nothing hostile"])
    with pytest.raises(UnicodeEncodeError):
        cli.main(["export", "--config", str(project.root / "mkdocs.yml"), "-o", str(target)])
    assert not target.exists() and not list(tmp_path.glob(".model.json*"))


def test_an_error_in_one_of_several_services_names_the_item():
    options = {"services": [{"source": "a"}, {"source": "b", "contexts": [{"package": "b.x"}, {"package": "b."}]}]}
    try:
        validated(options, None, "mkdocs.yml")
    except ConfigFileError as error:
        assert str(error) == (
            "mkdocs.yml: plugin 'domain-atlas' option 'services': item 1: Sub-option 'contexts': item 1: "
            "Sub-option 'package': expected a dotted package name such as 'shop.orders', got 'b.'"
        )
    else:
        raise AssertionError("accepted a bad package name")
