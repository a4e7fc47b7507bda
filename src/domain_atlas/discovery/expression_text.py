"""Source expressions (annotations, bases, decorators, values) rendered as text, straight from `ast`.

The text is the one griffe's expressions give (`str(griffe.Expr)`), so facts read before and after keep
their exact wording: parentheses only where precedence needs them, constants as `repr`, string
annotations parsed unless the module postpones annotations, `Literal[...]` strings kept as strings.
Names are resolved (`canonical`) only where griffe resolves them: the callee of `Literal[...]`, bases,
decorators. Rendering never raises; an expression it cannot render is `None`, as griffe's is.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from functools import partial
from typing import cast

# How an expression is being built; griffe passes these down (or drops them) node by node.
PARSE_STRINGS = 1  # a string may be a postponed annotation: parse it
LITERAL_STRINGS = 2  # inside `Literal[...]`: strings stay strings
IN_FORMATTED = 4  # inside an f-string's `{...}`
IN_JOINED = 8  # inside an f-string

Resolve = Callable[[str], str]  # a name as written -> its canonical dotted path (or the name itself)

# Precedence, lowest first (Python's operator precedence as griffe orders it); 0 marks bare text
# (constants), which is never parenthesised.
_TEXT, _NONE, _YIELD, _STARRED, _LAMBDA, _IF_ELSE, _OR, _AND, _NOT, _COMPARE = range(10)
_BIT_OR, _BIT_XOR, _BIT_AND, _SHIFT, _ADD, _MUL, _UNARY, _POWER, _AWAIT, _CALL, _ATOMIC = range(10, 21)
_LEFT, _RIGHT = 1, 2  # associativity that decides parentheses between equal precedences

_Rendered = tuple[str, int, int]  # text, precedence, associativity

_LITERAL_CALLEES = frozenset({"typing.Literal", "typing_extensions.Literal"})
_UNARY_OPERATORS = {ast.Invert: ("~", _UNARY), ast.Not: ("not", _NOT), ast.UAdd: ("+", _UNARY), ast.USub: ("-", _UNARY)}
_BINARY_OPERATORS = {
    ast.Add: ("+", _ADD),
    ast.Sub: ("-", _ADD),
    ast.Mult: ("*", _MUL),
    ast.MatMult: ("@", _MUL),
    ast.Div: ("/", _MUL),
    ast.FloorDiv: ("//", _MUL),
    ast.Mod: ("%", _MUL),
    ast.Pow: ("**", _POWER),
    ast.LShift: ("<<", _SHIFT),
    ast.RShift: (">>", _SHIFT),
    ast.BitAnd: ("&", _BIT_AND),
    ast.BitXor: ("^", _BIT_XOR),
    ast.BitOr: ("|", _BIT_OR),
}
_COMPARISON_OPERATORS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
_CONVERSION = {115: "s", 114: "r", 97: "a"}
_QUOTES = ("'", '"', "'''", '"""')


class _Unrenderable(Exception):
    """An expression griffe could not build either (its `safe_get_expression` gives None)."""


class NoCanonicalPath(Exception):
    """An expression griffe builds but cannot give a canonical path (a called constant)."""


def written(node: ast.AST | None, resolve: Resolve, flags: int = 0) -> str | None:
    """`node` as griffe renders it, or None when there is no node or griffe would fail on it."""
    if node is None:
        return None
    if type(node) is ast.Name:  # most annotations and values: nothing to build
        return node.id
    try:
        return _render(node, resolve, flags)[0]
    except Exception:  # griffe logs and drops an expression it cannot build; so do we
        return None


def canonical(node: ast.AST, resolve: Resolve) -> str:
    """The dotted path griffe gives an expression built without string parsing (bases, decorators)."""
    if isinstance(node, ast.Name):
        return resolve(node.id)
    if isinstance(node, ast.Attribute):
        attributes = []
        while isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        tail = ".".join(reversed(attributes))
        if isinstance(node, ast.Name):
            return f"{resolve(node.id)}.{tail}"
        return f"str.{tail}" if isinstance(node, ast.Constant) else tail
    if isinstance(node, ast.Subscript):
        if isinstance(node.value, ast.Constant):
            return _render(node.value, resolve, 0)[0]
        return canonical(node.value, resolve)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Constant):
            raise NoCanonicalPath("a call of a constant")  # griffe's `canonical_path` fails on it too
        return canonical(node.func, resolve)
    return _render(node, resolve, 0)[0]


