"""The disk cache shared: builds running at once, the worker processes and threads of one build, a build killed
while writing. Every process and thread has a connection of its own; every transaction is whole or absent."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from domain_atlas.adapters.composition import analyse_service, file_cache
from domain_atlas.discovery import disk_cache
from domain_atlas.discovery.disk_cache import DATABASE, DiskCache, write_entries
from domain_atlas.discovery.fact_codec import Codec
from domain_atlas.discovery.loader import ModuleFacts
from domain_atlas.discovery.syntax import ParseOutcome
from tests.test_disk_cache import EXAMPLE, entries, export, facts_of, spec, stored, tamper


def test_concurrent_runs_share_a_cache_folder_safely(tmp_path: Path):
    command = [sys.executable, "-m", "domain_atlas.adapters.cli", "export", str(EXAMPLE), "--cache-dir", "shared"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    finished = [process.communicate(timeout=300) for process in runs]
    assert all(process.returncode == 0 for process in runs)
    assert {output for output, _ in finished} == {export("--no-cache", cwd=tmp_path).encode()}
    assert not any(b"not writable" in messages for _, messages in finished), "no run waited in vain"
    assert len(facts_of(tmp_path / "shared")) == len(list(EXAMPLE.rglob("*.py")))


def _write_batches(database: str, writer: int, batches: int) -> list[str]:
    keys = [[f"{writer}-{batch}-{index}" for index in range(20)] for batch in range(batches)]
    return [write_entries(Path(database), [(key, [writer, key]) for key in batch]) for batch in keys]


def test_worker_processes_writing_at_once_lose_nothing(tmp_path: Path):
    """Every process writes whole batches in transactions of its own: none fails for another's lock."""
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        errors = pool.starmap(_write_batches, [(str(tmp_path / DATABASE), writer, 25) for writer in range(4)])
    assert errors == [[""] * 25] * 4
    assert len(entries(tmp_path)) == 4 * 25 * 20


def test_a_batch_of_files_is_written_in_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One transaction per batch: creating a file, or committing, per entry is what made the cache slow."""
    commits: list[int] = []
    real = disk_cache._in_transaction

    def counted(database: Path, work: Any, *, write: bool) -> Any:
        commits.append(write)
        return real(database, work, write=write)

    monkeypatch.setattr(disk_cache, "_in_transaction", counted)
    cache = file_cache(tmp_path)
    analyse_service(spec(), cache)
    assert cache.misses > 10 and len(entries(tmp_path)) == cache.misses
    assert commits.count(True) == 1, "the files of one batch, written at once"
    assert commits.count(False) == 1, "counted (for pruning) without the write lock"
    cache = file_cache(tmp_path)
    commits.clear()
    analyse_service(spec(), cache)
    assert cache.disk_hits > 100 and commits == [False] * (1 + (cache.disk_hits - 1) // 100), "looked up by hundreds"


_WRITE_FOREVER = """
import sys
from pathlib import Path
from domain_atlas.discovery.disk_cache import write_entries
batch = 0
while True:
    batch += 1
    assert write_entries(Path(sys.argv[1]), [(f"{batch}-{i}", ["x" * 2000, batch]) for i in range(50)]) == ""
"""


def test_a_build_killed_while_writing_leaves_whole_entries_or_none(tmp_path: Path):
    writer = subprocess.Popen([sys.executable, "-c", _WRITE_FOREVER, str(tmp_path / DATABASE)])
    try:
        deadline = time.monotonic() + 60
        while len(entries(tmp_path)) < 500 and time.monotonic() < deadline and writer.poll() is None:
            time.sleep(0.02)
    finally:
        writer.kill()  # SIGKILL: no clean-up of any kind
        writer.wait(60)
    written = stored(tmp_path)
    assert len(written) >= 500 and len(written) % 50 == 0, "whole transactions only"
    assert all(orjson.loads(value)["key"] == key for key, (value, _) in written.items())
    assert write_entries(tmp_path / DATABASE, [("after", [1])]) == "" and "after" in entries(tmp_path)


def _connection_in_child(database: str, parent: int, answer: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    mine = id(disk_cache._connection(Path(database)))
    answer.put((mine != parent, write_entries(Path(database), [("child", [1])])))


def test_a_forked_worker_uses_a_connection_of_its_own(tmp_path: Path):
    cache = DiskCache(tmp_path, Codec(ModuleFacts), "salt")
    sample = ModuleFacts("digest", ParseOutcome.PARSED, (), None, (), 3)
    cache.put(cache.key("parent"), sample)
    parent = id(disk_cache._connection(cache.database))
    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    child = context.Process(target=_connection_in_child, args=(str(cache.database), parent, answer))
    child.start()
    child.join(60)
    assert answer.get(timeout=5) == (True, "")
    assert "child" in entries(tmp_path)
    cache.put(cache.key("after"), sample)  # the parent's connection is intact
    assert cache.get(cache.key("after")) == sample and not cache.errors


def test_threads_use_connections_of_their_own(tmp_path: Path):
    """`mkdocs serve` rebuilds in another thread than the first build: a connection is bound to its thread."""
    cache = DiskCache(tmp_path, Codec(ModuleFacts), "salt")
    sample = ModuleFacts("digest", ParseOutcome.PARSED, (), None, (), 3)
    cache.put(cache.key("main"), sample)
    found: list[object] = []
    thread = threading.Thread(
        target=lambda: (cache.put(cache.key("thread"), sample), found.append(cache.get(cache.key("main"))))
    )
    thread.start()
    thread.join(60)
    assert found == [sample] and not cache.errors
    assert cache.get(cache.key("thread")) == sample


def test_worker_processes_start_with_no_database_open_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """SQLite forbids carrying an open connection across fork(), even one the child never uses."""
    from domain_atlas.discovery import fact_reading, shared_reading

    analyse_service(spec(), file_cache(tmp_path))
    keys = entries(tmp_path)
    for key in keys[: len(keys) // 2]:  # half the files to read again, half looked up: the database is open
        tamper(tmp_path, "DELETE FROM facts WHERE key = ?", key)
    monkeypatch.setattr(fact_reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(fact_reading, "processes", lambda: 2)
    monkeypatch.setattr(shared_reading, "processes", lambda: 2)
    open_at_start: list[int] = []

    class Watched(shared_reading.SharedReading):  # type: ignore[type-arg]
        def __init__(self, *arguments: Any) -> None:
            open_at_start.append(len(disk_cache._connections()))
            super().__init__(*arguments)

    monkeypatch.setattr(fact_reading, "SharedReading", Watched)
    cache = file_cache(tmp_path)
    analyse_service(spec(), cache)
    assert open_at_start == [0] and cache.disk_hits == len(keys) - len(keys) // 2
    assert entries(tmp_path) == keys and cache.disk is not None and not cache.disk.errors
