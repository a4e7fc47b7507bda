"""Per-file facts cached on disk between runs: same output, corrupt entries survived, nothing executed."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from domain_atlas.adapters.composition import analyse_service, file_cache, model_json
from domain_atlas.discovery.cache_files import cache_folder
from domain_atlas.discovery.disk_cache import DiskCache
from domain_atlas.discovery.fact_codec import Codec, CodecError, encode
from domain_atlas.discovery.loader import ModuleFacts
from domain_atlas.discovery.syntax import ParseOutcome
from domain_atlas.model import ServiceSpec
from tests.helpers import REPO_ROOT, mkdocs_build, write_site

EXAMPLE = REPO_ROOT / "examples" / "billing-platform" / "src"


def export(*arguments: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "domain_atlas.adapters.cli", "export", str(EXAMPLE), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    return done.stdout


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("??/*.json"))


def test_export_is_byte_identical_cold_warm_and_uncached(tmp_path: Path):
    uncached = export("--no-cache", cwd=tmp_path)
    assert not (tmp_path / ".domain_atlas_cache").exists()
    cold = export(cwd=tmp_path)
    folder = tmp_path / ".domain_atlas_cache"
    written = entries(folder)
    assert written, "the default cache folder is .domain_atlas_cache in the working directory"
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    stamps = {path: path.stat().st_mtime_ns for path in written}
    warm = export(cwd=tmp_path)
    assert uncached == cold == warm
    assert {path: path.stat().st_mtime_ns for path in entries(folder)} == stamps, "a warm run rewrites nothing"


def test_cache_dir_flag_and_environment_variable(tmp_path: Path):
    export("--cache-dir", "flagged", cwd=tmp_path)
    assert entries(tmp_path / "flagged")
    export(cwd=tmp_path, env={"DOMAIN_ATLAS_CACHE_DIR": str(tmp_path / "from-env")})
    assert entries(tmp_path / "from-env")
    assert not (tmp_path / ".domain_atlas_cache").exists()


def spec() -> ServiceSpec:
    return ServiceSpec("Billing", (EXAMPLE,), base=REPO_ROOT)


def test_corrupt_truncated_and_foreign_entries_are_ignored_and_rewritten(tmp_path: Path):
    expected = model_json([analyse_service(spec(), file_cache(tmp_path))])
    paths = entries(tmp_path)
    other_key = json.loads(paths[3].read_text())["key"]
    paths[0].write_bytes(paths[0].read_bytes()[:40])  # truncated
    paths[1].write_text(json.dumps({"key": paths[1].stem, "facts": [1, 2, 3]}))  # wrong shape
    paths[2].write_bytes(pickle.dumps(("os.system", "touch pwned")))  # not JSON at all
    paths[4].write_text(json.dumps({"key": other_key, "facts": json.loads(paths[3].read_text())["facts"]}))
    cache = file_cache(tmp_path)
    assert model_json([analyse_service(spec(), cache)]) == expected
    assert cache.misses == 4 and cache.disk_hits == len(paths) - 4
    for path in paths[:3]:
        assert json.loads(path.read_text())["key"] == path.stem, "a bad entry is rewritten"


def test_facts_change_with_the_file_content(tmp_path: Path):
    source = tmp_path / "src"
    (source / "shop").mkdir(parents=True)
    (source / "shop" / "__init__.py").write_text("")
    module = source / "shop" / "orders.py"
    module.write_text("class Order:\n    pass\n")
    service_spec = ServiceSpec("Shop", (source,), ("shop",), base=tmp_path)
    first = analyse_service(service_spec, file_cache(tmp_path / "cache"))
    module.write_text("import shop\n\n\nclass Invoice:\n    pass\n")
    second = analyse_service(service_spec, file_cache(tmp_path / "cache"))
    assert [m.lines for m in first.modules] != [m.lines for m in second.modules]
    assert any(edge.source == "shop.orders" for edge in second.imports)


def test_an_unwritable_cache_folder_costs_speed_not_the_build(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = file_cache(blocker / "cache")
    expected = model_json([analyse_service(spec(), file_cache(enabled=False))])
    assert model_json([analyse_service(spec(), cache)]) == expected
    assert cache.disk is not None and cache.disk.errors


def test_prune_keeps_the_folder_bounded_and_spares_entries_in_use(tmp_path: Path):
    codec = Codec(ModuleFacts)
    old = DiskCache(tmp_path, codec, "salt", max_entries=10)
    sample = ModuleFacts("digest", ParseOutcome.PARSED, (), None, (), 3)
    for index in range(30):
        old.put(old.key(str(index)), sample)
    fresh = DiskCache(tmp_path, codec, "salt", max_entries=10)
    assert fresh.get(fresh.key("0")) == sample
    fresh.put(fresh.key("new"), sample)
    fresh.prune()
    left = {path.stem for path in entries(tmp_path)}
    assert len(left) <= 10
    assert {fresh.key("0"), fresh.key("new")} <= left


def test_codec_round_trips_real_facts_and_rejects_wrong_types(tmp_path: Path):
    cache = file_cache(tmp_path)
    analyse_service(spec(), cache)
    codec = Codec(ModuleFacts)
    some = [json.loads(path.read_text())["facts"] for path in entries(tmp_path)]
    assert all(encode(codec.decode(value)) == value for value in some)
    broken = json.loads(json.dumps(some[0]))
    broken[5] = "12"  # `lines` must be an int
    with pytest.raises(CodecError):
        codec.decode(broken)


def _wrong(value: object) -> object:
    """A value of another JSON type than `value`'s (a bool's is an int: JSON tells them apart)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return 12
    if isinstance(value, int):
        return str(value)
    return "not a list"


