"""Per-file facts cached on disk between runs: same output, corrupt entries survived, nothing executed."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from domain_atlas.adapters.composition import analyse_service, file_cache, model_json
from domain_atlas.discovery import disk_cache
from domain_atlas.discovery.cache_files import MARKERS, cache_folder
from domain_atlas.discovery.disk_cache import DATABASE, DiskCache
from domain_atlas.discovery.fact_codec import Codec, CodecError, encode
from domain_atlas.discovery.loader import ModuleFacts
from domain_atlas.discovery.syntax import ParseOutcome
from domain_atlas.model import Diagnostic, Level, ServiceSpec
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


def stored(folder: Path) -> dict[str, tuple[bytes, int]]:
    """(value, stamp) of each entry in the folder's database, read apart from the code under test."""
    if not (folder / DATABASE).is_file():
        return {}
    with contextlib.closing(sqlite3.connect(f"file:{folder / DATABASE}?mode=ro", uri=True)) as connection:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'facts'").fetchone():
            return {}  # made by a writer that has not created its table yet (seen on a busy machine)
        return {key: (value, stamp) for key, value, stamp in connection.execute("SELECT key, value, stamp FROM facts")}


def entries(folder: Path) -> list[str]:
    """The keys of the entries stored in the folder."""
    return sorted(stored(folder))


def facts_of(folder: Path) -> list[object]:
    """The encoded facts of every entry, each checked to record its own key."""
    documents = {key: orjson.loads(value) for key, (value, _) in stored(folder).items()}
    assert all(document["key"] == key for key, document in documents.items())
    return [document["facts"] for _, document in sorted(documents.items())]


def tamper(folder: Path, statement: str, *parameters: object) -> None:
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as connection, connection:
        connection.execute(statement, parameters)


def test_export_is_byte_identical_cold_warm_and_uncached(tmp_path: Path):
    uncached = export("--no-cache", cwd=tmp_path)
    assert not (tmp_path / ".domain_atlas_cache").exists()
    cold = export(cwd=tmp_path)
    folder = tmp_path / ".domain_atlas_cache"
    written = stored(folder)
    assert written, "the default cache folder is .domain_atlas_cache in the working directory"
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    assert (folder / "CACHEDIR.TAG").read_text() == MARKERS["CACHEDIR.TAG"]
    warm = export(cwd=tmp_path)  # the whole run replayed
    shutil.rmtree(folder / "runs")
    from_facts = export(cwd=tmp_path)  # the model rebuilt from the cached facts of every file
    assert uncached == cold == warm == from_facts
    assert stored(folder) == written, "a warm run rewrites nothing"


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
    keys = entries(tmp_path)
    values = {key: value for key, (value, _) in stored(tmp_path).items()}
    damaged = keys[:5]
    tamper(tmp_path, "UPDATE facts SET value = ? WHERE key = ?", values[keys[0]][:40], keys[0])  # truncated
    wrong_shape = orjson.dumps({"key": keys[1], "facts": [1, 2, 3]})
    tamper(tmp_path, "UPDATE facts SET value = ? WHERE key = ?", wrong_shape, keys[1])
    planted = pickle.dumps(("os.system", "touch pwned"))  # not JSON at all: never unpickled
    tamper(tmp_path, "UPDATE facts SET value = ? WHERE key = ?", planted, keys[2])
    tamper(tmp_path, "UPDATE facts SET value = ? WHERE key = ?", values[keys[5]], keys[3])  # another key's entry
    as_text = values[keys[4]].decode()  # whole and right, but SQLite let another type into the column
    tamper(tmp_path, "UPDATE facts SET value = ? WHERE key = ?", as_text, keys[4])
    cache = file_cache(tmp_path)
    assert model_json([analyse_service(spec(), cache)]) == expected
    assert cache.misses == len(damaged) and cache.disk_hits == len(keys) - len(damaged)
    assert cache.disk is not None and not cache.disk.errors
    assert {key: value for key, (value, _) in stored(tmp_path).items()} == values, "each bad entry is rewritten"


