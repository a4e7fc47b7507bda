"""Frozen dataclasses of plain values (str, int, bool, enums, tuples, None) to JSON-ready lists and back.

The disk cache stores per-file facts with this codec rather than pickle: a cache folder sits in the
working directory where anyone can plant a file, and reading it must never run code. Decoding is
driven by the dataclasses' type hints and checks every value's type, so a truncated, corrupt or
foreign entry raises `CodecError` instead of producing half-right facts.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]


class CodecError(ValueError):
    """The data does not have the shape of the expected dataclass."""


def encode(value: Any) -> Any:
    """Dataclass -> list of its field values in declaration order (nested values encoded too)."""
    names = _FIELD_NAMES.get(type(value))
    if names is not None:  # plain values inline: most fields are strings, and a call per string is the cost
        fields = [getattr(value, name) for name in names]
        return [item if type(item) in _PLAIN else encode(item) for item in fields]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [item if type(item) in _PLAIN else encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _FIELD_NAMES[type(value)] = tuple(field.name for field in dataclasses.fields(value))
        return encode(value)
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_PLAIN = frozenset({str, int, bool, type(None)})


def _expect(kind: type) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not kind:
            raise CodecError(f"expected {kind.__name__}, found {type(value).__name__}")
        return value

    return decode


def _optional(inner: Decoder) -> Decoder:
    return lambda value: None if value is None else inner(value)


def _variadic(inner: Decoder) -> Decoder:
    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise CodecError("expected a list")
        return tuple(inner(item) for item in value)

    return decode


def _fixed(inners: tuple[Decoder, ...]) -> Decoder:
    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(inners):
            raise CodecError(f"expected a list of {len(inners)}")
        return tuple(inner(item) for inner, item in zip(inners, value, strict=True))

    return decode


def _enum(kind: type[enum.Enum]) -> Decoder:
    def decode(value: Any) -> enum.Enum:
        try:
            return kind(value)
        except ValueError as error:
            raise CodecError(str(error)) from error

    return decode


def _record(kind: type, cache: dict[Any, Decoder]) -> Decoder:
    hints = typing.get_type_hints(kind)
    names = tuple(field.name for field in dataclasses.fields(kind))
    _FIELD_NAMES[kind] = names
    inners: list[Decoder] = []

    # Plain frozen dataclasses are filled in directly: their generated __init__ (one object.__setattr__ per
    # field) costs more than the whole JSON parse on a warm run.
    direct = not hasattr(kind, "__post_init__") and not hasattr(kind, "__slots__")
    new = object.__new__

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != len(inners):
            raise CodecError(f"expected a list of {len(names)} for {kind.__name__}")
        if not direct:
            return kind(*[inner(item) for inner, item in zip(inners, value, strict=True)])
        found: Any = new(kind)
        values = [inner(item) for inner, item in zip(inners, value, strict=True)]
        found.__dict__.update(zip(names, values, strict=True))
        return found

    cache[kind] = decode  # before the fields: a dataclass may (indirectly) contain itself
    inners.extend(_decoder(hints[name], cache) for name in names)
    return decode


def _decoder(hint: Any, cache: dict[Any, Decoder]) -> Decoder:
    if hint in cache:
        return cache[hint]
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return _variadic(_decoder(arguments[0], cache))
        return _fixed(tuple(_decoder(argument, cache) for argument in arguments))
    if origin in (typing.Union, types.UnionType):
        others = [argument for argument in arguments if argument is not type(None)]
        if len(others) != 1 or len(arguments) != 2:
            raise TypeError(f"unsupported union {hint}")
        return _optional(_decoder(others[0], cache))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint, cache)
    if hint in (str, int, bool):
        return _expect(hint)
    raise TypeError(f"unsupported type {hint}")


class Codec(Generic[T]):
    """Decodes what `encode` made of a `kind` instance back into one."""

    def __init__(self, kind: type[T]) -> None:
        self.kind = kind
        self._decode = _decoder(kind, {})
        self.shape = _shape(kind)

    def decode(self, value: Any) -> T:
        try:
            found: T = self._decode(value)
        except (TypeError, ValueError, RecursionError) as error:
            raise CodecError(str(error)) from error
        return found


def _shape(kind: Any, seen: frozenset[Any] = frozenset()) -> str:
    """A text that changes whenever a field is added, removed, renamed or retyped anywhere inside `kind`."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if kind in seen:
            return kind.__name__
        hints = typing.get_type_hints(kind)
        inner = ",".join(
            f"{field.name}:{_shape(hints[field.name], seen | {kind})}" for field in dataclasses.fields(kind)
        )
        return f"{kind.__name__}({inner})"
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return f"{kind.__name__}{{{','.join(str(member.value) for member in kind)}}}"
    arguments = typing.get_args(kind)
    if arguments:
        return f"{typing.get_origin(kind)}[{','.join(_shape(argument, seen) for argument in arguments)}]"
    return str(kind)