def _leaves(value: object, path: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    if isinstance(value, list):
        return [path, *(leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index)))]
    return [] if value is None else [path]


def test_every_value_of_the_wrong_type_anywhere_in_an_entry_is_rejected(tmp_path: Path):
    analyse_service(spec(), file_cache(tmp_path))
    codec = Codec(ModuleFacts)
    documents = [json.loads(path.read_text())["facts"] for path in entries(tmp_path)]
    richest = max(documents, key=lambda document: len(_leaves(document)))
    places = _leaves(richest)[1:]
    assert len(places) > 100
    for place in places:
        broken = json.loads(json.dumps(richest))
        holder = broken
        for index in place[:-1]:
            holder = holder[index]
        holder[place[-1]] = _wrong(holder[place[-1]])
        with pytest.raises(CodecError):
            codec.decode(broken)
    assert encode(codec.decode(richest)) == richest


def test_default_folder_is_in_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOMAIN_ATLAS_CACHE_DIR", raising=False)
    assert cache_folder(None) == tmp_path / ".domain_atlas_cache"
    monkeypatch.setenv("DOMAIN_ATLAS_CACHE_DIR", "elsewhere")
    assert cache_folder(None) == tmp_path / "elsewhere"
    assert cache_folder(tmp_path / "given") == tmp_path / "given"


def test_the_plugin_uses_the_same_cache_and_can_turn_it_off(tmp_path: Path):
    services = [{"name": "Billing", "source": str(EXAMPLE), "fail_on": "never"}]
    site = write_site(tmp_path / "wiki", {"services": services, "cache_dir": str(tmp_path / "shared")})
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert entries(tmp_path / "shared")
    cli_cache = tmp_path / "cli"
    export("--cache-dir", str(cli_cache), cwd=tmp_path / "wiki")
    assert {p.name for p in entries(cli_cache)} == {p.name for p in entries(tmp_path / "shared")}, "one key scheme"

    off = write_site(tmp_path / "off", {"services": services, "cache": False})
    built = mkdocs_build(off, tmp_path / "out-off")
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "off" / ".domain_atlas_cache").exists()
    default = write_site(tmp_path / "default", {"services": services})
    assert mkdocs_build(default, tmp_path / "out-default").returncode == 0
    assert entries(tmp_path / "default" / ".domain_atlas_cache"), "default: .domain_atlas_cache in the working dir"


def test_concurrent_runs_share_a_cache_folder_safely(tmp_path: Path):
    command = [sys.executable, "-m", "domain_atlas.adapters.cli", "export", str(EXAMPLE), "--cache-dir", "shared"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = {process.communicate(timeout=300)[0] for process in runs}
    assert all(process.returncode == 0 for process in runs)
    assert len(outputs) == 1
    assert outputs == {export("--no-cache", cwd=tmp_path).encode()}
    assert not list((tmp_path / "shared").glob("??/.tmp-*")), "no temporary file is left behind"
    assert all(json.loads(path.read_text())["key"] == path.stem for path in entries(tmp_path / "shared"))


def test_a_cache_folder_deleted_between_builds_is_made_again(tmp_path: Path):
    cache = DiskCache(tmp_path / "cache", Codec(ModuleFacts), "salt")
    sample = ModuleFacts("digest", ParseOutcome.PARSED, (), None, (), 3)
    cache.put(cache.key("a"), sample)
    shutil.rmtree(tmp_path / "cache")
    cache.put(cache.key("a"), sample)
    assert cache.get(cache.key("a")) == sample and not cache.errors


def test_serve_does_not_write_a_cache_inside_a_folder_it_watches(tmp_path: Path):
    from domain_atlas.adapters.mkdocs_plugin import DomainAtlasPlugin

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    plugin = DomainAtlasPlugin()
    plugin.specs = [ServiceSpec("Inside", (tmp_path,), base=tmp_path)]
    plugin.cache = file_cache(tmp_path / ".domain_atlas_cache")
    plugin.on_serve(Server(), config=None, builder=None)  # type: ignore[arg-type]
    assert plugin.cache.disk is None and not plugin.disk_while_serving

    outside = DomainAtlasPlugin()
    outside.specs = [ServiceSpec("Outside", (tmp_path / "src",), base=tmp_path)]
    outside.cache = file_cache(tmp_path / ".domain_atlas_cache")
    outside.on_serve(Server(), config=None, builder=None)  # type: ignore[arg-type]
    assert outside.cache.disk is not None


def test_the_command_says_when_its_cache_cannot_be_written(tmp_path: Path):
    (tmp_path / "file").write_text("not a folder")
    done = subprocess.run(
        [sys.executable, "-m", "domain_atlas.adapters.cli", "export", str(EXAMPLE), "--cache-dir", "file/cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0
    assert "not writable" in done.stderr
    assert done.stdout == export("--no-cache", cwd=tmp_path)
