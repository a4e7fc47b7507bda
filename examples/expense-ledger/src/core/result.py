"""Result types: handlers return Success or Failure instead of raising."""

from typing import Generic, NamedTuple, TypeAlias, TypeVar, Union

T = TypeVar("T")
E = TypeVar("E")


class Success(NamedTuple, Generic[T]):
    """The operation worked; `value` is what it produced."""

    value: T


class Failure(NamedTuple, Generic[E]):
    """The operation did not work; `error` says why."""

    error: E


Result: TypeAlias = Union[Success[T], Failure[E]]
