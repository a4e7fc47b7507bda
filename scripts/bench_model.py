"""Times Domain Atlas against the cost of parsing and against other static tools, side by side in one run.

On one large real package (its sdist downloaded with pip into .bench/, PyPI only; read, never imported):
`domain-atlas export` cold (empty disk cache), warm (a new process over that cache: the whole result replayed),
uncached, checked byte-identical, and after one file was edited (only the per-file facts help); `ast.parse` of
every file on 2 processes (the floor); grimp's import graph; griffe's own load; pydeps; import-linter's
`lint-imports` with one layers contract; a full `mkdocs build` of a wiki over the package; the `mkdocs serve`
model rebuild after one saved file. Then a generated DDD-shaped tree at growing sizes, to show how the cost grows
(seconds per 1,000 files). Every measurement runs in its own
process, whose peak memory (max RSS) is reported too.

    scripts/bench                                   # Django 5.2.8, then the generated tree at 1x, 4x, 16x
    scripts/bench --scales 1,4 --skip mkdocs        # quicker
    scripts/bench --src ../old-checkout/src         # the same table for another checkout (before/after)
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def fetch(requirement: str, work: Path) -> tuple[Path, str]:
    name = requirement.split("==")[0]
    work.mkdir(parents=True, exist_ok=True)
    archives = sorted(work.glob(f"{name}-*.tar.gz")) or sorted(work.glob(f"{name.lower()}-*.tar.gz"))
    if not archives:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*command, "-d", str(work), requirement], check=True)
        archives = sorted(work.glob("*.tar.gz"))
    archive = archives[-1]
    target = work / archive.name.removesuffix(".tar.gz")
    if not target.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
    return target, name.lower()


# --- measurements that run inside a child process (`--child NAME ROOT PACKAGE`) --------------------------


def _parse(path: Path) -> int:
    with contextlib.suppress(SyntaxError, ValueError):
        ast.parse(path.read_bytes(), filename=str(path))
    return 1


def child_parse(root: Path, package: str) -> None:
    files = sorted((root / package).rglob("*.py"))
    with Pool(2) as pool:
        pool.map(_parse, files[:4])  # workers started before the clock, as the floor should be
        start = time.perf_counter()
        pool.map(_parse, files, chunksize=16)
    print(time.perf_counter() - start)


def child_grimp(root: Path, package: str) -> None:
    import grimp

    sys.path.insert(0, str(root))
    start = time.perf_counter()
    grimp.build_graph(package, cache_dir=None)
    print(time.perf_counter() - start)


def child_griffe(root: Path, package: str) -> None:
    import griffe

    start = time.perf_counter()
    griffe.load(package, search_paths=[str(root)], allow_inspection=False, resolve_aliases=False)
    print(time.perf_counter() - start)


def child_rebuild(root: Path, package: str) -> None:
    """The model rebuild `mkdocs serve` runs after one saved file (the in-memory cache kept)."""
    from domain_atlas.adapters.composition import FileCache, analyse_service
    from domain_atlas.model import ServiceSpec

    spec = ServiceSpec(package, (root,), (package,), base=root)
    cache = FileCache()  # memory only, as `mkdocs serve` keeps it
    analyse_service(spec, cache)
    changed = max((root / package).rglob("*.py"), key=lambda path: path.stat().st_size)
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\n# edited by scripts/bench\n")
        start = time.perf_counter()
        analyse_service(spec, cache)
        print(time.perf_counter() - start)
    finally:
        changed.write_bytes(original)


CHILDREN: dict[str, Callable[[Path, str], None]] = {
    "parse": child_parse,
    "grimp": child_grimp,
    "griffe": child_griffe,
    "rebuild": child_rebuild,
}


# --- the parent: runs each measurement as its own process -------------------------------------------------


class Run:
    def __init__(self, seconds: float, cpu: float, peak_mib: float) -> None:
        self.seconds, self.cpu, self.peak_mib = seconds, cpu, peak_mib


def run(command: Sequence[str], cwd: Path, env: dict[str, str], timeout: float = 1800, check: bool = True) -> Run:
    """Wall time and peak memory of one process; a child that prints a number reports its own time."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text = out.read().decode(errors="replace")
        if check and process.returncode != 0:
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{message}")
    with contextlib.suppress(ValueError, IndexError):
        seconds = float(text.strip().splitlines()[-1])
    # CPU time counts the process and the workers it waited for: under a busy machine it moves less than wall time.
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


