"""Reading a revision straight from git objects: same settings, same paths, work tree and index untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain_atlas.adapters.cli import main
from domain_atlas.adapters.composition import FileCache, analyse
from domain_atlas.adapters.composition.site import diff_revisions
from domain_atlas.discovery.git_revisions import RevisionError, specs_at_revision
from domain_atlas.model import ServiceSpec
from tests.git_history import build_history, git
from tests.git_history import repository_state as state


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repository = build_history(tmp_path / "repo")
    monkeypatch.chdir(repository)
    return repository


def spec(repository: Path) -> ServiceSpec:
    return ServiceSpec("Shop", (repository / "src",), ("shop",), base=repository)


def test_a_revision_reads_as_that_commit_with_the_same_paths(history: Path):
    (history / "src/shop/orders/domain/events.py").write_text("class Edited:\n    pass\n")  # uncommitted
    with specs_at_revision([spec(history)], "port") as (specs, commit):
        assert commit == git(history, "rev-parse", "port").strip()
        [service] = analyse(specs)
    assert "shop.orders.domain.events.OrderPlaced" in {element.path for element in service.elements}
    files = {module.file for module in service.modules}
    assert "src/shop/orders/adapters/repository.py" in files  # as in the work tree, not the temporary copy
    assert all(not file.startswith("/") for file in files)
    assert not Path(specs[0].source_roots[0]).exists()  # the copy is gone afterwards


def test_the_work_tree_is_the_default_head_with_uncommitted_edits(history: Path):
    (history / "src/shop/orders/domain/events.py").write_text(
        "from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\n"
        "class OrderCancelled:\n    reference: str\n    reason: str\n"
    )
    git(history, "add", "src/shop/orders/domain/events.py")  # staged, like a half-made commit
    (history / "src/shop/orders/domain/model.py").write_text("class Order:\n    pass\n")  # unstaged
    before = state(history)
    changes, base, head, notes = diff_revisions([spec(history)], "cosmetic")
    assert state(history) == before
    assert (base.ref, head.ref, head.commit, notes) == ("cosmetic", "WORKTREE", None, [])
    [service] = changes
    assert [e.path for e in service.added.elements] == ["shop.orders.domain.events.OrderCancelled"]
    assert [e.path for e in service.removed.elements] == [
        "shop.orders.domain.events.OrderPlaced",
        "shop.orders.domain.model.Order",  # it no longer collects events: no building block any more
    ]
    assert [(r.kind, r.source) for r in service.removed.relations] == [
        ("publishes", "shop.orders.domain.model.Order.place")
    ]


def test_unchanged_files_are_parsed_once(history: Path):
    cache = FileCache()
    diff_revisions([spec(history)], "port", "removal", cache=cache)
    files_at_port = len([path for path in git(history, "ls-tree", "-r", "--name-only", "port", "src").split()])
    assert cache.misses == files_at_port  # removal only deletes a file: nothing new to parse
    assert cache.hits == files_at_port - 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--base", "no-such-branch"], "unknown revision 'no-such-branch' in git repository"),
        (["--base", "start", "--head", "v9"], "unknown revision 'v9'"),
        (["--base=--upload-pack=x"], "not a revision"),
    ],
)
def test_unknown_refs_exit_2_with_a_clear_message(history: Path, capsys, arguments: list[str], message: str):
    before = state(history)
    assert main(["diff", "src", "--package", "shop", *arguments]) == 2
    assert message in capsys.readouterr().err
    assert state(history) == before


def test_outside_git_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    (tmp_path / "src" / "shop").mkdir(parents=True)
    (tmp_path / "src" / "shop" / "__init__.py").write_text("")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["diff", "--base", "main", "src"]) == 2
    assert "is not inside a git repository" in capsys.readouterr().err


def test_a_source_root_outside_the_repository_is_refused(history: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    specs = [ServiceSpec("Shop", (history / "src", outside), base=history)]
    with pytest.raises(RevisionError, match="outside the git repository"), specs_at_revision(specs, "start"):
        pass


def test_a_service_missing_at_the_base_is_all_added(history: Path):
    changes, _, _, notes = diff_revisions(
        [ServiceSpec("Ports", (history / "src",), ("shop.orders.domain.ports",))], "event"
    )
    assert notes and "left out" in notes[0]
    assert f"{history / 'src'} (at event)" in notes[0] and "domain-atlas-revision-" not in notes[0]
    [service] = changes
    assert service.only_in == "head"
    assert [e.path for e in service.added.elements] == ["shop.orders.domain.ports.OrderRepository"]


def test_the_copy_falls_back_to_the_disk_when_memory_is_missing_or_full(history: Path, monkeypatch, tmp_path: Path):
    from domain_atlas.discovery import git_revisions

    monkeypatch.setattr(git_revisions, "MEMORY_FOLDER", tmp_path / "no-shm")
    with specs_at_revision([spec(history)], "event") as (specs, _):
        assert (specs[0].source_roots[0] / "shop" / "orders" / "domain" / "events.py").is_file()
    full = tmp_path / "full-shm"
    full.mkdir()
    monkeypatch.setattr(git_revisions, "MEMORY_FOLDER", full)
    real_extract = git_revisions.extract

    def no_space_in_memory(repository: Path, commit: str, paths, into: Path) -> None:
        if into.parent == full:
            raise OSError(28, "No space left on device")
        real_extract(repository, commit, paths, into)

    monkeypatch.setattr(git_revisions, "extract", no_space_in_memory)
    with specs_at_revision([spec(history)], "event") as (specs, _):
        assert not specs[0].source_roots[0].is_relative_to(full)
        assert (specs[0].source_roots[0] / "shop" / "orders" / "domain" / "events.py").is_file()
    assert list(full.iterdir()) == []  # the failed copy was cleaned up


def test_a_source_root_at_the_repository_top_and_odd_path_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    repository = tmp_path / "flat"
    (repository / "app").mkdir(parents=True)
    (repository / "app" / "__init__.py").write_text("")
    (repository / "app" / "events.py").write_text("class Paid:\n    pass\n")
    (repository / ":(glob)*").mkdir()  # read literally, never as pathspec magic
    (repository / ":(glob)*" / "x.txt").write_text("")
    git(repository.parent, "init", "-q", str(repository))
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "one")
    monkeypatch.chdir(repository)
    with specs_at_revision([ServiceSpec("Flat", (repository,), ("app",), base=repository)], "HEAD") as (specs, _):
        assert (specs[0].source_roots[0] / "app" / "events.py").is_file()
    with specs_at_revision([ServiceSpec("Odd", (repository / ":(glob)*",), base=repository)], "HEAD") as (specs, _):
        assert [path.name for path in specs[0].source_roots[0].iterdir()] == ["x.txt"]


def test_run_from_outside_the_repository_says_how_to_fix_it(history: Path, tmp_path: Path):
    outside = ServiceSpec("Shop", (history / "src",), ("shop",), base=tmp_path)
    with (
        pytest.raises(RevisionError, match="run the command inside the repository"),
        specs_at_revision([outside], "start"),
    ):
        pass


def test_revisions_are_read_raw_whatever_the_export_attributes_say(history: Path):
    (history / ".gitattributes").write_text("src/shop/orders/domain/events.py export-ignore\n*.py export-subst\n")
    (history / "src/shop/orders/domain/model.py").write_text('VERSION = "$Format:%H$"\n')
    git(history, "add", "-A")
    git(history, "commit", "-q", "-m", "attributes")
    with specs_at_revision([spec(history)], "HEAD") as (specs, _):
        domain = specs[0].source_roots[0] / "shop" / "orders" / "domain"
        assert (domain / "events.py").read_text() == (history / "src/shop/orders/domain/events.py").read_text()
        assert (domain / "model.py").read_text() == 'VERSION = "$Format:%H$"\n'  # not substituted


def test_a_failed_write_stops_git_and_cleans_up(history: Path, monkeypatch, tmp_path: Path):
    from domain_atlas.discovery import git_revisions

    monkeypatch.setattr(git_revisions, "MEMORY_FOLDER", tmp_path / "no-shm")
    calls = []

    def full_disk(self: Path, data: bytes) -> int:
        calls.append(self)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space left"), specs_at_revision([spec(history)], "cosmetic"):
        pass
    assert len(calls) == 1


def test_test_folders_map_into_the_revision_and_may_be_missing_there(history: Path):
    (history / "tests").mkdir()
    (history / "tests" / "fakes.py").write_text(
        "from shop.orders.domain.ports import OrderRepository\n\n\n"
        "class FakeOrderRepository(OrderRepository):\n"
        "    def get(self, reference: str) -> object:\n        return None\n"
    )
    with_tests = ServiceSpec("Shop", (history / "src",), ("shop",), base=history, tests=(history / "tests",))
    changes, _, _, notes = diff_revisions([with_tests], "cosmetic")  # the commit has no tests/ folder
    assert notes == []
    [service] = changes
    assert [m.name for m in service.added.modules] == ["tests", "tests.fakes"]
    assert [(e.path, e.test) for e in service.added.elements] == [("tests.fakes.FakeOrderRepository", True)]
