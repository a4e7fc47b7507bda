"""Sorting model records (ordered dataclasses) in their own order, with one key per record.

A dataclass's `<` builds two tuples of all its fields for every comparison; a key builds one tuple per record.
Same order, same stability, about a third of the time on tens of thousands of import edges.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

Record = TypeVar("Record")


def in_order(records: Iterable[Record]) -> list[Record]:
    """`sorted(records)` for records of one dataclass type (any other mix is sorted the plain way)."""
    items = list(records)
    if not items:
        return items
    kind: type = type(items[0])
    params = getattr(kind, "__dataclass_params__", None)
    if params is None or not params.order or any(type(item) is not kind for item in items):
        return sorted(items)  # type: ignore[type-var]
    return sorted(items, key=_fields_of(kind))


@functools.cache
def _fields_of(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple a dataclass's generated comparisons compare: its fields with `compare`, in order."""
    names = [field.name for field in dataclasses.fields(kind) if field.compare]
    getter = operator.attrgetter(*names)
    return getter if len(names) > 1 else lambda record: (getter(record),)
