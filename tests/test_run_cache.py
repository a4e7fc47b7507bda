"""The whole-run cache: a command asked again over unchanged inputs replays its result; any change runs it again."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from domain_atlas.adapters import cli, commands
from domain_atlas.discovery.observed_inputs import observing

OLD = 1_600_000_000  # seconds: files and folders older than the racy window, so folder times are trusted

FILES = {
    "shop/__init__.py": '"""A shop."""\n',
    "shop/orders/__init__.py": "",
    "shop/orders/domain/__init__.py": "",
    "shop/orders/domain/model.py": (
        "from shop.orders.adapters.repository import Repository\n\n\nclass Order:\n    pass\n"
    ),
    "shop/orders/adapters/__init__.py": "",
    "shop/orders/adapters/repository.py": "class Repository:\n    pass\n",
    "shop/billing/__init__.py": "",
    "shop/billing/domain/__init__.py": "",
    "shop/billing/domain/invoice.py": "class Invoice:\n    pass\n",
    "shop/billing/adapters/__init__.py": "",
    "shop/billing/adapters/repository.py": "from shop.billing.domain.invoice import Invoice\n",
}


def make_project(root: Path) -> Path:
    source = root / "src"
    for name, text in FILES.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    age(root)
    return source


def age(root: Path, when: int = OLD) -> None:
    """Every file and folder under `root` last changed long ago (as in a checkout older than a few seconds)."""
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (when, when))
        os.utime(folder, (when, when))


class Runs:
    """Runs `domain-atlas` in this process, counting the runs that analysed instead of replaying."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.analysed = 0
        self.capsys = capsys
        real = commands.analyse

        def counting(*args: object, **kwargs: object) -> object:
            self.analysed += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(commands, "analyse", counting)

    def __call__(self, *arguments: str) -> tuple[int, str, str]:
        code = cli.main(list(arguments))
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOMAIN_ATLAS_CACHE_DIR", raising=False)
    return make_project(tmp_path)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runs:
    return Runs(monkeypatch, capsys)


@pytest.mark.parametrize(
    "arguments",
    [
        ("export", "src"),
        ("export", "src", "--package", "shop", "--format", "mermaid"),
        ("check", "src"),
        ("check", "src", "--format", "sarif"),
        ("explain", "src"),
    ],
)
def test_the_same_command_over_unchanged_inputs_is_replayed_exactly(project: Path, runs: Runs, arguments):
    first = runs(*arguments)
    again = runs(*arguments)
    assert runs.analysed == 1
    assert again == first
    assert first[0] == (1 if arguments[0] == "check" else 0)  # the check's violation: replayed as a failure too
    assert first[1]


def test_output_files_are_written_on_a_replay_too(project: Path, runs: Runs, tmp_path: Path):
    runs("export", "src", "-o", "first.json")
    runs("export", "src", "-o", "second.json")
    assert runs.analysed == 1
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()


def _edit(path: Path, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)

    return change


def _remove(path: Path) -> Callable[[Path], None]:
    return lambda root: (root / path).unlink()


CHANGES = {
    # Same size as before: only the content digest can tell.
    "a module edited in place": _edit(Path("src/shop/billing/domain/invoice.py"), "class Invoize:\n    pass\n"),
    "a module added to a folder": _edit(Path("src/shop/billing/domain/refund.py"), "class Refund:\n    pass\n"),
    "a module removed": _remove(Path("src/shop/billing/adapters/repository.py")),
    "a package added": _edit(Path("src/shop/stock/domain/__init__.py"), ""),
    "catalogue rules in pyproject.toml": _edit(
        Path("pyproject.toml"), '[tool.domain-atlas]\nstereotypes = [{kind = "aggregate", name = "Invoice"}]\n'
    ),
    "an import-linter contract": _edit(
        Path("src/.importlinter"),
        "[importlinter]\nroot_package = shop\n\n[importlinter:contract:1]\nname = billing apart\n"
        "type = independence\nmodules =\n    shop.billing\n    shop.orders\n",
    ),
    "a repository root appears (paths are shown from it)": _edit(Path("src/.git/HEAD"), "ref: refs/heads/main\n"),
}


LISTING_CHANGES = {"a module added to a folder", "a module removed", "a package added"}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_any_change_to_what_the_run_read_runs_it_again(project: Path, runs: Runs, tmp_path: Path, change: str):
    runs("export", "src")
    CHANGES[change](tmp_path)
    # Old times everywhere, as after a checkout: an edit must be seen by its content or a path's existence alone;
    # a folder whose entries changed has another time (the time of the change, here an old one).
    age(tmp_path, OLD + 60 if change in LISTING_CHANGES else OLD)
    again = runs("export", "src")
    fresh = runs("export", "src", "--no-cache")
    assert runs.analysed == 3
    assert again == fresh


def test_a_changed_command_line_or_working_folder_is_another_run(project: Path, runs: Runs, monkeypatch):
    runs("export", "src")
    runs("export", "src", "--package", "shop")
    monkeypatch.chdir(project)
    runs("export", ".")
    assert runs.analysed == 3


def test_a_baseline_is_an_input_of_the_check(project: Path, runs: Runs, tmp_path: Path):
    assert runs("check", "src", "--baseline", "known.json", "--update-baseline")[0] == 0
    assert runs("check", "src", "--baseline", "known.json")[0] == 0
    (tmp_path / "known.json").write_text(json.dumps({"schema": "domain-atlas/baseline/1", "violations": []}))
    assert runs("check", "src", "--baseline", "known.json")[0] == 1
    assert runs.analysed == 3