def subscript_parts(node: ast.Subscript, resolve: Resolve, flags: int) -> tuple[str, str]:
    """Text of the subscripted value and of the subscript, as griffe builds them (`ClassVar[X]` -> `X`)."""
    left = _render(node.value, resolve, flags & ~(PARSE_STRINGS | LITERAL_STRINGS))
    inner = flags & (IN_FORMATTED | IN_JOINED)
    if flags & PARSE_STRINGS:
        literal = flags & LITERAL_STRINGS or (
            isinstance(node.value, ast.Name | ast.Attribute) and canonical(node.value, resolve) in _LITERAL_CALLEES
        )
        inner |= PARSE_STRINGS | (LITERAL_STRINGS if literal else 0)
    return _wrap(left, _CALL), _wrap(_implicit(node.slice, resolve, inner), _NONE)


def parsed_annotation(node: ast.expr, flags: int) -> tuple[ast.expr, int]:
    """The expression a string annotation stands for (and the flags it is built with), else `node` itself."""
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and flags & PARSE_STRINGS
        and not flags & (LITERAL_STRINGS | IN_FORMATTED)
        and not (flags & IN_JOINED)
    ):
        try:
            parsed = compile(node.value, "<string-annotation>", "eval", ast.PyCF_ONLY_AST, optimize=1)
        except SyntaxError:
            return node, flags
        assert isinstance(parsed, ast.Expression)
        return parsed.body, 0
    return node, flags


def _wrap(rendered: _Rendered, outer: int, is_left: bool = False) -> str:
    body, precedence, associativity = rendered
    if precedence == _TEXT:
        return body
    if precedence < outer or (
        precedence == outer and ((associativity == _RIGHT and is_left) or (associativity == _LEFT and not is_left))
    ):
        return f"({body})"
    return body


def _join(items: Sequence[_Rendered]) -> str:
    return ", ".join(_wrap(item, _NONE) for item in items)


def _implicit(node: ast.expr, resolve: Resolve, flags: int) -> _Rendered:
    """A tuple that needs no parentheses of its own (a subscript, a comprehension target)."""
    node, flags = parsed_annotation(node, flags)
    if isinstance(node, ast.Tuple) and node.elts:
        items = [_render(element, resolve, flags) for element in node.elts]
        return _join(items) + ("," if len(items) == 1 else ""), _ATOMIC, 0
    return _render(node, resolve, flags)


def _constant(node: ast.Constant, resolve: Resolve, flags: int) -> _Rendered:
    value = node.value
    if isinstance(value, str):
        if flags & IN_JOINED and not flags & IN_FORMATTED:
            return value, _TEXT, 0
        parsed, parsed_flags = parsed_annotation(node, flags)
        if parsed is not node:
            return _render(parsed, resolve, parsed_flags)
    return ("..." if value is Ellipsis else repr(value)), _TEXT, 0


def _name(node: ast.Name, resolve: Resolve, flags: int) -> _Rendered:
    return node.id, _ATOMIC, 0


def _attribute(node: ast.Attribute, resolve: Resolve, flags: int) -> _Rendered:
    base = _render(node.value, resolve, flags)
    if base[1] == _TEXT and base[0].isdigit():
        return f"({base[0]}).{node.attr}", _CALL, 0
    return f"{_wrap(base, _CALL, is_left=True)}.{node.attr}", _CALL, 0


def _subscript(node: ast.Subscript, resolve: Resolve, flags: int) -> _Rendered:
    left, index = subscript_parts(node, resolve, flags)
    return f"{left}[{index}]", _CALL, 0


