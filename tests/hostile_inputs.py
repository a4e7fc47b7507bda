"""A generator of hostile inputs: small projects (code, ADRs, settings) that once broke or harmed a build.

Each `Case` writes one MkDocs project into a folder: a tiny valid service `shop` under `src/`, then the one
hostile thing. The same project is read by the MkDocs plugin and by the `domain-atlas` CLI. Run this file to
print how every case ends (`python -m tests.hostile_inputs`); the tests in test_hostile_*.py assert it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SHOP = {
    "shop/__init__.py": '"""The shop."""\n',
    "shop/domain/__init__.py": "",
    "shop/domain/model.py": 'class Order:\n    """Aggregate root."""\n\n    def place(self) -> None:\n        pass\n',
    "shop/adapters/__init__.py": "",
    "shop/adapters/repository.py": "from shop.domain.model import Order\n\n\nclass SqlOrders:\n    pass\n",
}


@dataclass
class Project:
    """What a case wrote: the folder, the plugin settings, extra CLI arguments."""

    root: Path
    plugin: dict[str, Any] = field(default_factory=dict)
    top: dict[str, Any] = field(default_factory=dict)  # other mkdocs.yml keys
    cli: list[str] = field(default_factory=list)  # starting with "--no-config": run without --config
    pages: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    command: str = "export"  # the CLI command that shows the case: export, or check
    tagged: dict[str, str] = field(default_factory=dict)  # plugin option -> YAML written as is (e.g. !ENV)

    @property
    def package(self) -> Path:
        return self.root / "src" / "shop"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / "src" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Project], None]
    kind: str = "code"  # code | adr | settings


def _service(**extra: Any) -> dict[str, Any]:
    return {"name": "Shop", "source": "src", "packages": ["shop"], **extra}


def write_project(root: Path, case: Case) -> Project:
    project = Project(root, plugin={"services": [_service()], "fail_on": "never"})
    (root / ".git").mkdir(parents=True, exist_ok=True)  # a repository: paths are shown from its root (src/...)
    for relative, text in SHOP.items():
        project.write(relative, text)
    case.make(project)
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in {"index.md": "# Home\n", **project.pages}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "Hostile",
        "theme": {"name": "material", "font": False},
        **project.top,
        "plugins": [{"domain-atlas": project.plugin}],
    }
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    for option, tagged in project.tagged.items():
        text += f"    {option}: {tagged}\n"
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project


# --- analysed code ---------------------------------------------------------------------------------------------


def _deep_expression(p: Project) -> None:
    p.write("shop/domain/deep.py", "class Total:\n    pass\n\n\nX = " + " + ".join(["1"] * 1500) + "\n")


def _very_deep_expression(p: Project) -> None:
    p.write("shop/domain/deep.py", "class Total:\n    pass\n\n\nX = " + " + ".join(["1"] * 3000) + "\n")


def _lone_surrogate(p: Project) -> None:
    p.write("shop/__init__.py", '"""The \\ud800 shop."""\n')
    p.write("shop/domain/model.py", 'class Order:\n    """Aggregate \\ud800 root."""\n')


def _nul_in_docstring(p: Project) -> None:
    p.write("shop/__init__.py", '"""The \\x00 shop."""\n')
    p.write("shop/domain/model.py", 'class Order:\n    """Aggregate \\x00 root."""\n')


def _nul_byte_in_file(p: Project) -> None:
    p.write("shop/domain/model.py", b'class Order:\n    """Aggregate \x00 root."""\n')


def _broken_symlink(p: Project) -> None:
    os.symlink("gone.py", p.package / "domain" / "broken.py")


def _symlink_loop(p: Project) -> None:
    os.symlink("loop.py", p.package / "domain" / "loop.py")


def _folder_symlink_loop(p: Project) -> None:
    os.symlink("..", p.package / "domain" / "again")


def _symlinked_file(p: Project) -> None:
    outside = p.root / "shared" / "money.py"
    outside.parent.mkdir(parents=True)
    outside.write_text("class Money:\n    pass\n", encoding="utf-8")
    os.symlink(outside, p.package / "domain" / "money.py")


def _symlinked_folder(p: Project) -> None:
    outside = p.root / "elsewhere" / "billing"
    outside.mkdir(parents=True)
    (outside / "__init__.py").write_text("", encoding="utf-8")
    (outside / "invoice.py").write_text("class Invoice:\n    pass\n", encoding="utf-8")
    os.symlink(outside, p.package / "billing")


def _fifo(p: Project) -> None:
    os.mkfifo(p.package / "domain" / "pipe.py")


def _unreadable_file(p: Project) -> None:
    path = p.write("shop/domain/secret.py", "class Secret:\n    pass\n")
    path.chmod(0)


def _unlistable_folder(p: Project) -> None:
    p.write("shop/hidden/__init__.py", "")
    p.write("shop/hidden/thing.py", "class Thing:\n    pass\n")
    (p.package / "hidden").chmod(0)


def _empty_contexts(p: Project) -> None:
    for path in ("shop/domain/model.py", "shop/adapters/repository.py"):
        (p.root / "src" / path).unlink()
    for path in ("ordering", "billing"):
        for layer in ("", "/domain", "/adapters"):
            p.write(f"shop/{path}{layer}/__init__.py", "")


def _declared_context_missing(p: Project) -> None:
    p.plugin["services"] = [_service(contexts=[{"package": "shop.domain"}, {"package": "shop.nope", "name": "Nope"}])]


def _only_declared_context_missing(p: Project) -> None:
    p.plugin["services"] = [_service(contexts=[{"package": "shop.nope", "name": "Nope"}])]


def _service_without_contexts(p: Project) -> None:
    for path in ("shop/domain/model.py", "shop/adapters/repository.py", "shop/domain/__init__.py"):
        (p.root / "src" / path).unlink()
    for path in ("shop/domain", "shop/adapters"):
        path_ = p.root / "src" / path
        for child in path_.iterdir():
            child.unlink()
        path_.rmdir()


def _pep695_multiline(p: Project) -> None:
    p.write(
        "shop/domain/boxes.py",
        "class Box[\n    T,\n    U: int,\n]:\n    pass\n\n\nclass Crate:\n    pass\n\n\n"
        "def first[\n    T\n](items: list[T]) -> T:\n    return items[0]\n",
    )


def _pep701_fstring(p: Project) -> None:
    p.write(
        "shop/domain/labels.py",
        'class Label:\n    def text(self, names: list[str]) -> str:\n        return f"{", ".join(names)}"\n\n\n'
        "class Tag:\n    pass\n",
    )


def _namespace_two_roots(p: Project) -> None:
    (p.package / "__init__.py").unlink()
    (p.root / "src" / "shop" / "adapters" / "repository.py").unlink()
    (p.root / "src" / "shop" / "adapters" / "__init__.py").unlink()
    (p.root / "src" / "shop" / "adapters").rmdir()
    second = p.root / "src2" / "shop" / "adapters"
    second.mkdir(parents=True)
    (second / "__init__.py").write_text("", encoding="utf-8")
    (second / "repository.py").write_text(SHOP["shop/adapters/repository.py"], encoding="utf-8")
    p.plugin["services"] = [_service(source=["src", "src2"])]


def _non_ascii_contexts(p: Project) -> None:
    for package, name in (("注文", "Bestellung"), ("支払", "Zahlung")):
        p.write(f"shop/{package}/__init__.py", "")
        p.write(f"shop/{package}/domain.py", f"class {name}:\n    pass\n")
    p.plugin["services"] = [_service(contexts=[{"package": "shop.注文"}, {"package": "shop.支払"}])]


def _contexts_slug_alike(p: Project) -> None:
    p.write("shop/order_mgmt/__init__.py", "")
    p.write("shop/order_mgmt/model.py", "class A:\n    pass\n")
    p.write("shop/order_mgmt2/__init__.py", "")
    p.write("shop/order_mgmt2/model.py", "class B:\n    pass\n")
    p.plugin["services"] = [
        _service(
            contexts=[
                {"package": "shop.order_mgmt", "name": "Order_Mgmt"},
                {"package": "shop.order_mgmt2", "name": "order-mgmt"},
            ]
        )
    ]


def _services_slug_alike(p: Project) -> None:
    p.plugin["services"] = [_service(), _service(name="shop!")]


def _context_named_events(p: Project) -> None:
    p.plugin["services"] = [
        _service(
            contexts=[{"package": "shop.domain", "name": "events"}, {"package": "shop.adapters", "name": "violations"}]
        )
    ]


# --- ADRs ------------------------------------------------------------------------------------------------------

ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
ALIAS_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + ALIAS_BOMB + "status: accepted\ndeciders: *i\n"


def _adr(front_matter: str) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        p.pages["adr/0001-use-events.md"] = f"---\n{front_matter}---\n# Use events\n\nBody.\n"

    return make


# --- settings --------------------------------------------------------------------------------------------------


def _plugin(**settings: Any) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        p.plugin.update(settings)

    return make


def _service_setting(**settings: Any) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        p.plugin["services"] = [_service(**settings)]

    return make


def _non_utf8_baseline(p: Project) -> None:
    (p.root / "baseline.txt").write_bytes(b"\xff\xfe\x00broken\n")
    p.plugin["baseline"] = "baseline.txt"
    p.plugin["fail_on"] = "new"
    p.command = "check"


def _tool_section_wrong_type(p: Project) -> None:
    (p.root / "pyproject.toml").write_text('[tool]\ndomain-atlas = "everything"\n', encoding="utf-8")


def _tool_stereotypes_wrong_type(p: Project) -> None:
    (p.root / "pyproject.toml").write_text('[tool.domain-atlas]\nstereotypes = "aggregate"\n', encoding="utf-8")


def _violation(fail_on: str) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        p.write(
            "shop/domain/model.py",
            "from shop.adapters.repository import SqlOrders\n\n\n" + SHOP["shop/domain/model.py"],
        )
        p.plugin["fail_on"] = fail_on
        p.command = "check"

    return make


def _env_tag(value: str) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        _violation("never")(p)
        del p.plugin["fail_on"]
        p.tagged["fail_on"] = "!ENV [DA_FAIL_ON, never]"
        p.env["DA_FAIL_ON"] = value
        p.command = "check"

    return make


def _cli(*arguments: str) -> Callable[[Project], None]:
    def make(p: Project) -> None:
        p.cli.extend(arguments)

    return make


def _no_service(p: Project) -> None:
    return None


def _everything(p: Project) -> None:
    """Many hostile files in one service, for builds that must still succeed (and twice alike)."""
    for make in (
        _deep_expression,
        _lone_surrogate,
        _broken_symlink,
        _symlink_loop,
        _folder_symlink_loop,
        _fifo,
        _pep695_multiline,
        _pep701_fstring,
        _symlinked_file,
        _adr("- accepted\n"),
    ):
        make(p)
    p.write("shop/domain/nul.py", 'class Nul:\n    """A \\x00 docstring."""\n')


CASES: tuple[Case, ...] = (
    Case("nothing hostile", _no_service),
    Case("1500 chained + operands", _deep_expression),
    Case("3000 chained + operands", _very_deep_expression),
    Case("lone surrogate in a docstring", _lone_surrogate),
    Case("NUL escape in a docstring", _nul_in_docstring),
    Case("NUL byte in a file", _nul_byte_in_file),
    Case("broken symlink *.py", _broken_symlink),
    Case("symlink loop *.py", _symlink_loop),
    Case("folder symlink loop", _folder_symlink_loop),
    Case("symlinked file", _symlinked_file),
    Case("symlinked folder", _symlinked_folder),
    Case("FIFO named *.py", _fifo),
    Case("unreadable file", _unreadable_file),
    Case("unlistable folder", _unlistable_folder),
    Case("contexts with empty __init__.py only", _empty_contexts),
    Case("declared context whose package is missing", _declared_context_missing),
    Case("only declared context is missing", _only_declared_context_missing),
    Case("service with no contexts", _service_without_contexts),
    Case("multi-line PEP 695 type parameters", _pep695_multiline),
    Case("PEP 701 f-string", _pep701_fstring),
    Case("namespace package over two roots", _namespace_two_roots),
    Case("non-ASCII context names", _non_ascii_contexts),
    Case("two contexts that slug alike", _contexts_slug_alike),
    Case("two services that slug alike", _services_slug_alike),
    Case("contexts named events, violations", _context_named_events),
    Case("many hostile files at once", _everything),
    Case("ADR front matter is a list", _adr("- accepted\n- 2024-01-01\n"), "adr"),
    Case("ADR front matter is a scalar", _adr("accepted\n"), "adr"),
    Case("ADR front matter alias bomb", _adr(ALIAS_BOMB), "adr"),
    Case("output_dir: ''", _plugin(output_dir=""), "settings"),
    Case("output_dir: /", _plugin(output_dir="/"), "settings"),
    Case("output_dir: ../..", _plugin(output_dir="../.."), "settings"),
    Case("packages: 123", _service_setting(packages=123), "settings"),
    Case("source_url with {path}", _plugin(source_url="https://git.example/{path}#L{line}"), "settings"),
    Case("300-character service name", _service_setting(name="S" * 300), "settings"),
    Case("context with neither package nor packages", _service_setting(contexts=[{"name": "x"}]), "settings"),
    Case("tests: 5", _service_setting(tests=5), "settings"),
    Case("service name with a NUL", _service_setting(name="Shop\x00"), "settings"),
    Case("non-UTF-8 baseline", _non_utf8_baseline, "settings"),
    Case("[tool] domain-atlas = string", _tool_section_wrong_type, "settings"),
    Case("[tool.domain-atlas] stereotypes = string", _tool_stereotypes_wrong_type, "settings"),
    Case("unknown top-level option", _plugin(colour="blue"), "settings"),
    Case("services: mapping", _plugin(services={"name": "Shop"}), "settings"),
    Case("layout_timeout: string", _plugin(layout_timeout="soon"), "settings"),
    Case("fail_on: never with a violation", _violation("never"), "settings"),
    Case("fail_on: any with a violation", _violation("any"), "settings"),
    Case("fail_on: !ENV [DA_FAIL_ON, never], DA_FAIL_ON=any", _env_tag("any"), "settings"),
    Case("fail_on: !ENV [DA_FAIL_ON, never], DA_FAIL_ON=sometimes", _env_tag("sometimes"), "settings"),
    Case("--package shop.", _cli("--no-config", "src", "--package", "shop."), "settings"),
    Case("-o into a missing folder", _cli("-o", "missing/folder/model.json"), "settings"),
)


# --- running a case ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    returncode: int | None  # None: did not finish in time
    stderr: str

    def summary(self) -> str:
        if self.returncode is None:
            return "hang"
        if "Traceback" in self.stderr:
            last = [line for line in self.stderr.strip().splitlines() if line.strip()][-1]
            return f"traceback ({last[:90]})"
        messages = [
            line
            for line in self.stderr.splitlines()
            if ("WARNING" in line or "ERROR" in line or "error:" in line or "warning:" in line)
            and "MkDocs 2.0" not in line
        ]
        shown = messages[0][:110] if messages else "no message"
        return f"exit {self.returncode}: {shown}"


def run(command: list[str], cwd: Path, timeout: float = 30, env: dict[str, str] | None = None) -> Outcome:
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, "")
    return Outcome(done.returncode, done.stderr)


def run_plugin(project: Project, timeout: float = 30) -> Outcome:
    site = str(project.root / "site")
    return run([sys.executable, "-m", "mkdocs", "build", "-d", site], project.root, timeout, project.env)


def snapshot(root: Path, skip: Path) -> dict[str, bytes]:
    """Every file under root but `skip` with its bytes (links and special files by name only; never opened)."""
    found = {}
    for folder, folders, names in os.walk(root):
        if Path(folder) == skip or skip in Path(folder).parents:
            folders[:] = []
            continue
        # The one documented exception: the disk cache in the working directory (`cache: false` turns it off).
        folders[:] = [name for name in folders if name != ".domain_atlas_cache"]
        for name in names:
            path = Path(folder, name)
            regular = path.is_file() and not path.is_symlink()
            found[str(path.relative_to(root))] = path.read_bytes() if regular else b""
    return found


def build_in_place(project: Project, timeout: float = 60) -> Outcome:
    """A plugin build that must change nothing in the project but its site folder."""
    before = snapshot(project.root, project.root / "site")
    outcome = run_plugin(project, timeout)
    assert snapshot(project.root, project.root / "site") == before, "the build wrote outside its site folder"
    return outcome


def run_cli(project: Project, timeout: float = 30) -> Outcome:
    arguments = [sys.executable, "-m", "domain_atlas.adapters.cli", project.command]
    if project.cli[:1] == ["--no-config"]:
        arguments += project.cli[1:]
    else:
        arguments += ["--config", "mkdocs.yml", *project.cli]
    if "-o" not in project.cli:
        arguments += ["-o", "model.json"]
    return run(arguments, project.root, timeout, project.env)


def _model_summary(model: Path) -> str:
    if not model.exists() or not model.stat().st_size:
        return "no model.json" if not model.exists() else "empty model.json"
    services = json.loads(model.read_text(encoding="utf-8"))["services"]
    counts = [(len(s["modules"]), len(s["contexts"]), len(s["elements"])) for s in services]
    return "; ".join(f"{m} modules, {c} contexts, {e} elements" for m, c, e in counts)


def main() -> None:
    for case in CASES:
        with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
            project = write_project(Path(folder), case)
            plugin = run_plugin(project, timeout=20) if not project.cli else None
            cli = run_cli(project, timeout=20)
            model = project.root / "model.json"
            shown = plugin.summary() if plugin else "-"
            result = _model_summary(model) if project.command == "export" else "(check)"
            print(f"| {case.name} | {shown} | {project.command}: {cli.summary()} | {result} |")
            for path in Path(folder).rglob("*"):
                if not path.is_symlink() and path.is_dir():
                    path.chmod(0o755)


if __name__ == "__main__":
    main()
