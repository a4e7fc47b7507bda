"""Frozen dataclasses of plain values (str, int, bool, enums, tuples, None) to JSON-ready lists and back.

The disk cache stores per-file facts with this codec rather than pickle: a cache folder sits in the
working directory where anyone can plant a file, and reading it must never run code. Decoding is
driven by the dataclasses' type hints and checks every value's type, so a truncated, corrupt or
foreign entry raises `CodecError` instead of producing half-right facts.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
Decoder = Callable[[Any], Any]


class CodecError(ValueError):
    """The data does not have the shape of the expected dataclass."""


def encode(value: Any) -> Any:
    """Dataclass -> list of its field values in declaration order (nested values encoded too)."""
    encoder = _ENCODERS.get(type(value))
    if encoder is not None:
        return encoder(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _record_encoder(type(value))(value)
    return value


Encoder = Callable[[Any], Any]
_ENCODERS: dict[type, Encoder] = {}
_PLAIN = (str, int, bool)


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    """A dataclass's field types. Asked for by the decoder, the shape and the encoder of each: evaluating the
    annotations (strings here) once per class, not three times, took 1 ms off planning ModuleFacts (measured)."""
    return typing.get_type_hints(kind)


def _record_encoder(kind: type) -> Encoder:
    """An encoder for one dataclass, planned from its type hints: plain fields are copied as they are, and only
    the others (tuples, nested dataclasses, enums) cost a call each."""
    hints = _hints(kind)
    names = tuple(field.name for field in dataclasses.fields(kind))
    fields = operator.attrgetter(*names) if len(names) > 1 else (lambda value: (getattr(value, names[0]),))
    nested: list[tuple[int, Encoder]] = []

    def encode_record(value: Any) -> list[Any]:
        found = list(fields(value))
        for index, inner in nested:
            found[index] = inner(found[index])
        return found

    _ENCODERS[kind] = encode_record  # before the fields: a dataclass may (indirectly) contain itself
    for index, name in enumerate(names):
        inner = _field_encoder(hints[name])
        if inner is not None:
            nested.append((index, inner))
    return encode_record


def _field_encoder(hint: Any) -> Encoder | None:
    """How to encode a value of type `hint`; None when it is already JSON-ready as it is."""
    if hint in _PLAIN:
        return None
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is tuple:
        items = [_field_encoder(argument) for argument in arguments if argument is not Ellipsis]
        if all(item is None for item in items):
            return list
        item = items[0]
        if len(arguments) == 2 and arguments[1] is Ellipsis and item is not None:
            return lambda value: [item(element) for element in value]
        return encode
    if origin in (typing.Union, types.UnionType) and type(None) in arguments:
        others = [argument for argument in arguments if argument is not type(None)]
        inner = _field_encoder(others[0]) if len(others) == 1 else encode
        return None if inner is None else (lambda value: None if value is None else inner(value))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        found = _ENCODERS.get(hint)
        return found if found is not None else _record_encoder(hint)
    return encode  # an enum, or anything unplanned: the general path


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
        return tuple(map(inner, value))

    return decode


def _plain_variadic(kind: type) -> Decoder:
    allowed = {kind}

    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or not allowed.issuperset(map(type, value)):
            raise CodecError(f"expected a list of {kind.__name__}")
        return tuple(value)

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
    hints = _hints(kind)
    names = tuple(field.name for field in dataclasses.fields(kind))
    inners: list[Decoder] = []
    # The JSON type each field must have, checked for all fields at once; then only tuples, nested dataclasses
    # and enums are decoded one by one (a warm run decodes some 40,000 records for Django).
    shapes = [_json_type(hints[name]) for name in names]
    checked = all(shape is not None for shape in shapes)
    nested: list[tuple[int, Decoder]] = []

    # Plain frozen dataclasses are filled in directly: their generated __init__ (one object.__setattr__ per
    # field) costs more than the whole JSON parse on a warm run.
    direct = not hasattr(kind, "__post_init__") and not hasattr(kind, "__slots__")
    new = object.__new__

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != len(inners):
            raise CodecError(f"expected a list of {len(names)} for {kind.__name__}")
        if checked:
            if list(map(type, value)) != shapes:
                raise CodecError(f"a field of {kind.__name__} has the wrong type")
            values = list(value)
            for index, inner in nested:
                values[index] = inner(values[index])
        else:
            values = [inner(item) for inner, item in zip(inners, value, strict=True)]
        if not direct:
            return kind(*values)
        found: Any = new(kind)
        found.__dict__.update(zip(names, values, strict=True))
        return found

    cache[kind] = decode  # before the fields: a dataclass may (indirectly) contain itself
    inners.extend(_decoder(hints[name], cache) for name in names)
    nested.extend((index, inners[index]) for index, name in enumerate(names) if hints[name] not in _PLAIN)
    return decode


def _json_type(hint: Any) -> type | None:
    """The one JSON type every value of `hint` has (`list` for tuples and dataclasses), or None when it varies."""
    if hint in _PLAIN:
        return cast(type, hint)
    if typing.get_origin(hint) is tuple or (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        return list
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        kinds = {type(member.value) for member in hint}
        return kinds.pop() if len(kinds) == 1 else None
    return None


def _decoder(hint: Any, cache: dict[Any, Decoder]) -> Decoder:
    if hint in cache:
        return cache[hint]
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis and arguments[0] in _PLAIN:
            return _plain_variadic(arguments[0])
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
        hints = _hints(kind)
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