@pytest.mark.parametrize("damage", ["not a database", "truncated", "empty", "another schema"])
def test_a_damaged_database_is_replaced_without_a_word(tmp_path: Path, damage: str):
    expected = model_json([analyse_service(spec(), file_cache(tmp_path))])
    database = tmp_path / DATABASE
    count = len(entries(tmp_path))
    disk_cache.close_connections()  # the next run is another process
    if damage == "not a database":
        database.write_bytes(pickle.dumps(("os.system", "touch pwned")) * 500)
    elif damage == "truncated":
        database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    elif damage == "empty":
        database.write_bytes(b"")
    else:
        tamper(tmp_path, "DROP TABLE facts")
        tamper(tmp_path, "CREATE TABLE facts (key TEXT PRIMARY KEY, facts TEXT)")
        tamper(tmp_path, "INSERT INTO facts VALUES ('a', 'b')")
    cache = file_cache(tmp_path)
    assert model_json([analyse_service(spec(), cache)]) == expected
    assert cache.disk is not None and not cache.disk.errors
    assert len(entries(tmp_path)) == count, "the facts are written again"
    warm = file_cache(tmp_path)
    assert model_json([analyse_service(spec(), warm)]) == expected
    assert warm.misses == 0 and warm.disk_hits == count


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
    assert fresh.prune() == 0, "a run that wrote nothing prunes nothing"
    fresh.put(fresh.key("new"), sample)
    fresh.prune()
    left = set(entries(tmp_path))
    assert len(left) <= 10
    assert {fresh.key("0"), fresh.key("new")} <= left, "entries this run used are spared"
    assert {fresh.key(str(index)) for index in range(23, 30)} <= left, "the most recently written are kept"
    again = DiskCache(tmp_path, codec, "salt", max_entries=10)
    again.put(again.key("0"), sample)
    assert again.prune() == 0 and set(entries(tmp_path)) == left, "within bounds: nothing is deleted"
    busy = DiskCache(tmp_path / "busy", codec, "salt", max_entries=10)
    for index in range(30):
        busy.put(busy.key(str(index)), sample)
    assert busy.prune() == 0 and len(entries(tmp_path / "busy")) == 30, "entries in use are never deleted"


def test_codec_round_trips_real_facts_and_rejects_wrong_types(tmp_path: Path):
    cache = file_cache(tmp_path)
    analyse_service(spec(), cache)
    codec = Codec(ModuleFacts)
    some = facts_of(tmp_path)
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
    documents = facts_of(tmp_path)
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


def test_text_and_numbers_orjson_refuses_still_round_trip(tmp_path: Path):
    """A file name that is not UTF-8 reaches the facts as a lone surrogate, which orjson refuses to write."""
    cache = DiskCache(tmp_path, Codec(ModuleFacts), "salt")
    warning = Diagnostic("shop/caf\udce9.py", 1, Level.WARNING, "odd name \udce9")
    sample = ModuleFacts("digest", ParseOutcome.PARSED, (), None, (warning,), 2**70)
    cache.put(cache.key("odd"), sample)
    assert DiskCache(tmp_path, Codec(ModuleFacts), "salt").get(cache.key("odd")) == sample and not cache.errors


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
    assert entries(cli_cache) == entries(tmp_path / "shared"), "one key scheme"

    off = write_site(tmp_path / "off", {"services": services, "cache": False})
    built = mkdocs_build(off, tmp_path / "out-off")
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "off" / ".domain_atlas_cache").exists()
    default = write_site(tmp_path / "default", {"services": services})
    assert mkdocs_build(default, tmp_path / "out-default").returncode == 0
    assert entries(tmp_path / "default" / ".domain_atlas_cache"), "default: .domain_atlas_cache in the working dir"


def test_a_cache_folder_deleted_between_builds_is_made_again(tmp_path: Path):
    cache = DiskCache(tmp_path / "cache", Codec(ModuleFacts), "salt")
    sample = ModuleFacts("digest", ParseOutcome.PARSED, (), None, (), 3)
    cache.put(cache.key("a"), sample)
    shutil.rmtree(tmp_path / "cache")
    assert cache.get(cache.key("a")) is None
    cache.put(cache.key("a"), sample)
    assert cache.get(cache.key("a")) == sample and not cache.errors
    assert set(MARKERS) <= {path.name for path in (tmp_path / "cache").iterdir()}
    assert entries(tmp_path / "cache") == [cache.key("a")], "written where the next run looks"


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
