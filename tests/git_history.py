"""A small service's git history, built commit by commit in a test: each step one architectural change."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

ORDER = '''"""Orders."""


class Order:
    def __init__(self, reference: str) -> None:
        self.reference = reference
        self.events: list[object] = []
'''

ORDER_PLACING = (
    ORDER
    + """
    def place(self) -> None:
        self.events.append(OrderPlaced(self.reference))
"""
)

EVENTS = """from dataclasses import dataclass


@dataclass(frozen=True)
class OrderPlaced:
    reference: str
"""

INVOICE = """class Invoice:
    def __init__(self, reference: str) -> None:
        self.reference = reference
"""

HANDLERS = """from shop.orders.domain.events import OrderPlaced


def bill_order(event: OrderPlaced) -> None:
    print(event.reference)


EVENT_HANDLERS = {OrderPlaced: [bill_order]}
"""

CROSS_IMPORT = "from shop.orders.domain.model import Order\n"

PORT = """import abc


class OrderRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, reference: str) -> object:
        raise NotImplementedError
"""

ADAPTER = """from shop.orders.domain.ports import OrderRepository


class {name}(OrderRepository):
    def __init__(self) -> None:
        self.rows: dict[str, object] = {{}}

    def get(self, reference: str) -> object:
        return self.rows[reference]
"""

MKDOCS = """site_name: Shop
site_url: https://shop.example.invalid/docs/
plugins:
  - domain-atlas:
      services:
        - name: Shop
          source: src
          packages: [shop]
"""

# (tag, message, {path: text or None to delete})
STEPS: list[tuple[str, str, dict[str, str | None]]] = [
    (
        "start",
        "two contexts",
        {
            "mkdocs.yml": MKDOCS,
            "src/shop/__init__.py": "",
            "src/shop/orders/__init__.py": '"""Taking orders."""\n',
            "src/shop/orders/domain/__init__.py": "",
            "src/shop/orders/domain/model.py": ORDER,
            "src/shop/orders/adapters/__init__.py": "",
            "src/shop/billing/__init__.py": '"""Billing."""\n',
            "src/shop/billing/domain/__init__.py": "",
            "src/shop/billing/domain/model.py": INVOICE,
            "src/shop/billing/application/__init__.py": "",
        },
    ),
    (
        "event",
        "orders publish OrderPlaced",
        {
            "src/shop/orders/domain/events.py": EVENTS,
            "src/shop/orders/domain/model.py": "from shop.orders.domain.events import OrderPlaced\n" + ORDER_PLACING,
        },
    ),
    ("handler", "billing handles OrderPlaced", {"src/shop/billing/application/handlers.py": HANDLERS}),
    (
        "cross-import",
        "billing reaches into the orders model",
        {"src/shop/billing/application/handlers.py": CROSS_IMPORT + HANDLERS},
    ),
    (
        "port",
        "an order repository port and its adapter",
        {
            "src/shop/orders/domain/ports.py": PORT,
            "src/shop/orders/adapters/repository.py": ADAPTER.format(name="SqlOrderRepository"),
        },
    ),
    (
        "removal",
        "billing no longer handles orders",
        {"src/shop/billing/application/handlers.py": None},
    ),
    (
        "rename",
        "rename the repository adapter and its module",
        {
            "src/shop/orders/adapters/repository.py": None,
            "src/shop/orders/adapters/sql.py": ADAPTER.format(name="SqlAlchemyOrderRepository"),
        },
    ),
    (
        "cosmetic",
        "comments and layout only",
        {
            "src/shop/orders/adapters/sql.py": "# Storage.\n"
            + ADAPTER.format(name="SqlAlchemyOrderRepository").replace("-> object:\n", "-> object:  # by key\n")
        },
    ),
]


def git(repository: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repository), *arguments],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    return result.stdout


def build_history(repository: Path) -> Path:
    """Commit each step and tag it with its name; returns the repository."""
    repository.mkdir(parents=True, exist_ok=True)
    git(repository, "init", "-q", "-b", "main")
    for tag, message, files in STEPS:
        for name, text in files.items():
            path = repository / name
            if text is None:
                git(repository, "rm", "-q", name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            git(repository, "add", name)
        git(repository, "commit", "-q", "-m", message)
        git(repository, "tag", tag)
    return repository


def repository_state(repository: Path) -> tuple[str, str, str]:
    """What a careless reader of revisions would disturb: the status, the index file, the checked-out commit."""
    # Status first: it may refresh the index's stat cache itself, which must not count against the command.
    status = git(repository, "status", "--porcelain", "--untracked-files=all")
    index = hashlib.sha256((repository / ".git" / "index").read_bytes()).hexdigest()
    return status, index, git(repository, "rev-parse", "HEAD")