class Bench:
    def __init__(self, src: Path, repeat: int, bytecode: bool = True) -> None:
        self.src = src
        self.repeat = repeat
        self.env = {**os.environ, "PYTHONPATH": str(src), "NO_MKDOCS_2_WARNING": "1"}
        self.env.pop("DOMAIN_ATLAS_CACHE_DIR", None)
        self.bytecode = bytecode
        if bytecode:
            # Measured as installed: pip compiles a package's modules when it installs it (as it did every library
            # measured here), so no run compiles Domain Atlas's own ~100 modules first. A source checkout run with
            # PYTHONDONTWRITEBYTECODE set (as on some CI images) does, on every run: `--no-bytecode` measures that.
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=self.env, check=True)
        else:
            self.env["PYTHONDONTWRITEBYTECODE"] = "1"
            for compiled in src.rglob("__pycache__"):
                shutil.rmtree(compiled)
        help_text = subprocess.run(
            [sys.executable, "-m", "domain_atlas.adapters.cli", "export", "--help"],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.has_cache = "--cache-dir" in help_text

    def best(self, command: Sequence[str], cwd: Path, prepare: Callable[[], None] | None = None) -> Run:
        runs = []
        for _ in range(self.repeat):
            if prepare:
                prepare()
            runs.append(run(command, cwd, self.env))
        return min(runs, key=lambda found: found.seconds)

    def child(self, name: str, root: Path, package: str) -> Run:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(root), package]
        return self.best(command, root)

    def export(self, root: Path, package: str, work: Path) -> dict[str, Run]:
        """Cold (empty cache), warm (new process, same cache) and uncached exports, checked byte-identical."""
        cache = work / "cache"
        base = [sys.executable, "-m", "domain_atlas.adapters.cli", "export", str(root), "--package", package]
        flags = ["--cache-dir", str(cache)] if self.has_cache else []
        found = {
            "export, cold": self.best([*base, *flags, "-o", str(work / "cold.json")], work, lambda: _remove(cache)),
            "export, warm (new process)": self.best([*base, *flags, "-o", str(work / "warm.json")], work),
        }
        if self.has_cache:
            found["export, --no-cache"] = self.best([*base, "--no-cache", "-o", str(work / "none.json")], work)
        outputs = {path.read_bytes() for path in work.glob("*.json")}
        if len(outputs) != 1:
            raise SystemExit("exports differ between cold, warm and uncached runs")
        if self.has_cache:
            # The pre-commit case: one file edited since the last run, so only the per-file facts can help.
            changed = max((root / package).rglob("*.py"), key=lambda path: path.stat().st_size)
            original = changed.read_bytes()
            runs = []
            try:
                for attempt in range(self.repeat):
                    changed.write_bytes(original + f"\n# edited by scripts/bench ({attempt})\n".encode())
                    runs.append(run([*base, *flags, "-o", str(work.parent / "edited.out")], work, self.env))
            finally:
                changed.write_bytes(original)
            found["export, 1 file edited (new process)"] = min(runs, key=lambda found: found.seconds)
        return found


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def mkdocs_site(root: Path, package: str, work: Path) -> Path:
    """A minimal wiki whose Architecture section documents `package`."""
    site = work / "wiki"
    (site / "docs").mkdir(parents=True, exist_ok=True)
    (site / "docs" / "index.md").write_text("# Wiki\n")
    config = {
        "site_name": "Bench wiki",
        "docs_dir": "docs",
        "plugins": [{"domain-atlas": {"services": [{"name": package, "source": str(root), "packages": [package]}]}}],
    }
    (site / "mkdocs.yml").write_text(json.dumps(config))  # JSON is YAML
    return site


