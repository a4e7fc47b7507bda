"""Times the model build of a large real package against, in the same run and on the same tree:
`ast.parse` of every file with 2 processes (the floor), grimp's import graph, and pydeps' analysis.
The package's sdist is downloaded with pip into .bench/ (PyPI only) and read, never imported."""

from __future__ import annotations

import argparse
import ast
import contextlib
import subprocess
import sys
import tarfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from domain_atlas.adapters.composition import FileCache, analyse_service  # noqa: E402
from domain_atlas.model import ServiceSpec  # noqa: E402


def fetch(requirement: str, work: Path) -> tuple[Path, str]:
    name = requirement.split("==")[0]
    work.mkdir(parents=True, exist_ok=True)
    archives = sorted(work.glob(f"{name}-*.tar.gz")) or sorted(work.glob(f"{name.lower()}-*.tar.gz"))
    if not archives:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(work),
                requirement,
            ],
            check=True,
        )
        archives = sorted(work.glob("*.tar.gz"))
    archive = archives[-1]
    target = work / archive.name.removesuffix(".tar.gz")
    if not target.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
    return target, name.lower()


def parse(path: Path) -> int:
    with contextlib.suppress(SyntaxError, ValueError):
        ast.parse(path.read_bytes(), filename=str(path))
    return 1


def best(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package", default="django==5.2.8", help="sdist to download (name==version)")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    root, package = fetch(arguments.package, ROOT / ".bench")
    files = sorted((root / package).rglob("*.py"))
    print(f"{arguments.package}: {len(files)} files under {root.relative_to(ROOT)}")
    spec = ServiceSpec(package, (root,), (package,), base=ROOT)

    results: dict[str, float] = {}
    results["domain-atlas model (cold)"], service = best(lambda: analyse_service(spec, FileCache()), arguments.repeat)
    with Pool(2) as pool:
        results["ast.parse, 2 processes"], _ = best(lambda: sum(pool.map(parse, files, chunksize=16)), arguments.repeat)

    cache = FileCache()
    analyse_service(spec, cache)
    changed = root / package / "db" / "models" / "query.py"
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\n# edited by scripts/bench\n")
        results["domain-atlas rebuild, 1 file saved"], _ = best(lambda: analyse_service(spec, cache), 1)
    finally:
        changed.write_bytes(original)

    try:
        import grimp

        sys.path.insert(0, str(root))
        results["grimp build_graph"], _ = best(lambda: grimp.build_graph(package, cache_dir=None), arguments.repeat)
    except ImportError:
        print("grimp not installed: pip install -e '.[bench]'")
    pydeps = Path(sys.executable).parent / "pydeps"
    if pydeps.exists():
        command = [str(pydeps), package, "--no-output", "--show-deps", "--max-bacon", "0", "--no-config"]
        results["pydeps (analysis only)"], _ = best(
            lambda: subprocess.run(command, cwd=root, capture_output=True, check=False), 1
        )

    model = results["domain-atlas model (cold)"]
    print(
        f"model: {len(service.modules)} modules, {len(service.imports)} import edges, "
        f"{len(service.contexts)} contexts, {len(service.diagnostics)} diagnostics"
    )
    print(f"{'measurement':40} {'best s':>8} {'model / this':>13}")
    for name, seconds in results.items():
        print(f"{name:40} {seconds:8.2f} {model / seconds:13.2f}")


if __name__ == "__main__":
    main()
