"""The command line reads the files it names ahead, while it loads the rest of its code: the same output, no stray
worker, and a reading ahead that does not match the validated settings is dropped, never used."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from domain_atlas.adapters import cli, commands
from domain_atlas.adapters.composition import analyse_service, file_cache, model_json
from domain_atlas.discovery import fact_reading, reading_ahead, shared_reading
from domain_atlas.discovery.service_files import discover_files
from domain_atlas.discovery.source_files import MissingPackageError
from domain_atlas.model import ServiceSpec
from tests.helpers import REPO_ROOT
from tests.test_disk_cache import entries

EXAMPLE = REPO_ROOT / "examples" / "billing-platform" / "src"


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes read even this small example, so the reading ahead starts a worker process."""
    monkeypatch.setattr(shared_reading, "processes", lambda: 2)
    monkeypatch.setattr(fact_reading, "processes", lambda: 2)
    monkeypatch.setattr(fact_reading, "PARALLEL_FROM", 2)


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each service's files were taken from a reading ahead (True) or read afresh (False)."""
    outcomes: list[bool] = []
    real = reading_ahead.take

    def take(spec: ServiceSpec, cache: object) -> object:
        found = real(spec, cache)  # type: ignore[arg-type]
        outcomes.append(found is not None)
        return found

    monkeypatch.setattr(reading_ahead, "take", take)
    return outcomes


def export(tmp_path: Path, capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    assert cli.main(["export", *arguments]) == cli.EXIT_OK
    return capsys.readouterr().out


def test_an_export_read_ahead_is_the_export_read_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], workers: None, taken: list
):
    monkeypatch.chdir(tmp_path)
    expected = model_json([analyse_service(ServiceSpec("src", (EXAMPLE,), base=tmp_path), file_cache(enabled=False))])
    taken.clear()
    for flags in (["--no-cache"], ["--cache-dir", "cold"], ["--cache-dir", "cold", "--package", "billing"]):
        assert export(tmp_path, capsys, str(EXAMPLE), *flags) in (expected, expected.replace('"src"', '"billing"'))
    assert taken == [True, True, True], "the command's own settings asked for the files read ahead"
    assert not multiprocessing.active_children()


def test_a_reading_ahead_for_other_files_or_another_cache_is_dropped(tmp_path: Path, workers: None):
    spec = ServiceSpec("Billing", (EXAMPLE,), base=REPO_ROOT)
    expected = model_json([analyse_service(spec, file_cache(enabled=False))])
    reading_ahead.read_ahead([EXAMPLE], ["billing.invoicing"], [], None)  # one package only
    cache = file_cache(enabled=False)
    assert cache is reading_ahead.cache_for(None)
    assert model_json([analyse_service(spec, cache)]) == expected
    reading_ahead.read_ahead([EXAMPLE], [], [], tmp_path / "cache")  # the files, but another cache
    assert model_json([analyse_service(spec, file_cache(enabled=False))]) == expected
    assert reading_ahead.cache_for(tmp_path / "cache") is None, "dropped, and its workers stopped"
    assert not multiprocessing.active_children()


def test_a_command_that_fails_after_reading_ahead_leaves_no_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], workers: None
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "known.json").write_text("{not json")
    # Read ahead (the roots are on the command line), then refused: the baseline is read before any model is built.
    code = cli.main(["check", str(EXAMPLE), "--baseline", "known.json", "--no-cache"])
    assert code == cli.EXIT_USAGE
    assert "known.json" in capsys.readouterr().err
    assert reading_ahead.cache_for(None) is None
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("in_a_worker", [True, False], ids=["listed by a worker", "listed here"])
def test_the_files_listed_by_a_worker_or_here_give_the_same_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: None, taken: list, in_a_worker: bool
):
    monkeypatch.setattr(reading_ahead, "forks_cheaply", lambda: in_a_worker)
    spec = ServiceSpec("src", (EXAMPLE,), base=tmp_path)
    expected = model_json([analyse_service(spec, file_cache(enabled=False))])
    taken.clear()
    reading_ahead.read_ahead([EXAMPLE], [], [], tmp_path / "cache")
    cache = reading_ahead.cache_for(tmp_path / "cache")
    assert cache is not None
    assert model_json([analyse_service(spec, cache)]) == expected
    assert taken == [True] and cache.disk is not None and cache.disk.errors == []
    assert not multiprocessing.active_children()


