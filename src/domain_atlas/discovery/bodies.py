"""What function bodies and module-level statements say about messages: who emits what, which
registries map messages to handlers. symbols.py keeps signatures, not bodies, so these come from a walk of their own.

Everything is recorded as written (dotted names in the module's own namespace); resolving names to
classes of the service happens later, against every module's symbols.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

# Calls whose argument is a message being emitted or dispatched.
PUBLISH_VERBS = frozenset(
    {
        "append",
        "add_event",
        "record_event",
        "register_event",
        "record",
        "raise_event",
        "publish",
        "publish_event",
        "emit",
        "dispatch",
        "handle",
        "send",
        "put",
        "enqueue",
        "add",
        "apply",
        "notify",
        "execute",
        "execute_async",
    }
)
# `self.events.append(...)` publishes; `self.lines.append(...)` does not: the receiver must sound like events.
EVENT_COLLECTIONS = (
    "events",
    "_events",
    "pending_events",
    "_pending_events",
    "domain_events",
    "_domain_events",
    "changes",
    "_changes",
    "outbox",
    "_outbox",
    "messages",
    "_messages",
    "uncommitted_events",
)
SUBSCRIBE_VERBS = frozenset({"subscribe", "register", "register_handler", "add_handler", "on", "listen", "map"})


@dataclass(frozen=True)
class Emission:
    function: str  # qualified name inside the module: "Class.method" or "function"
    message: str  # dotted name of the class constructed, as written
    via: str  # e.g. "self.events.append"
    line: int


@dataclass(frozen=True)
class RegistryEntry:
    registry: str  # the dict's name, e.g. "EVENT_HANDLERS"
    key: str  # dotted class name as written, or a string literal quoted: "'invoice.paid'"
    handlers: tuple[str, ...]  # dotted names as written
    line: int


@dataclass(frozen=True)
class BodyFacts:
    emissions: tuple[Emission, ...] = ()
    registries: tuple[RegistryEntry, ...] = ()
    self_assignments: tuple[tuple[str, str, int], ...] = ()  # (Class.method, attribute, line) of `self.x = ...`
    returns: tuple[tuple[str, str, int], ...] = ()  # (function, class constructed in a return, line)
    digests: tuple[tuple[str, str], ...] = ()  # (top-level class or function name, digest of its body)


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _is_self(node: ast.expr) -> bool:
    """`dotted(node) == "self"`, without spelling out a longer name first."""
    return isinstance(node, ast.Name) and node.id == "self"


def _constructed(node: ast.AST, variables: dict[str, str]) -> str:
    """The class a message argument constructs: `Paid(...)`, `events.Paid(...)`, or a variable bound to one."""
    if isinstance(node, ast.Call):
        func = node.func
        # The last name first: most calls construct nothing, and spelling out each callee's whole name first cost
        # 1% of the walk.
        last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        return dotted(func) if last[:1].isupper() else ""
    if isinstance(node, ast.Name):
        return variables.get(node.id, "")
    return ""


_COLLECTING_VERBS = frozenset({"append", "add", "put", "extend"})
_VERBS = PUBLISH_VERBS | SUBSCRIBE_VERBS | _COLLECTING_VERBS  # a call with any other name emits nothing


def _emitting_receiver(func: ast.Attribute) -> bool:
    verb = func.attr
    receiver = dotted(func.value)
    last = receiver.split(".")[-1] if receiver else ""
    if verb in _COLLECTING_VERBS:
        return last in EVENT_COLLECTIONS
    return verb in PUBLISH_VERBS


# The fields of each node type a body's shape records: `ctx` (Load, Store, Del) follows from where a name stands.
_FIELDS = {
    kind: tuple(name for name in kind._fields if name != "ctx")
    for kind in vars(ast).values()
    if isinstance(kind, type) and issubclass(kind, ast.AST)
}


def _no_values(node: ast.AST) -> tuple[()]:
    return ()


def _values_getter(names: tuple[str, ...]) -> Callable[[ast.AST], tuple[Any, ...]]:
    """A node's field values in one call (an `attrgetter`, in C) rather than a `getattr` per field;
    a parsed node holds every field of its type."""
    if not names:
        return _no_values
    if len(names) == 1:
        name = names[0]
        return lambda node: (getattr(node, name),)
    return attrgetter(*names)


_Name = ast.Name
_Constant = ast.Constant


def _constant(value: object) -> str:
    # An int in hexadecimal: decimal text of a huge one (a 5,000-digit hex literal, say) raises ValueError.
    return "#" + (hex(value) if type(value) is int else repr(value))


class _BodyVisitor:
    """A walk over a module's statements that acts on the nodes saying something about messages (`visit_*`)
    and records the shape of all it walks (see `_digest`).

    The shape is a flat list of strings: each node's type, then its fields in order (names and constants
    inline, lists bracketed, `~` for None). It holds no position and no comment, so it is blind to layout;
    as the grammar fixes each type's fields, two trees record the same shape only when they differ in
    nothing else than what follows from where a name stands (`ctx`) or a `u` before a string.
    """

    def visit(self, node: ast.AST) -> None:
        name, values_of, handler = _PLANS[type(node)]
        self.shape.append(name)
        if handler is None:
            self._walk(values_of(node))
        else:
            handler(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        self._walk(_PLANS[type(node)][1](node))

    def _walk(self, values: Iterable[Any]) -> None:
        # The hottest loop of reading a file, so `visit` is written out in it twice (one Python call per node
        # with fields, where `visit` and `generic_visit` made two); leaves (names, constants) are recorded here.
        record = self.record
        for value in values:
            kind = type(value)
            if kind is list:
                record("[")
                for item in value:
                    kind = type(item)
                    if kind is _Name:
                        record("$" + item.id)
                    elif kind is _Constant:
                        record(_constant(item.value))
                    elif kind is str:
                        record(item)
                    elif item is None:
                        record("~")
                    else:
                        name, values_of, handler = _PLANS[kind]
                        record(name)
                        if handler is None:
                            self._walk(values_of(item))
                        else:
                            handler(self, item)
                record("]")
            elif kind is _Name:
                record("$" + value.id)
            elif kind is _Constant:
                record(_constant(value.value))
            elif kind is str:
                record(value)
            elif value is None:
                record("~")
            elif kind in _PLANS:
                name, values_of, handler = _PLANS[kind]
                record(name)
                if handler is None:
                    self._walk(values_of(value))
                else:
                    handler(self, value)
            else:  # an int (`from .. import`), or True/False in a `case` pattern
                record(repr(value))

    def _definition_fields(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """The fields of a class or function; of a module-level one field by field, noting where each sits in
        `shape` for its digest."""
        if node is not self.top_level:
            self.generic_visit(node)
            return
        shape = self.shape
        for name in _FIELDS[type(node)]:
            start = len(shape)
            self._walk((getattr(node, name),))
            self.spans[name] = (start, len(shape))

    def __init__(self) -> None:
        self.scope: list[str] = []
        self.variables: list[dict[str, str]] = [{}]
        self.emissions: list[Emission] = []
        self.registries: list[RegistryEntry] = []
        self.self_assignments: list[tuple[str, str, int]] = []
        self.returns: list[tuple[str, str, int]] = []
        self.shape: list[str] = []
        self.record = self.shape.append  # bound once: binding it on each walk cost 6% of the walk's instructions
        self.top_level: ast.AST | None = None  # the module-level class or function whose digest is being taken
        self.spans: dict[str, tuple[int, int]] = {}  # where each of its fields sits in `shape`

    def _qualified(self) -> str:
        return ".".join(self.scope)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        self._definition_fields(node)
        self.scope.pop()

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.variables.append({})
        self._definition_fields(node)
        self.variables.pop()
        self.scope.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Assign(self, node: ast.Assign) -> None:
        value = node.value
        constructed = _constructed(value, self.variables[-1])
        for target in node.targets:
            if isinstance(target, ast.Name):
                if constructed:
                    self.variables[-1][target.id] = constructed
                if isinstance(value, ast.Dict):
                    self._registry(target.id, value)
            elif isinstance(target, ast.Attribute) and _is_self(target.value) and self.scope:
                self.self_assignments.append((self._qualified(), target.attr, node.lineno))
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and isinstance(node.value, ast.Dict):
            self._registry(node.target.id, node.value)
        if isinstance(node.target, ast.Attribute) and _is_self(node.target.value) and self.scope:
            self.self_assignments.append((self._qualified(), node.target.attr, node.lineno))
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and isinstance(node.value, ast.Dict) and self.scope:
            self._registry(self._qualified(), node.value)
        elif node.value is not None and self.scope:
            constructed = _constructed(node.value, self.variables[-1])
            if constructed:
                self.returns.append((self._qualified(), constructed, node.lineno))
        self.generic_visit(node)

    def _registry(self, name: str, value: ast.Dict) -> None:
        for key, handlers in zip(value.keys, value.values, strict=False):
            if key is None:
                continue
            key_text = dotted(key)
            if not key_text and isinstance(key, ast.Constant) and isinstance(key.value, str):
                key_text = repr(key.value)
            if not key_text:
                continue
            items = handlers.elts if isinstance(handlers, ast.List | ast.Tuple | ast.Set) else [handlers]
            names = tuple(name for name in (_handler_name(item) for item in items) if name)
            if names and (key_text.startswith("'") or key_text.split(".")[-1][:1].isupper()):
                self.registries.append(RegistryEntry(name, key_text, names, key.lineno))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        # Most calls name no verb of interest: one look-up settles them (the checks below cost 0.01 s on Django).
        verb = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if verb in _VERBS and node.args:
            self._message_call(node, func)
        self.generic_visit(node)

    def _message_call(self, node: ast.Call, func: ast.expr) -> None:
        """A call that may emit a message or subscribe a handler to one."""
        if isinstance(func, ast.Attribute) and node.args and self.scope:
            if _emitting_receiver(func):
                for argument in node.args[:1]:
                    message = _constructed(argument, self.variables[-1])
                    if message:
                        self.emissions.append(Emission(self._qualified(), message, dotted(func), node.lineno))
        if isinstance(func, ast.Name) and func.id in PUBLISH_VERBS and node.args and self.scope:
            # an injected callable: `publish(OrderPlaced(...))`
            message = _constructed(node.args[0], self.variables[-1])
            if message:
                self.emissions.append(Emission(self._qualified(), message, func.id, node.lineno))
        verb = func.attr if isinstance(func, ast.Attribute) else dotted(func)
        if verb in SUBSCRIBE_VERBS and len(node.args) >= 2:
            key = dotted(node.args[0])
            if not key and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                key = repr(node.args[0].value)
            handler = _handler_name(node.args[1])
            if key and handler:
                where = dotted(func) or verb
                self.registries.append(RegistryEntry(f"{where}()", key, (handler,), node.lineno))


_HANDLERS = {
    getattr(ast, name.removeprefix("visit_")): function
    for name, function in vars(_BodyVisitor).items()
    if name.startswith("visit_") and hasattr(ast, name.removeprefix("visit_"))
}
# Per node type: its name, the getter of its fields' values and its `visit_*` handler, found in one look-up.
_PLANS = {kind: (kind.__name__, _values_getter(names), _HANDLERS.get(kind)) for kind, names in _FIELDS.items()}


def _handler_name(node: ast.AST) -> str:
    """`handlers.allocate`, `functools.partial(handle, uow=uow)` or `lambda e: handle(e, uow)` -> the handler."""
    name = dotted(node)
    if name:
        return name
    if isinstance(node, ast.Call) and node.args:
        if dotted(node.func).split(".")[-1] == "partial":
            return dotted(node.args[0])
        # `SomeHandler(repo)`: an instance of a handler class
        return dotted(node.func)
    if isinstance(node, ast.Lambda) and isinstance(node.body, ast.Call):
        return dotted(node.body.func)
    return ""


def collect_bodies(tree: ast.Module) -> BodyFacts:
    visitor = _BodyVisitor()
    digests = []
    for statement in tree.body:
        visitor.top_level = statement
        visitor.visit(statement)
        if isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            digests.append((statement.name, _digest(statement, visitor)))
        visitor.shape.clear()  # only a module-level definition's shape is kept, and only as its digest
    return BodyFacts(
        emissions=tuple(visitor.emissions),
        registries=tuple(visitor.registries),
        self_assignments=tuple(visitor.self_assignments),
        returns=tuple(visitor.returns),
        digests=tuple(digests),
    )


def _digest(node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef, visitor: _BodyVisitor) -> str:
    """A digest of a module-level class's or function's body, blind to its name, layout and comments, so a
    class renamed or moved with its body unchanged can be reported as a move rather than a removal and an addition.
    A class's bases and decorators are not part of it; a function's parameters and return annotation are.
    """
    parts = ("body",) if isinstance(node, ast.ClassDef) else ("args", "returns", "body")
    shape: list[str] = []
    for part in parts:  # slices joined in C: copying the tokens one by one cost 0.015 s on Django
        shape += visitor.shape[slice(*visitor.spans[part])]
    if all(_trivial(statement) for statement in node.body):
        # `pass` or a docstring alone says nothing: such bodies match only under the same name.
        shape.append(node.name)
    return hashlib.blake2b("\0".join(shape).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def body_digests(tree: ast.Module) -> tuple[tuple[str, str], ...]:
    """(name, digest) of each module-level class and function (see `_digest`)."""
    return collect_bodies(tree).digests


def _trivial(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Pass) or (
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    )
