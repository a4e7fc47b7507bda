"""Times a federated wiki: N generated services, each exported on its own (as each repository's CI would), then one
`mkdocs build` reading only the exported models; the same wiki built from the services' source is timed beside it.

Every service has three bounded contexts; each handles an event of the previous service (by class and by type
string) and sends a command to the next, so the landscape has edges to draw.

    .venv/bin/python scripts/bench_federation.py --services 20   # works in .bench/federation
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

CONTEXTS = ("sales", "stock", "billing")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _context(root: Path, service: int, context: str, count: int) -> None:
    package = f"svc{service:02d}.{context}"
    base = root / f"svc{service:02d}" / context
    previous, following = (service - 1) % count, (service + 1) % count
    for folder in ("", "domain", "application", "adapters"):
        _write(base / folder / "__init__.py", "")
    _write(
        base / "domain" / "events.py",
        "from dataclasses import dataclass\n\n\n"
        f"@dataclass(frozen=True)\nclass {context.title()}Opened:\n    item_id: str\n"
        f'    event_type = "svc{service:02d}.{context}.opened"\n\n\n'
        f"@dataclass(frozen=True)\nclass {context.title()}Closed:\n    item_id: str\n",
    )
    _write(
        base / "domain" / "model.py",
        f"from {package}.domain.events import {context.title()}Closed, {context.title()}Opened\n\n\n"
        f"class {context.title()}Item:\n    def __init__(self, item_id: str) -> None:\n"
        "        self.item_id = item_id\n        self.events: list[object] = []\n\n"
        f"    def open(self) -> None:\n        self.events.append({context.title()}Opened(self.item_id))\n\n"
        f"    def close(self) -> None:\n        self.events.append({context.title()}Closed(self.item_id))\n",
    )
    _write(
        base / "domain" / "ports.py",
        "from abc import ABC, abstractmethod\n\n"
        f"from {package}.domain.model import {context.title()}Item\n\n\n"
        f"class {context.title()}Repository(ABC):\n    @abstractmethod\n"
        f"    def get(self, item_id: str) -> {context.title()}Item: ...\n",
    )
    _write(
        base / "application" / "commands.py",
        f"from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Open{context.title()}Command:\n"
        "    item_id: str\n",
    )
    _write(
        base / "application" / "handlers.py",
        f"from svc{previous:02d}.{context}.domain.events import {context.title()}Closed\n"
        f"from svc{following:02d}.{context}.application.commands import Open{context.title()}Command as Remote\n"
        f"from {package}.application.commands import Open{context.title()}Command\n"
        f"from {package}.domain.ports import {context.title()}Repository\n\n\n"
        f"def open_item(command: Open{context.title()}Command, items: {context.title()}Repository) -> None:\n"
        "    items.get(command.item_id).open()\n\n\n"
        f"def when_closed_upstream(event: {context.title()}Closed, bus: object) -> None:\n"
        "    bus.handle(Remote(event.item_id))\n\n\n"
        "def on_opened_upstream(payload: dict[str, str]) -> None:\n    print(payload)\n\n\n"
        f"COMMAND_HANDLERS = {{Open{context.title()}Command: open_item}}\n"
        f'EVENT_HANDLERS = {{"svc{previous:02d}.{context}.opened": [on_opened_upstream]}}\n',
    )
    _write(
        base / "adapters" / "repository.py",
        f"from {package}.domain.model import {context.title()}Item\n"
        f"from {package}.domain.ports import {context.title()}Repository\n\n\n"
        f"class InMemory{context.title()}Repository({context.title()}Repository):\n"
        f"    def get(self, item_id: str) -> {context.title()}Item:\n        return {context.title()}Item(item_id)\n",
    )


def generate(source: Path, count: int) -> None:
    for service in range(count):
        _write(source / f"svc{service:02d}" / "__init__.py", "")
        for context in CONTEXTS:
            _context(source, service, context, count)


def _site(root: Path, services: list[str]) -> Path:
    _write(root / "docs" / "index.md", "# Wiki\n")
    lines = ["site_name: Federated wiki", "theme: {name: material, font: false}", "plugins:", "  - search"]
    lines += ["  - domain-atlas:", "      fail_on: never", "      services:"]
    lines += [f"        - {entry}" for entry in services]
    _write(root / "mkdocs.yml", "\n".join(lines) + "\n")
    return root / "mkdocs.yml"


def _timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path(".bench/federation"))
    arguments = parser.parse_args()
    work: Path = arguments.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    source = work / "src"
    generate(source, arguments.services)
    bin_dir = Path(sys.executable).parent
    names = [f"svc{index:02d}" for index in range(arguments.services)]
    models = work / "wiki-from-models"
    models.mkdir(parents=True)
    export_seconds = sum(
        _timed(
            [
                str(bin_dir / "domain-atlas"),
                "export",
                str(source),
                "--package",
                name,
                "-o",
                str(models / f"{name}.json"),
            ],
            work,
        )
        for name in names
    )
    from_models = _site(models, [f"{{name: {name}, model: {name}.json}}" for name in names])
    from_source = _site(
        work / "wiki-from-source", [f"{{name: {name}, source: ../src, packages: [{name}]}}" for name in names]
    )
    mkdocs = [str(bin_dir / "mkdocs"), "build", "--strict", "-q"]
    model_build = [_timed([*mkdocs, "-f", str(from_models), "-d", str(models / "site")], models) for _ in range(2)]
    source_build = [_timed([*mkdocs, "-f", str(from_source), "-d", str(work / "source-site")], work) for _ in range(2)]
    pages = len(list((models / "site" / "architecture").rglob("*.html")))
    index = (models / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    print(f"{arguments.services} services, {len(CONTEXTS)} contexts each; {pages} architecture pages")
    print(
        f"export, one CLI run per service: {export_seconds:.1f} s in total ({export_seconds / len(names):.2f} s each)"
    )
    for label, runs in (("from the exported models", model_build), ("from source", source_build)):
        print(f"mkdocs build {label}: {min(runs):.1f} s (runs: {', '.join(f'{run:.1f}' for run in runs)})")
    edges = index.count('class="edge da-edge da-crossing')
    print(f"landscape edges drawn: {edges}")


if __name__ == "__main__":
    main()