def _call(node: ast.Call, resolve: Resolve, flags: int) -> _Rendered:
    function = _wrap(_render(node.func, resolve, flags), _CALL)
    if len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.GeneratorExp):
        arguments = [_generator(node.args[0], resolve, flags, implicit=True)]
    else:
        arguments = [_render(argument, resolve, flags) for argument in node.args]
    for keyword in node.keywords:
        value = _render(keyword.value, resolve, flags)
        if keyword.arg is None:
            arguments.append(("**" + _wrap(value, _BIT_OR, is_left=True), _STARRED, 0))
        else:
            arguments.append((f"{keyword.arg}={_wrap(value, _STARRED)}", _NONE, 0))
    return f"{function}({_join(arguments)})", _CALL, 0


def _binary(node: ast.BinOp, resolve: Resolve, flags: int) -> _Rendered:
    operator, precedence = _BINARY_OPERATORS[type(node.op)]
    left = _render(node.left, resolve, flags)
    right = _render(node.right, resolve, flags)
    right_outer = precedence - 1 if operator == "**" and right[1] in (_UNARY, _NOT) else precedence
    body = f"{_wrap(left, precedence, is_left=True)} {operator} {_wrap(right, right_outer)}"
    return body, precedence, _RIGHT if operator == "**" else _LEFT


def _boolean(node: ast.BoolOp, resolve: Resolve, flags: int) -> _Rendered:
    operator, precedence = ("and", _AND) if isinstance(node.op, ast.And) else ("or", _OR)
    values = [_render(value, resolve, flags) for value in node.values]
    parts = [_wrap(values[0], precedence, is_left=True), *(_wrap(value, precedence) for value in values[1:])]
    return f" {operator} ".join(parts), precedence, _LEFT


def _unary(node: ast.UnaryOp, resolve: Resolve, flags: int) -> _Rendered:
    operator, precedence = _UNARY_OPERATORS[type(node.op)]
    operand = _wrap(_render(node.operand, resolve, flags), precedence)
    return (f"not {operand}" if operator == "not" else operator + operand), precedence, 0


def _compare(node: ast.Compare, resolve: Resolve, flags: int) -> _Rendered:
    parts = [_wrap(_render(node.left, resolve, flags), _COMPARE, is_left=True)]
    for operator, comparator in zip(node.ops, node.comparators, strict=False):
        parts.append(f" {_COMPARISON_OPERATORS[type(operator)]} {_wrap(_render(comparator, resolve, flags), _COMPARE)}")
    return "".join(parts), _COMPARE, 0


def _if_expression(node: ast.IfExp, resolve: Resolve, flags: int) -> _Rendered:
    body = _wrap(_render(node.body, resolve, flags), _IF_ELSE, is_left=True)
    test = _wrap(_render(node.test, resolve, flags), _IF_ELSE + 1)
    orelse = _render(node.orelse, resolve, flags)
    otherwise = orelse[0] if orelse[1] == _IF_ELSE else _wrap(orelse, _IF_ELSE)
    return f"{body} if {test} else {otherwise}", _IF_ELSE, _RIGHT


def _sequence(node: ast.List | ast.Set | ast.Tuple, resolve: Resolve, flags: int) -> _Rendered:
    items = [_render(element, resolve, flags) for element in node.elts]
    if isinstance(node, ast.List):
        return f"[{_join(items)}]", _ATOMIC, 0
    if isinstance(node, ast.Set):
        return f"{{{_join(items)}}}", _ATOMIC, 0
    if not items:
        return "()", _ATOMIC, 0
    return f"({_join(items)}{',' if len(items) == 1 else ''})", _ATOMIC, 0


def _dictionary(node: ast.Dict, resolve: Resolve, flags: int) -> _Rendered:
    entries = []
    for key, value in zip(node.keys, node.values, strict=False):
        shown = _wrap(_render(value, resolve, flags), _STARRED)
        entries.append("**" + shown if key is None else f"{_wrap(_render(key, resolve, flags), _STARRED)}: {shown}")
    return "{" + ", ".join(entries) + "}", _ATOMIC, 0