def test_a_listing_that_fails_in_the_worker_is_reported_by_the_service(tmp_path: Path, workers: None, taken: list):
    reading_ahead.read_ahead([EXAMPLE], ["no_such_package"], [], None)
    with pytest.raises(MissingPackageError, match=r"'Billing'.*no_such_package"):
        analyse_service(ServiceSpec("Billing", (EXAMPLE,), ("no_such_package",)), file_cache(enabled=False))
    assert taken == [False], "nothing was listed ahead: the files were listed again, and the error said there"
    assert not multiprocessing.active_children()


def test_a_file_changed_after_it_was_listed_is_read_and_cached_as_it_is_now(tmp_path: Path):
    source = tmp_path / "src" / "shop"
    source.mkdir(parents=True)
    (source / "__init__.py").write_text("")
    (source / "orders.py").write_text("class Order:\n    pass\n")
    files = discover_files(ServiceSpec("shop", (tmp_path / "src",)))[1]
    for contents in (True, False):  # listed with its digest (a cache to look up), or with its size only
        listed = fact_reading.hash_files(files, contents)
        (source / "orders.py").write_text("class Invoice:\n    pass\n")  # edited between listing and reading
        cache = file_cache(tmp_path / f"cache-{contents}")
        facts = fact_reading.PendingFacts(files, cache, listed).facts()
        symbols = facts["shop.orders"].symbols
        assert symbols is not None and [found.name for found in symbols.classes] == ["Invoice"]
        now = facts["shop.orders"].digest
        fresh = cache.disk_key(files[1], now)
        assert cache.disk is not None and fresh is not None and cache.disk.get(fresh) == facts["shop.orders"]
        if contents:
            stale = cache.disk_key(files[1], listed[1][1])
            assert stale is not None and cache.disk.get(stale) is None, "the old digest must not name the new facts"
        (source / "orders.py").write_text("class Order:\n    pass\n")


def test_a_file_a_worker_read_is_among_the_inputs_a_replay_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], workers: None
):
    """The run cache replays a result only while every file read is unchanged, those read by a worker included."""
    source = tmp_path / "src"
    shutil.copytree(EXAMPLE, source)
    analysed: list[bool] = []
    real = commands.analyse
    monkeypatch.setattr(commands, "analyse", lambda *args, **kwargs: analysed.append(True) or real(*args, **kwargs))
    monkeypatch.chdir(tmp_path)
    first = export(tmp_path, capsys, "src", "--cache-dir", "cache")
    assert export(tmp_path, capsys, "src", "--cache-dir", "cache") == first and analysed == [True], "replayed"
    biggest = max(source.rglob("*.py"), key=lambda path: path.stat().st_size)  # read first, by the worker
    biggest.write_text(biggest.read_text() + "\n\nclass AddedByTheTest:\n    pass\n")
    again = export(tmp_path, capsys, "src", "--cache-dir", "cache")
    assert analysed == [True, True], "a file changed: analysed again, not replayed"
    assert again != first  # its line count, at least


def test_what_this_process_read_is_written_once_it_has_no_batch_left_and_its_error_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: None
):
    """This process writes its own entries while the worker finishes its last batches: a failure still says so."""
    here = os.getpid()
    real = fact_reading.write_entries

    def full_here(database: Path, entries: list[tuple[str, object]]) -> str:
        return "disk full (made by the test)" if os.getpid() == here and entries else real(database, entries)

    monkeypatch.setattr(fact_reading, "write_entries", full_here)
    cache = file_cache(tmp_path / "cache")
    analyse_service(ServiceSpec("Billing", (EXAMPLE,), base=REPO_ROOT), cache)
    assert cache.disk is not None and len(cache.disk.errors) == 1 and "disk full" in cache.disk.errors[0]
    written = len(entries(tmp_path / "cache"))
    assert 0 < written < cache.misses, "the worker's entries written, not this process's"