def generate_ddd(target: Path, contexts: int, modules: int) -> int:
    """A DDD/hexagonal service: `contexts` bounded contexts of `modules` modules each over four layers."""
    _remove(target)
    package = target / "estate"
    kernel = package / "shared_kernel"
    kernel.mkdir(parents=True)
    (package / "__init__.py").write_text('"""A generated estate of bounded contexts."""\n')
    (kernel / "__init__.py").write_text("")
    (kernel / "building_blocks.py").write_text(
        textwrap.dedent(
            '''\
            """Base classes every context shares."""
            from dataclasses import dataclass, field
            from typing import Protocol


            class DomainEvent:
                """Something that happened."""


            @dataclass
            class AggregateRoot:
                id: str
                events: list[DomainEvent] = field(default_factory=list)


            class Repository(Protocol):
                def get(self, id: str) -> AggregateRoot: ...

                def add(self, aggregate: AggregateRoot) -> None: ...
            '''
        )
    )
    count = 3
    sizes = {"domain": 0.4, "application": 0.3, "adapters": 0.2, "entrypoints": 0.1}
    layers = {layer: max(1, int(modules * share)) for layer, share in sizes.items()}
    for c in range(contexts):
        context = package / f"context{c}"
        context.mkdir()
        (context / "__init__.py").write_text(f'"""Bounded context {c}."""\n')
        count += 1
        for layer, amount in layers.items():
            folder = context / layer
            folder.mkdir()
            (folder / "__init__.py").write_text("")
            count += 1
            for m in range(amount):
                (folder / f"m{m}.py").write_text(_module(layer, c, m, layers))
                count += 1
    return count


def _module(layer: str, context: int, index: int, layers: dict[str, int]) -> str:
    name = f"Thing{context}x{index}"
    here = f"estate.context{context}"
    domain, application, adapter = (index % layers[kind] for kind in ("domain", "application", "adapters"))
    if layer == "domain":
        return textwrap.dedent(
            f'''\
            """{name}: an aggregate with its events."""
            from __future__ import annotations

            from dataclasses import dataclass

            from estate.shared_kernel.building_blocks import AggregateRoot, DomainEvent


            @dataclass(frozen=True)
            class {name}Created(DomainEvent):
                id: str


            @dataclass(frozen=True)
            class {name}Price:
                amount: int
                currency: str


            class {name}(AggregateRoot):
                """A thing of context {context}."""

                def rename(self, name: str) -> None:
                    if not name:
                        raise ValueError("a name is needed")
                    self.name = name
                    self.events.append({name}Created(self.id))
            '''
        )
    if layer == "application":
        return textwrap.dedent(
            f'''\
            """Use cases around {name}."""
            from __future__ import annotations

            from dataclasses import dataclass
            from typing import TYPE_CHECKING

            from {here}.domain.m{domain} import Thing{context}x{domain}

            if TYPE_CHECKING:
                from estate.shared_kernel.building_blocks import Repository


            @dataclass(frozen=True)
            class Rename{name}:
                id: str
                name: str


            def handle_rename_{index}(command: Rename{name}, repository: Repository) -> None:
                thing = repository.get(command.id)
                assert isinstance(thing, Thing{context}x{domain})
                thing.rename(command.name)
            '''
        )
    if layer == "adapters":
        return textwrap.dedent(
            f'''\
            """Storage for {name}."""
            from estate.shared_kernel.building_blocks import AggregateRoot, Repository


            class InMemory{name}Repository(Repository):
                def __init__(self) -> None:
                    self._items: dict[str, AggregateRoot] = {{}}

                def get(self, id: str) -> AggregateRoot:
                    return self._items[id]

                def add(self, aggregate: AggregateRoot) -> None:
                    self._items[aggregate.id] = aggregate
            '''
        )
    return textwrap.dedent(
        f'''\
        """HTTP entry point for {name}."""
        from {here}.adapters.m{adapter} import InMemoryThing{context}x{adapter}Repository
        from {here}.application.m{application} import RenameThing{context}x{application}, handle_rename_{application}


        def rename(id: str, name: str) -> None:
            command = RenameThing{context}x{application}(id, name)
            handle_rename_{application}(command, InMemoryThing{context}x{adapter}Repository())
        '''
    )


