"""Code patterns seen in public DDD repositories, each reduced to a few lines written for this test."""

from __future__ import annotations

import textwrap
from pathlib import Path

from domain_atlas.adapters.composition import analyse_service
from domain_atlas.model import Service, ServiceSpec, StereotypeRule


def service_from(tmp_path: Path, files: dict[str, str], packages: tuple[str, ...] = ("shop",)) -> Service:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    for folder in {p.parent for p in tmp_path.rglob("*.py")}:
        (folder / "__init__.py").touch()
    return analyse_service(ServiceSpec("Shop", (tmp_path,), packages, base=tmp_path))


def kinds(service: Service) -> dict[str, set[str]]:
    return {e.name: set(e.kinds) for e in service.elements}


def implements(service: Service) -> set[tuple[str, str]]:
    return {
        (r.source.rsplit(".", 1)[-1], r.target.rsplit(".", 1)[-1]) for r in service.relations if r.kind == "implements"
    }


BASES = """
    from abc import ABC, abstractmethod
    from dataclasses import dataclass

    class Command(ABC):
        @classmethod
        def name(cls) -> str:
            return cls.__name__

    class Query(Command):
        pass

    class CommandHandler(ABC):
        @abstractmethod
        def handle(self, command: Command) -> None: ...
"""


def test_message_and_handler_base_classes_are_not_ports(tmp_path: Path):
    service = service_from(
        tmp_path,
        {
            "shop/domain/bus.py": BASES,
            "shop/application/commands.py": """
            from dataclasses import dataclass
            from shop.domain.bus import Command, CommandHandler, Query

            @dataclass
            class PlaceOrder(Command):
                order_id: str

            @dataclass
            class GetOrder(Query):
                order_id: str

            class PlaceOrderHandler(CommandHandler):
                def handle(self, command: PlaceOrder) -> None: ...
        """,
        },
    )
    found = kinds(service)
    assert "Command" not in found and "CommandHandler" not in found
    assert found["PlaceOrder"] == {"command"}
    assert found["GetOrder"] == {"query"}  # a query even though its base derives from Command
    assert found["PlaceOrderHandler"] == {"command_handler"}
    assert implements(service) == set()


def test_generic_base_and_private_abstract_methods_still_link_adapters(tmp_path: Path):
    service = service_from(
        tmp_path,
        {
            "shop/domain/ports.py": """
            from abc import ABC, abstractmethod
            from typing import Generic, TypeVar
            T = TypeVar("T")

            class GenericRepository(ABC, Generic[T]):
                @abstractmethod
                def get(self, key: str) -> T: ...
                @abstractmethod
                def add(self, item: T) -> None: ...
                @staticmethod
                def next_id() -> str:
                    return "x"

            class UnitOfWorkItem(ABC):
                @abstractmethod
                def _commit(self) -> None: ...
        """,
            "shop/adapters/memory.py": """
            from shop.domain.ports import GenericRepository, UnitOfWorkItem

            class InMemoryRepository(GenericRepository[dict]):
                def get(self, key): ...
                def add(self, item): ...

            class SqlUnitOfWorkItem(UnitOfWorkItem):
                def _commit(self) -> None: ...
        """,
        },
    )
    assert implements(service) == {("InMemoryRepository", "GenericRepository"), ("SqlUnitOfWorkItem", "UnitOfWorkItem")}


def test_shape_matching_is_not_applied_to_a_class_that_names_its_port(tmp_path: Path):
    service = service_from(
        tmp_path,
        {
            "shop/domain/ports.py": """
            from typing import Protocol

            class OrderRepository(Protocol):
                def get(self, key: str) -> object: ...
                def save(self, item: object) -> None: ...

            class FileRepository(Protocol):
                def get(self, key: str) -> object: ...
                def save(self, item: object) -> None: ...
        """,
            "shop/adapters/sql.py": """
            from shop.domain.ports import OrderRepository

            class SqlOrderRepository(OrderRepository):
                def get(self, key): ...
                def save(self, item): ...
        """,
        },
    )
    assert implements(service) == {("SqlOrderRepository", "OrderRepository")}


def test_helpers_in_an_events_module_are_not_events(tmp_path: Path):
    service = service_from(
        tmp_path,
        {
            "shop/domain/events.py": """
            from dataclasses import dataclass

            @dataclass(frozen=True)
            class EventId:
                value: str

            @dataclass(frozen=True)
            class OrderPlaced:
                order_id: str
        """,
            "shop/domain/model.py": """
            from shop.domain.events import OrderPlaced

            class Order:
                def __init__(self, id: str) -> None:
                    self.id = id
                    self.events = []

                def place(self, publish) -> None:
                    publish(OrderPlaced(self.id))
        """,
        },
    )
    found = kinds(service)
    assert found["OrderPlaced"] == {"domain_event"}
    assert "domain_event" not in found.get("EventId", set())
    assert ("publishes", "shop.domain.model.Order.place", "shop.domain.events.OrderPlaced") in {
        (r.kind, r.source, r.target) for r in service.relations
    }


def test_seedwork_beside_the_modules_is_a_shared_kernel(tmp_path: Path):
    service = service_from(
        tmp_path,
        {
            "modules/catalog/domain/model.py": "from seedwork.domain.entity import Entity\n",
            "modules/catalog/application/handlers.py": "",
            "seedwork/domain/entity.py": "class Entity: ...\n",
        },
        packages=("modules", "seedwork"),
    )
    assert {(c.name, c.shared_kernel) for c in service.contexts} == {("catalog", False), ("seedwork", True)}
    assert not [v for v in service.violations if v.rule == "context-independence"]


def test_user_rules_from_pyproject_and_mkdocs_yml_add_and_override_kinds(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.domain-atlas]\n"
        'stereotypes = [{kind = "domain_event", base = "Fact"}]\n'
        'elements = [{path = "shop.domain.model.Basket", kinds = ["aggregate", "entity"]}]\n'
    )
    files = {
        "src/shop/domain/model.py": """
            class Fact: ...

            class BasketEmptied(Fact):
                basket: str

            class Basket:
                pass

            class Helper:
                pass
        """,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    spec = ServiceSpec(
        "Shop",
        (tmp_path / "src",),
        ("shop",),
        base=tmp_path,
        stereotypes=(StereotypeRule("value_object", name="Help.*"),),
    )
    service = analyse_service(spec)
    found = {e.name: (set(e.kinds), e.evidence) for e in service.elements}
    assert found["BasketEmptied"][0] == {"domain_event"}
    assert "configured rule in pyproject.toml" in found["BasketEmptied"][1][0]
    assert found["Basket"] == (
        {"aggregate", "entity"},
        ("aggregate: declared in pyproject.toml", "entity: declared in pyproject.toml"),
    )
    assert found["Helper"][0] == {"value_object"}


def test_unknown_kind_in_project_rules_is_an_error_naming_the_file(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.domain-atlas]\nstereotypes = [{kind = "aggregat", name = "X"}]\n')
    (tmp_path / "src" / "shop").mkdir(parents=True)
    (tmp_path / "src" / "shop" / "__init__.py").write_text("")
    service = analyse_service(ServiceSpec("Shop", (tmp_path / "src",), ("shop",), base=tmp_path))
    (problem,) = service.diagnostics
    assert problem.file == "pyproject.toml" and problem.line == 1 and "unknown kind 'aggregat'" in problem.message