def _generators(generators: list[ast.comprehension], resolve: Resolve, flags: int) -> str:
    parts = []
    for generator in generators:
        target = _wrap(_implicit(generator.target, resolve, flags), _NONE)
        source = _wrap(_render(generator.iter, resolve, flags), _OR, is_left=True)
        conditions = "".join(f" if {_wrap(_render(c, resolve, flags), _OR, is_left=True)}" for c in generator.ifs)
        parts.append(f"{'async ' if generator.is_async else ''}for {target} in {source}{conditions}")
    return " ".join(parts)


def _comprehension(node: ast.ListComp | ast.SetComp | ast.DictComp, resolve: Resolve, flags: int) -> _Rendered:
    if isinstance(node, ast.DictComp):
        key = _wrap(_render(node.key, resolve, flags), _NONE)
        element = f"{key}: {_wrap(_render(node.value, resolve, flags), _NONE)}"
    else:
        element = _wrap(_render(node.elt, resolve, flags), _NONE)
    opening, closing = ("[", "]") if isinstance(node, ast.ListComp) else ("{", "}")
    return f"{opening}{element} {_generators(node.generators, resolve, flags)}{closing}", _ATOMIC, 0


def _generator(node: ast.GeneratorExp, resolve: Resolve, flags: int, implicit: bool = False) -> _Rendered:
    body = f"{_wrap(_render(node.elt, resolve, flags), _NONE)} {_generators(node.generators, resolve, flags)}"
    return (body if implicit else f"({body})"), _ATOMIC, 0


def _lambda(node: ast.Lambda, resolve: Resolve, flags: int) -> _Rendered:
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults)) + [*arguments.defaults]
    parts: list[str] = []
    for index, argument in enumerate(positional):
        parts.append(argument.arg + _default(defaults[index], resolve))
        if index == len(arguments.posonlyargs) - 1:
            parts.append("/")
    if arguments.vararg:
        parts.append("*" + arguments.vararg.arg)
    elif arguments.kwonlyargs:
        parts.append("*")
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=False):
        parts.append(argument.arg + _default(default, resolve))
    if arguments.kwarg:
        parts.append("**" + arguments.kwarg.arg)
    signature = " " + ", ".join(parts) if parts else ""
    return f"lambda{signature}: {_wrap(_render(node.body, resolve, flags), _NONE)}", _LAMBDA, 0


def _default(node: ast.expr | None, resolve: Resolve) -> str:
    if node is None:
        return ""
    try:
        rendered = _render(node, resolve, 0)
    except Exception:  # griffe drops a default it cannot build
        return ""
    return "=" + _wrap(rendered, _STARRED)


def _formatted(node: ast.FormattedValue, resolve: Resolve, flags: int, separate: bool = True) -> _Rendered:
    value = _render(node.value, resolve, flags | IN_FORMATTED | IN_JOINED)
    parts = ["{", " " if separate and value[0].startswith("{") else "", _wrap(value, _IF_ELSE)]
    conversion = _CONVERSION.get(node.conversion)
    if conversion:
        parts.append("!" + conversion)
    spec = node.format_spec
    if isinstance(spec, ast.JoinedStr) and spec.values:
        parts.append(":")
        spec_flags = (flags & ~(IN_FORMATTED | IN_JOINED)) | IN_JOINED
        for part in spec.values:
            if isinstance(part, _FIELDS):  # a t-string's Interpolation has a FormattedValue's fields
                field = cast(ast.FormattedValue, part)
                parts.append(_formatted(field, resolve, flags & ~(IN_FORMATTED | IN_JOINED), separate=False)[0])
                continue
            rendered = _render(part, resolve, spec_flags)
            parts.append(rendered[0].replace("{", "{{").replace("}", "}}") if rendered[1] == _TEXT else rendered[0])
    parts.append("}")
    return "".join(parts), _ATOMIC, 0