def table(rows: list[tuple[str, Run]], floor: Run) -> str:
    lines = [f"| {'measurement':46} |  wall s | x floor |   CPU s | x floor | peak MiB |"]
    lines.append(f"|{'-' * 48}|--------:|--------:|--------:|--------:|---------:|")
    for name, found in rows:
        cells = (
            f"{found.seconds:7.2f} | {found.seconds / floor.seconds:7.2f} | {found.cpu:7.2f} | "
            f"{found.cpu / floor.cpu:7.2f} | {found.peak_mib:8.0f}"
        )
        lines.append(f"| {name:46} | {cells} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--package", default="django==5.2.8", help="sdist to download (name==version)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is kept")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="Domain Atlas source to measure")
    parser.add_argument("--scales", default="1,4,16", help="sizes of the generated tree, in units of --unit")
    parser.add_argument("--unit", default="20x25", help="contexts x modules per context of the 1x tree")
    parser.add_argument("--skip", action="append", default=[], help="skip: mkdocs, pydeps, import-linter, ddd")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="measure Domain Atlas compiling its own modules on every run"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        name, root, package = arguments.child
        CHILDREN[name](Path(root), package)
        return
    bench = Bench(arguments.src.resolve(), arguments.repeat, bytecode=not arguments.no_bytecode)
    root, package = fetch(arguments.package, ROOT / ".bench")
    files = sorted((root / package).rglob("*.py"))
    compiled = "its bytecode compiled, as installed" if bench.bytecode else "compiling its modules on every run"
    print(f"{arguments.package}: {len(files)} files; Domain Atlas from {bench.src} ({compiled}); {os.cpu_count()} CPUs")
    # The work folder (caches, outputs, generated trees) sits beside the analysed tree, as a user's
    # .domain_atlas_cache sits in their checkout (on this machine, the first 883 files created in a fresh
    # folder under a crowded /tmp once took 0.6 s of system time against 0.04 s beside the tree).
    with tempfile.TemporaryDirectory(prefix="work-", dir=ROOT / ".bench") as temporary:
        work = Path(temporary)
        rows: list[tuple[str, Run]] = []
        floor = bench.child("parse", root, package)
        rows.append(("ast.parse, 2 processes (floor)", floor))
        (work / "export").mkdir()
        rows.extend(bench.export(root, package, work / "export").items())
        rows.append(("serve: model rebuild, 1 file saved", bench.child("rebuild", root, package)))
        rows.append(("grimp build_graph", bench.child("grimp", root, package)))
        rows.append(("griffe load (static)", bench.child("griffe", root, package)))
        if "pydeps" not in arguments.skip and (BIN / "pydeps").exists():
            command = [str(BIN / "pydeps"), package, "--no-output", "--show-deps", "--max-bacon", "0", "--no-config"]
            rows.append(("pydeps (analysis only)", bench.best(command, root)))
        if "import-linter" not in arguments.skip and (BIN / "lint-imports").exists():
            config = work / "importlinter.ini"
            config.write_text(
                f"[importlinter]\nroot_package = {package}\n\n[importlinter:contract:layers]\n"
                f"name = layers\ntype = layers\nlayers =\n    {package}.contrib\n    {package}.db\n"
                f"    {package}.utils\n"
            )
            command = [str(BIN / "lint-imports"), "--config", str(config), "--no-cache"]
            # A broken contract exits 1: it is the time that is wanted here.
            runs = [run(command, root, bench.env, check=False) for _ in range(bench.repeat)]
            rows.append(("import-linter lint-imports, 1 layers contract", min(runs, key=lambda found: found.seconds)))
        if "mkdocs" not in arguments.skip:
            site = mkdocs_site(root, package, work)
            command = [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "built")]
            rows.append(("mkdocs build of a wiki over it (cold cache)", run(command, site, bench.env)))
        print(table(rows, floor))
        if "ddd" in arguments.skip:
            return
        contexts, modules = (int(part) for part in arguments.unit.split("x"))
        print(f"\ngenerated DDD tree: 1x = {contexts} contexts x {modules} modules")
        print(
            "| scale |  files |  floor s |   cold s |   warm s | cold s/1000 files | warm s/1000 files "
            "| cold x floor | rebuild s | peak MiB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for scale in (int(part) for part in arguments.scales.split(",")):
            tree = work / f"ddd{scale}"
            count = generate_ddd(tree, contexts * scale, modules)
            floor_run = bench.child("parse", tree, "estate")
            (work / f"ddd{scale}-export").mkdir()
            found = bench.export(tree, "estate", work / f"ddd{scale}-export")
            cold, warm = found["export, cold"], found["export, warm (new process)"]
            rebuild = bench.child("rebuild", tree, "estate").seconds
            print(
                f"| {scale:>4}x | {count:>6} | {floor_run.seconds:8.2f} | {cold.seconds:8.2f} | {warm.seconds:8.2f} | "
                f"{cold.seconds / count * 1000:17.2f} | {warm.seconds / count * 1000:17.2f} | "
                f"{cold.seconds / floor_run.seconds:12.2f} | {rebuild:9.2f} | {cold.peak_mib:8.0f} |"
            )


if __name__ == "__main__":
    main()
