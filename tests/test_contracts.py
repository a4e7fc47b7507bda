"""import-linter contracts found in the analysed project are read and checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import Level, ServiceSpec
from tests.helpers import REPO_ROOT


def make_project(root: Path, config_name: str, config_text: str) -> Path:
    package = root / "src" / "shipping"
    for folder in ("domain", "application", "adapters"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "domain" / "model.py").write_text("import requests\n")
    (package / "application" / "handlers.py").write_text("from shipping.domain import model\n")
    (package / "adapters" / "repo.py").write_text("from shipping.application import handlers\n")
    (package / "domain" / "policy.py").write_text("from shipping.adapters import repo\n")
    (root / config_name).write_text(config_text)
    return root / "src"


INI = """[importlinter]
root_package = shipping

[importlinter:contract:layered]
name = Layered shipping
type = layers
layers =
    shipping.adapters
    shipping.application
    shipping.domain

[importlinter:contract:no-http]
name = Domain makes no HTTP calls
type = forbidden
source_modules =
    shipping.domain
forbidden_modules =
    requests

[importlinter:contract:custom]
name = Something custom
type = protected
"""


def test_ini_contracts_are_checked_at_the_import_line(tmp_path: Path):
    source = make_project(tmp_path, ".importlinter", INI)
    service = analyse_service(ServiceSpec("Shipping", (source,), ("shipping",), base=tmp_path))
    contract = {(v.source, v.target, v.line) for v in service.violations if v.rule == "import-linter-contract"}
    assert contract == {
        ("shipping.domain.policy", "shipping.adapters.repo", 1),
        ("shipping.domain.model", "requests", 1),
    }
    messages = [v.message for v in service.violations if v.rule == "import-linter-contract"]
    assert any("contract 'Layered shipping' (.importlinter:" in m for m in messages)
    (unsupported,) = [d for d in service.diagnostics if "'protected'" in d.message]
    assert unsupported.file == ".importlinter" and unsupported.line == 20 and unsupported.level is Level.WARNING


def test_pyproject_contracts_are_read(tmp_path: Path):
    text = """[tool.importlinter]
root_package = "shipping"

[[tool.importlinter.contracts]]
id = "independent"
name = "Application and adapters are independent"
type = "independence"
modules = ["shipping.application", "shipping.adapters"]
"""
    source = make_project(tmp_path, "pyproject.toml", text)
    service = analyse_service(ServiceSpec("Shipping", (source,), ("shipping",), base=tmp_path))
    contract = {(v.source, v.target) for v in service.violations if v.rule == "import-linter-contract"}
    assert contract == {("shipping.adapters.repo", "shipping.application.handlers")}


def test_layers_inside_a_container_are_checked(tmp_path: Path):
    text = """[tool.importlinter]
root_package = "shipping"

[[tool.importlinter.contracts]]
name = "Layered inside shipping"
type = "layers"
containers = ["shipping"]
layers = ["adapters", "application", "domain"]
"""
    source = make_project(tmp_path, "pyproject.toml", text)
    service = analyse_service(ServiceSpec("Shipping", (source,), ("shipping",), base=tmp_path))
    contract = {(v.source, v.target, v.message) for v in service.violations if v.rule == "import-linter-contract"}
    assert contract == {
        (
            "shipping.domain.policy",
            "shipping.adapters.repo",
            "contract 'Layered inside shipping' (pyproject.toml:5): lower layer shipping.domain.policy imports "
            "higher layer shipping.adapters.repo",
        )
    }


def test_unreadable_contract_file_is_an_error_naming_file_and_line(tmp_path: Path):
    source = make_project(tmp_path, ".importlinter", "[importlinter]\nroot_package = shipping\nthis is not ini\n")
    service = analyse_service(ServiceSpec("Shipping", (source,), ("shipping",), base=tmp_path))
    (problem,) = [d for d in service.diagnostics if d.file == ".importlinter"]
    assert problem.level is Level.ERROR and problem.line == 3


def test_domain_atlas_own_contracts_are_read_and_hold():
    spec = ServiceSpec("Domain Atlas", (REPO_ROOT / "src",), ("domain_atlas",), base=REPO_ROOT)
    service = analyse_service(spec)
    assert [v for v in service.violations if v.rule == "import-linter-contract"] == []
    assert [d for d in service.diagnostics if d.file == "pyproject.toml"] == []


def _lint_imports(config: Path, source: Path) -> subprocess.CompletedProcess[str]:
    import os

    lint_imports = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(lint_imports), str(config)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(source)},
    )


def test_acyclic_siblings_agrees_with_import_linter_on_a_cycle():
    from tests.test_export import run_cli

    fixture = REPO_ROOT / "tests" / "fixtures" / "sibling_cycle"
    linted = _lint_imports(fixture / "pyproject.toml", fixture / "src")
    assert linted.returncode == 1 and "BROKEN" in linted.stdout, linted.stdout
    checked = run_cli("check", str(fixture / "src"))
    assert checked.returncode == 1
    assert "src/loop/orders.py:1: error: [import-linter-contract]" in checked.stdout
    assert "src/loop/reports.py" not in checked.stdout  # reports imports orders, but nothing imports reports back


def test_our_own_contracts_hold_for_import_linter_and_for_domain_atlas():
    from tests.test_export import run_cli

    linted = _lint_imports(REPO_ROOT / "pyproject.toml", REPO_ROOT / "src")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "import cycles" in linted.stdout.lower() and "BROKEN" not in linted.stdout
    checked = run_cli("check", "--config", "mkdocs.yml", "--service", "Domain Atlas")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "not checked" not in checked.stderr  # every contract type of ours is one Domain Atlas checks
