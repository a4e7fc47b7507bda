"""The definitions of one module as griffe would hold them, kept only as far as facts and name lookup need.

A name used in a base, a decorator or `Literal[...]` resolves the way griffe resolves it: through the
members of the enclosing scopes (imports give their dotted target, anything else its own dotted path),
first match wins, unknown names stay as written. Paths start at the module's last name, as griffe's
do when it visits one file on its own.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Kind(Enum):
    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"
    ATTRIBUTE = "attribute"
    ALIAS = "alias"  # an imported name
    TYPE_ALIAS = "type alias"


# The members under plain names: on Python 3.11 each `Kind.X` is a descriptor call (0.17 us, five times a global),
# and reading Django's symbols looks kinds up some 150,000 times.
MODULE, CLASS, FUNCTION = Kind.MODULE, Kind.CLASS, Kind.FUNCTION
ATTRIBUTE, ALIAS, TYPE_ALIAS = Kind.ATTRIBUTE, Kind.ALIAS, Kind.TYPE_ALIAS

_NO_MEMBERS: dict[str, Symbol] = {}  # shared by symbols that never hold members: never written to
_NO_TYPE_PARAMETERS: dict[str, str] = {}
_NO_PARAMETERS: frozenset[str] = frozenset()


class Unresolved(Exception):
    """No scope defines the name: griffe keeps it as written."""


class AliasStart(Exception):
    """Lookup would start at an imported name, which griffe cannot follow without loading its target."""


class Symbol:
    """One module, class, function, attribute or imported name, with what resolution and facts need."""

    __slots__ = (
        "annotation",
        "facts",
        "is_property",
        "kind",
        "members",
        "name",
        "parameters",
        "parent",
        "target",
        "type_parameters",
    )

    def __init__(self, kind: Kind, name: str, parent: Symbol | None, target: str = "") -> None:
        self.kind = kind
        self.name = name
        self.parent = parent
        self.target = target  # an imported name's dotted target
        # Modules and classes hold members; so does an `__init__` griffe walks into (given its own dict then).
        self.members: dict[str, Symbol] = {} if kind is MODULE or kind is CLASS else _NO_MEMBERS
        self.parameters = _NO_PARAMETERS  # an `__init__`'s, which griffe resolves to `Class(name)`
        self.type_parameters: dict[str, str] = _NO_TYPE_PARAMETERS  # PEP 695 name -> its star prefix
        self.annotation: str | None = None  # attributes: their annotation; functions: their return annotation
        self.is_property = False  # an attribute griffe labels "property" (and one assigned over it)
        self.facts: Any = None  # the finished facts of a member, for the module and its classes

    @property
    def path(self) -> str:
        """Where the symbol resolves to: an imported name to what it imports, any other to where it is defined."""
        if self.target:
            return self.target
        return f"{self.parent.path}.{self.name}" if self.parent is not None else self.name


def resolve(start: Symbol, name: str) -> str:
    """`name` as griffe resolves it from `start`; raises Unresolved (keep the name) or AliasStart (give up)."""
    scope = start
    if scope.kind is ALIAS:
        raise AliasStart(name)
    while True:
        if scope.kind is FUNCTION and scope.name == "__init__" and scope.parent is not None:
            if name in scope.parameters:
                return f"{scope.parent.path}({name})"
        if scope.type_parameters and name in scope.type_parameters:
            return f"{scope.path}[{scope.type_parameters[name]}{name}]"
        member = scope.members.get(name)
        if member is not None:
            return member.path
        parent = scope.parent
        if parent is None:
            raise Unresolved(name)
        if name == parent.name and parent.kind is not MODULE:
            return parent.path
        scope = parent


def canonical_name(start: Symbol, name: str) -> str:
    try:
        return resolve(start, name)
    except Unresolved:
        return name
