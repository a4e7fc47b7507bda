"""`domain-atlas diff` over a real git history built in the test: each step reports exactly what it changed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from domain_atlas.adapters.cli import main
from tests.git_history import STEPS, build_history, git
from tests.git_history import repository_state as state
from tests.helpers import REPO_ROOT

SCHEMA = json.loads((REPO_ROOT / "src" / "domain_atlas" / "schema" / "diff-1.schema.json").read_text())
HANDLERS = "src/shop/billing/application/handlers.py"

# What each step adds (+), removes (-) and changes (~), checked by hand against the commit that makes it.
EXPECTED_LINES = {
    "event": [
        "Shop: +1 module, +1 element, +1 relation",
        "  + module shop.orders.domain.events",
        "  + domain event shop.orders.domain.events.OrderPlaced",
        "  + publishes shop.orders.domain.model.Order.place → shop.orders.domain.events.OrderPlaced",
    ],
    "handler": [
        "Shop: +1 module, +1 element, +1 relation, +1 context dependency",
        "  + module shop.billing.application.handlers",
        "  + event handler shop.billing.application.handlers.bill_order",
        "  + handles shop.billing.application.handlers.bill_order → shop.orders.domain.events.OrderPlaced",
        "  + dependency billing → orders (event, 1 import)",
    ],
    "cross-import": [
        "Shop: 1 dependency changed, 1 new violation",
        f"  + violation context-independence at {HANDLERS}:1: "
        "context billing imports shop.orders.domain.model of context orders",
        "  ~ dependency billing → orders: event x1 → import x2",
    ],
    "port": [
        "Shop: +2 modules, +2 elements, +1 relation",
        "  + module shop.orders.adapters.repository",
        "  + module shop.orders.domain.ports",
        "  + adapter, repository shop.orders.adapters.repository.SqlOrderRepository",
        "  + port, repository shop.orders.domain.ports.OrderRepository",
        "  + implements shop.orders.adapters.repository.SqlOrderRepository → shop.orders.domain.ports.OrderRepository",
    ],
    "removal": [
        "Shop: -1 module, -1 element, -1 relation, -1 context dependency, 1 fixed violation",
        "  - module shop.billing.application.handlers",
        "  - event handler shop.billing.application.handlers.bill_order",
        "  - handles shop.billing.application.handlers.bill_order → shop.orders.domain.events.OrderPlaced",
        "  - dependency billing → orders (import, 2 imports)",
        f"  - violation context-independence at {HANDLERS}:1: "
        "context billing imports shop.orders.domain.model of context orders",
    ],
    "rename": [
        "Shop: +1 module, -1 module, 1 moved",
        "  + module shop.orders.adapters.sql",
        "  - module shop.orders.adapters.repository",
        "  ~ moved shop.orders.adapters.repository.SqlOrderRepository"
        " → shop.orders.adapters.sql.SqlAlchemyOrderRepository",
    ],
    "cosmetic": ["Shop: no architectural change"],
}
PAIRS = [(STEPS[index - 1][0], STEPS[index][0]) for index in range(1, len(STEPS))]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_history(tmp_path_factory.mktemp("history") / "shop")


def run(history: Path, capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    before = state(history)
    assert main(["diff", "--config", str(history / "mkdocs.yml"), *arguments]) == 0
    assert state(history) == before  # no checkout, no index refresh, nothing written
    return capsys.readouterr().out


def commit(history: Path, ref: str) -> str:
    return git(history, "rev-parse", ref).strip()


@pytest.mark.parametrize(("base", "head"), PAIRS, ids=[head for _, head in PAIRS])
def test_each_step_as_text(history: Path, capsys, base: str, head: str):
    out = run(history, capsys, "--base", base, "--head", head)
    title = f"architecture changes from {base} ({commit(history, base)[:10]}) to {head} ({commit(history, head)[:10]})"
    assert out == "\n".join([title, "", *EXPECTED_LINES[head]]) + "\n"


def summary(service: dict) -> dict[str, list[str]]:
    """Every entry of a service's JSON diff as `section.category: identity`."""
    found: dict[str, list[str]] = {}
    for section in ("added", "removed"):
        for category, items in service[section].items():
            for item in items:
                identity = item.get("path") or item.get("name") or item.get("rule") or ""
                if category == "relations":
                    identity = f"{item['kind']} {item['source']} {item['target']}"
                if category == "dependencies":
                    identity = f"{item['source']} {item['target']} {item['via']} {item['count']}"
                if category == "violations":
                    identity = f"{item['rule']} {item['file']}:{item['line']}"
                found.setdefault(f"{section}.{category}", []).append(identity)
    for item in service["changed"]["elements"]:
        found.setdefault("changed.elements", []).append(f"{item['path']} {item['kinds_before']} {item['kinds_after']}")
    for item in service["changed"]["moves"]:
        found.setdefault("changed.moves", []).append(f"{item['from']} {item['to']}")
    for item in service["changed"]["dependencies"]:
        found.setdefault("changed.dependencies", []).append(
            f"{item['source']} {item['target']} {item['via_before']}x{item['count_before']} "
            f"{item['via_after']}x{item['count_after']}"
        )
    return found


