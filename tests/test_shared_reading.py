"""Reading on every core: worker processes and the main process share the batches; results stay in order."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from domain_atlas.adapters.composition import analyse_service, file_cache, model_json
from domain_atlas.discovery import fact_reading, shared_reading
from domain_atlas.discovery.shared_reading import _Claims, read_shared
from domain_atlas.model import ServiceSpec
from tests.helpers import REPO_ROOT
from tests.test_disk_cache import entries

EXAMPLE = REPO_ROOT / "examples" / "billing-platform" / "src"


def _squares_slowly(batch: Sequence[int]) -> list[tuple[int, int]]:
    time.sleep(0.05)  # long enough for a worker process to take some batches too
    return [(os.getpid(), job * job) for job in batch]


def _fail_in_main_process(batch: Sequence[tuple[int, str, int]]) -> list[int]:
    """Jobs are (number, marker folder, pid of the main process); the main process fails on its first batch."""
    _, folder, main = batch[0]
    if os.getpid() == main:
        raise KeyboardInterrupt
    time.sleep(0.05)
    (Path(folder) / f"{batch[0][0]}").write_text("read")
    return [number for number, _, _ in batch]


def _slow_in_the_worker(batch: Sequence[tuple[int, int]]) -> list[int]:
    """Jobs are (number, pid of the main process): a worker takes 0.3 s a batch, the main process no time."""
    if os.getpid() != batch[0][1]:
        time.sleep(0.3)
    return [os.getpid() for _ in batch]


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_reading, "processes", lambda: 2)
    monkeypatch.setattr(fact_reading, "processes", lambda: 2)


def test_the_main_process_and_a_worker_share_the_batches_and_results_keep_the_jobs_order(two_cores: None):
    jobs = list(range(300))
    told: list[int] = []
    switching = sys.getswitchinterval()
    found = read_shared(jobs, _squares_slowly, lambda job: job % 7 + 1, told.append)
    assert sys.getswitchinterval() == switching, "the quicker thread switching ends with the reading"
    assert [square for _, square in found] == [job * job for job in jobs]
    readers = {pid for pid, _ in found}
    assert os.getpid() in readers and len(readers) == 2, "both the main process and the worker read"
    assert told == sorted(told) and told[-1] == len(jobs)


def test_a_slow_worker_is_never_handed_more_than_it_can_start(two_cores: None):
    """A worker is handed one batch to read and one to wait; everything else stays for whoever is free. (A pool
    queues more, and the main process would then sit idle at the end while the worker reads what it queued.)"""
    jobs = [(number, os.getpid()) for number in range(200)]
    readers = read_shared(jobs, _slow_in_the_worker, lambda job: 1)
    by_worker = sum(1 for pid in readers if pid != os.getpid())
    claims = _Claims([1] * 200, 2 * shared_reading._BATCHES_PER_PROCESS)
    assert by_worker == len(claims.take(from_front=True)) + len(claims.take(from_front=True))


def test_batches_are_taken_from_both_ends_heaviest_first_and_shrink_as_the_jobs_left_do():
    weights = [1] * 300 + [120, 60, 60] + [5] * 40
    claims = _Claims(weights, 8)
    first = claims.take(from_front=True)
    assert first == [300], "a job as heavy as a batch is a batch of its own"
    taken = [first]
    while batch := claims.take(from_front=len(taken) % 2 == 0):
        taken.append(batch)
    assert sorted(index for batch in taken for index in batch) == list(range(len(weights))), "each job once"
    loads = [sum(weights[index] for index in batch) for batch in taken]
    assert loads[-1] <= loads[1] / 4, "the last batches are small"
    assert 10 <= len(taken) <= 60
    assert claims.take(from_front=True) == [] and claims.take(from_front=False) == []


def test_facts_read_on_two_cores_are_those_read_on_one_and_fill_the_disk_cache(
    tmp_path: Path, two_cores: None, monkeypatch: pytest.MonkeyPatch
):
    spec = ServiceSpec("Billing", (EXAMPLE,), base=REPO_ROOT)
    one_process = model_json([analyse_service(spec, file_cache(enabled=False))])
    monkeypatch.setattr(fact_reading, "PARALLEL_FROM", 2)
    cache = file_cache(tmp_path)
    assert model_json([analyse_service(spec, cache)]) == one_process
    assert cache.disk is not None and not cache.disk.errors
    written = entries(tmp_path)
    assert len(written) == cache.misses > 2
    warm = file_cache(tmp_path)
    assert model_json([analyse_service(spec, warm)]) == one_process
    assert warm.disk_hits == len(written) and warm.misses == 0


def test_an_interrupted_main_process_leaves_no_worker_reading_the_rest(two_cores: None, tmp_path: Path):
    jobs = [(number, str(tmp_path), os.getpid()) for number in range(200)]
    with pytest.raises(KeyboardInterrupt):
        read_shared(jobs, _fail_in_main_process, lambda job: 1)
    assert len(list(tmp_path.iterdir())) <= 3, "only the batches a worker had already taken are read"