def test_with_a_config_file_the_validated_settings_are_part_of_the_key(project: Path, runs: Runs, tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    service = "{name: Shop, source: src, packages: [shop]"
    config.write_text(f"site_name: x\nplugins:\n  - domain-atlas:\n      services:\n        - {service}}}\n")
    first = runs("check", "--config", "mkdocs.yml")
    assert runs("check", "--config", "mkdocs.yml") == first
    config.write_text(
        f"site_name: x\nplugins:\n  - domain-atlas:\n      services:\n        - {service}, fail_on: never}}\n"
    )
    assert runs("check", "--config", "mkdocs.yml")[0] == 0
    assert first[0] == 1 and runs.analysed == 2


def test_no_cache_neither_replays_nor_keeps_results(project: Path, runs: Runs, tmp_path: Path):
    runs("export", "src", "--no-cache")
    runs("export", "src", "--no-cache")
    assert runs.analysed == 2
    assert not (tmp_path / ".domain_atlas_cache").exists()


@pytest.mark.parametrize(
    "damage",
    ["not json", "wrong types", "another key", "output changed", "output missing"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(project: Path, runs: Runs, tmp_path: Path, damage: str):
    first = runs("export", "src")
    (meta,) = (tmp_path / ".domain_atlas_cache" / "runs").glob("*.json")
    output = meta.with_suffix(".out")
    document = json.loads(meta.read_text())
    if damage == "not json":
        meta.write_text("{")
    elif damage == "wrong types":
        meta.write_text(json.dumps({**document, "files": {"a": 1}}))
    elif damage == "another key":
        meta.write_text(json.dumps({**document, "key": "0" * 64}))
    elif damage == "output changed":
        output.write_bytes(b'{"planted": true}')
    else:
        output.unlink()
    assert runs("export", "src") == first
    assert runs("export", "src") == first
    assert runs.analysed == 2  # the damaged entry was run again, and the rewritten one replayed


def test_every_file_opened_and_folder_listed_by_a_run_is_recorded(project: Path, tmp_path: Path, capsys):
    """A reader that forgot to report what it read would let a replay miss that input's changes."""
    opened: set[str] = set()
    listed: set[str] = set()
    watching = True

    def audit(event: str, arguments: tuple[object, ...]) -> None:
        if not watching or not arguments or not isinstance(arguments[0], str | bytes | os.PathLike):
            return
        path = os.path.abspath(os.fsdecode(arguments[0]))  # type: ignore[arg-type]
        if not path.startswith(str(tmp_path)) or ".domain_atlas_cache" in path:
            return
        if event == "open" and (len(arguments) < 2 or "w" not in str(arguments[1] or "")):
            flags = arguments[2] if len(arguments) > 2 else 0
            if not isinstance(flags, int) or not flags & (os.O_WRONLY | os.O_RDWR):
                opened.add(path)
        elif event in ("os.listdir", "os.scandir"):
            listed.add(path)

    sys.addaudithook(audit)  # hooks cannot be removed: this one stops watching at the end of the test
    try:
        for arguments in (["export", "src"], ["check", "src"], ["explain", "src"]):
            (tmp_path / ".importlinter").write_text("[importlinter]\nroot_package = shop\n")
            (project / "setup.cfg").write_text("[metadata]\nname = shop\n")  # read, found to hold no contract
            with observing() as observed:
                commands.run_command(commands_arguments(arguments))
            capsys.readouterr()
            files = {path for path in opened if os.path.isfile(path)}
            assert files <= set(observed.files), files - set(observed.files)
            assert listed <= set(observed.folders), listed - set(observed.folders)
            assert observed.files and observed.folders
            opened.clear()
            listed.clear()
    finally:
        watching = False


def commands_arguments(arguments: list[str]):
    from domain_atlas.adapters.command_line import parser

    return parser().parse_args([*arguments, "--no-cache"])


def test_the_code_fingerprint_follows_every_code_file_and_nothing_else(tmp_path: Path, monkeypatch):
    from domain_atlas.discovery import run_results

    package = tmp_path / "domain_atlas"
    files = {
        "__init__.py": "",
        "discovery/run_results.py": "",
        "rendering/templates/page.md.j2": "{{ x }}",
        "schema/model-1.schema.json": "{}",
        "assets/site.js": "var x;",
        "discovery/__pycache__/run_results.cpython-311.pyc": "",
        "README.txt": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    monkeypatch.setattr(run_results, "__file__", str(package / "discovery" / "run_results.py"))
    fingerprint = run_results.code_fingerprint.__wrapped__
    first = fingerprint()
    for unrelated in ("assets/site.js", "discovery/__pycache__/run_results.cpython-311.pyc", "README.txt"):
        (package / unrelated).write_text("changed")
    assert fingerprint() == first
    seen = {first}
    for name in ("__init__.py", "rendering/templates/page.md.j2", "schema/model-1.schema.json"):
        (package / name).write_text((package / name).read_text() + "changed")
        seen.add(fingerprint())
    (package / "rendering" / "templates" / "page.md.j2").rename(package / "rendering" / "templates" / "other.md.j2")
    seen.add(fingerprint())
    assert len(seen) == 5


@pytest.mark.parametrize("name", [b"caf\xc3\xa9", b"caf\xe9"])  # UTF-8; an undecodable byte, held as a surrogate
def test_a_run_under_a_folder_with_a_non_ascii_name_is_kept_and_replayed(tmp_path: Path, monkeypatch, capsys, name):
    folder = tmp_path / os.fsdecode(name)
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("DOMAIN_ATLAS_CACHE_DIR", raising=False)
    make_project(folder)
    runs = Runs(monkeypatch, capsys)
    first = runs("export", "src")
    assert runs("export", "src") == first
    assert runs.analysed == 1