def _joined(node: ast.JoinedStr, resolve: Resolve, flags: int, prefix: str = "f") -> _Rendered:
    values = [_render(value, resolve, flags | IN_JOINED) for value in node.values]
    quotes = list(_QUOTES)
    escaped_parts = []
    for body, precedence, _ in values:
        if precedence == _TEXT:
            escaped = (
                body.replace("{", "{{")
                .replace("}", "}}")
                .replace("\\", "\\\\")
                .replace("\r", "\\r")
                .replace("\0", "\\x00")
                .replace("\n", "\\n")
                .replace("\t", "\\t")
            )
            quotes = [quote for quote in quotes if quote not in escaped] or quotes
            escaped_parts.append(escaped)
        else:
            if "\n" in body:
                quotes = [quote for quote in quotes if quote in ('"""', "'''")] or quotes
            quotes = [quote for quote in quotes if quote not in body] or quotes
            escaped_parts.append(body)
    return f"{prefix}{quotes[0]}{''.join(escaped_parts)}{quotes[0]}", _ATOMIC, 0


def _starred(node: ast.Starred, resolve: Resolve, flags: int) -> _Rendered:
    return "*" + _wrap(_render(node.value, resolve, flags), _BIT_OR, is_left=True), _STARRED, 0


def _slice(node: ast.Slice, resolve: Resolve, flags: int) -> _Rendered:
    lower = "" if node.lower is None else _wrap(_render(node.lower, resolve, flags), _STARRED)
    upper = "" if node.upper is None else _wrap(_render(node.upper, resolve, flags), _STARRED)
    step = "" if node.step is None else ":" + _wrap(_render(node.step, resolve, flags), _STARRED)
    return f"{lower}:{upper}{step}", _NONE, 0


def _named(node: ast.NamedExpr, resolve: Resolve, flags: int) -> _Rendered:
    target = _wrap(_render(node.target, resolve, flags), _NONE)
    return f"({target} := {_wrap(_render(node.value, resolve, flags), _STARRED)})", _ATOMIC, 0


def _await(node: ast.Await, resolve: Resolve, flags: int) -> _Rendered:
    return "await " + _wrap(_render(node.value, resolve, flags), _CALL), _AWAIT, 0


def _yield(node: ast.Yield | ast.YieldFrom, resolve: Resolve, flags: int) -> _Rendered:
    if isinstance(node, ast.YieldFrom):
        return "yield from " + _wrap(_render(node.value, resolve, flags), _STARRED), _YIELD, 0
    if node.value is None:
        return "yield", _YIELD, 0
    return "yield " + _wrap(_render(node.value, resolve, flags), _STARRED), _YIELD, 0


_RENDERERS: dict[type, Callable[..., _Rendered]] = {
    ast.Name: _name,
    ast.Attribute: _attribute,
    ast.Constant: _constant,
    ast.Subscript: _subscript,
    ast.Call: _call,
    ast.BinOp: _binary,
    ast.BoolOp: _boolean,
    ast.UnaryOp: _unary,
    ast.Compare: _compare,
    ast.IfExp: _if_expression,
    ast.List: _sequence,
    ast.Set: _sequence,
    ast.Tuple: _sequence,
    ast.Dict: _dictionary,
    ast.ListComp: _comprehension,
    ast.SetComp: _comprehension,
    ast.DictComp: _comprehension,
    ast.GeneratorExp: _generator,
    ast.Lambda: _lambda,
    ast.FormattedValue: _formatted,
    ast.JoinedStr: _joined,
    ast.Starred: _starred,
    ast.Slice: _slice,
    ast.NamedExpr: _named,
    ast.Await: _await,
    ast.Yield: _yield,
    ast.YieldFrom: _yield,
}

_TEMPLATE: type | None = getattr(ast, "TemplateStr", None)  # Python 3.14 t-strings, written as griffe writes them
_INTERPOLATION: type | None = getattr(ast, "Interpolation", None)
if _TEMPLATE is not None and _INTERPOLATION is not None:
    _RENDERERS[_TEMPLATE] = partial(_joined, prefix="t")
    _RENDERERS[_INTERPOLATION] = _formatted
_FIELDS = tuple(kind for kind in (ast.FormattedValue, _INTERPOLATION) if kind is not None)


def _render(node: ast.AST, resolve: Resolve, flags: int) -> _Rendered:
    renderer = _RENDERERS.get(type(node))
    if renderer is None:
        raise _Unrenderable(type(node).__name__)
    return renderer(node, resolve, flags)