EXPECTED_JSON = {
    "event": {
        "added.modules": ["shop.orders.domain.events"],
        "added.elements": ["shop.orders.domain.events.OrderPlaced"],
        "added.relations": ["publishes shop.orders.domain.model.Order.place shop.orders.domain.events.OrderPlaced"],
    },
    "handler": {
        "added.modules": ["shop.billing.application.handlers"],
        "added.elements": ["shop.billing.application.handlers.bill_order"],
        "added.relations": [
            "handles shop.billing.application.handlers.bill_order shop.orders.domain.events.OrderPlaced"
        ],
        "added.dependencies": ["billing orders event 1"],
    },
    "cross-import": {
        "added.violations": [f"context-independence {HANDLERS}:1"],
        "changed.dependencies": ["billing orders eventx1 importx2"],
    },
    "port": {
        "added.modules": ["shop.orders.adapters.repository", "shop.orders.domain.ports"],
        "added.elements": [
            "shop.orders.adapters.repository.SqlOrderRepository",
            "shop.orders.domain.ports.OrderRepository",
        ],
        "added.relations": [
            "implements shop.orders.adapters.repository.SqlOrderRepository shop.orders.domain.ports.OrderRepository"
        ],
    },
    "removal": {
        "removed.modules": ["shop.billing.application.handlers"],
        "removed.elements": ["shop.billing.application.handlers.bill_order"],
        "removed.relations": [
            "handles shop.billing.application.handlers.bill_order shop.orders.domain.events.OrderPlaced"
        ],
        "removed.dependencies": ["billing orders import 2"],
        "removed.violations": [f"context-independence {HANDLERS}:1"],
    },
    "rename": {
        "added.modules": ["shop.orders.adapters.sql"],
        "removed.modules": ["shop.orders.adapters.repository"],
        "changed.moves": [
            "shop.orders.adapters.repository.SqlOrderRepository shop.orders.adapters.sql.SqlAlchemyOrderRepository"
        ],
    },
    "cosmetic": {},
}


@pytest.mark.parametrize(("base", "head"), PAIRS, ids=[head for _, head in PAIRS])
def test_each_step_as_json(history: Path, capsys, base: str, head: str):
    document = json.loads(run(history, capsys, "--base", base, "--head", head, "--format", "json"))
    jsonschema.validate(document, SCHEMA)
    assert document["base"] == {"ref": base, "commit": commit(history, base)}
    assert document["head"] == {"ref": head, "commit": commit(history, head)}
    [service] = document["services"]
    assert service["name"] == "Shop"
    assert summary(service) == EXPECTED_JSON[head]


def test_a_move_in_json_in_full(history: Path, capsys):
    document = json.loads(run(history, capsys, "--base", "removal", "--head", "rename", "--format", "json"))
    [service] = document["services"]
    assert service["changed"] == {
        "elements": [],
        "moves": [
            {
                "from": "shop.orders.adapters.repository.SqlOrderRepository",
                "to": "shop.orders.adapters.sql.SqlAlchemyOrderRepository",
                "kinds_before": ["adapter", "repository"],
                "kinds_after": ["adapter", "repository"],
                "file": "src/shop/orders/adapters/sql.py",
                "line": 4,
            }
        ],
        "dependencies": [],
    }
    assert service["added"]["modules"] == [
        {"name": "shop.orders.adapters.sql", "file": "src/shop/orders/adapters/sql.py", "context": "orders",
         "layer": "adapters"}
    ]  # fmt: skip


def test_a_new_violation_as_a_pull_request_comment(history: Path, capsys):
    out = run(history, capsys, "--base", "handler", "--head", "cross-import", "--format", "markdown")
    assert out == (
        f"### Architecture changes: `handler` ({commit(history, 'handler')[:10]}) → "
        f"`cross-import` ({commit(history, 'cross-import')[:10]})\n"
        "\n"
        "- [Shop](https://shop.example.invalid/docs/architecture/shop/): 1 dependency changed, 1 new violation\n"
        "\n"
        "<details>\n"
        "<summary>Shop: what changed</summary>\n"
        "\n"
        "**Added**\n"
        "\n"
        f"- violation context-independence at `{HANDLERS}:1`: "
        "context billing imports shop.orders.domain.model of context orders\n"
        "\n"
        "**Changed**\n"
        "\n"
        "- dependency `billing` → `orders`: event x1 → import x2\n"
        "\n"
        "</details>\n"
    )


def test_each_step_as_markdown_has_its_summary_and_names_in_code(history: Path, capsys):
    for base, head in PAIRS:
        out = run(history, capsys, "--base", base, "--head", head, "--format", "markdown")
        counts = EXPECTED_LINES[head][0].removeprefix("Shop: ")
        assert f"- [Shop](https://shop.example.invalid/docs/architecture/shop/): {counts}\n" in out
        assert ("<details>" in out) == (head != "cosmetic")
        for line in EXPECTED_LINES[head][1:]:
            if "dependency" not in line and "violation" not in line:
                assert f"`{line.split()[-1]}`" in out  # names as code: shown literally


def test_a_hostile_ref_name_is_escaped_in_markdown(history: Path, capsys):
    git(history, "tag", "x<img_src=y>", "start")
    try:
        out = run(history, capsys, "--base", "x<img_src=y>", "--head", "event", "--format", "markdown")
    finally:
        git(history, "tag", "-d", "x<img_src=y>")
    assert "<code>x&#60;img&#95;src&#61;y&#62;</code>" in out.splitlines()[0]  # shown literally, never HTML
    assert "<img" not in out


def test_the_output_file_and_the_work_tree_default(history: Path, capsys, tmp_path: Path):
    target = tmp_path / "comment.md"
    git(history, "checkout", "-q", "cosmetic")
    try:
        before = state(history)
        assert main(["diff", "--config", str(history / "mkdocs.yml"), "--base", "rename", "-o", str(target)]) == 0
        assert state(history) == before
    finally:
        git(history, "checkout", "-q", "main")
    assert target.read_text() == (
        f"architecture changes from rename ({commit(history, 'rename')[:10]}) to the work tree\n\n"
        "Shop: no architectural change\n"
    )
