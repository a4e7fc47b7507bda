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
from domain_atlas.discovery.shared_reading import _batches, read_shared
from domain_atlas.model import ServiceSpec
from tests.helpers import REPO_ROOT

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


def test_batches_are_of_about_equal_weight_with_the_heaviest_jobs_first():
    weights = [1] * 300 + [120, 60, 60] + [5] * 40
    batches = _batches(weights, 8)
    assert sorted(index for batch in batches for index in batch) == list(range(len(weights)))
    assert batches[0] == [300], "a file as heavy as a batch is a batch of its own"
    loads = [sum(weights[index] for index in batch) for batch in batches]
    assert 6 <= len(batches) <= 10
    assert max(loads) <= 120 and all(load >= 10 for load in loads[:-1])


def test_facts_read_on_two_cores_are_those_read_on_one_and_fill_the_disk_cache(
    tmp_path: Path, two_cores: None, monkeypatch: pytest.MonkeyPatch
):
    spec = ServiceSpec("Billing", (EXAMPLE,), base=REPO_ROOT)
    one_process = model_json([analyse_service(spec, file_cache(enabled=False))])
    monkeypatch.setattr(fact_reading, "PARALLEL_FROM", 2)
    cache = file_cache(tmp_path)
    assert model_json([analyse_service(spec, cache)]) == one_process
    assert cache.disk is not None and not cache.disk.errors
    written = sorted(tmp_path.glob("??/*.json"))
    assert len(written) == cache.misses > 2
    warm = file_cache(tmp_path)
    assert model_json([analyse_service(spec, warm)]) == one_process
    assert warm.disk_hits == len(written) and warm.misses == 0


def test_an_interrupted_main_process_leaves_no_worker_reading_the_rest(two_cores: None, tmp_path: Path):
    jobs = [(number, str(tmp_path), os.getpid()) for number in range(200)]
    with pytest.raises(KeyboardInterrupt):
        read_shared(jobs, _fail_in_main_process, lambda job: 1)
    assert len(list(tmp_path.iterdir())) <= 3, "only the batches a worker had already taken are read"
