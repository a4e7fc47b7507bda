"""The per-file symbol reader: hand-written modules with the facts expected of them, and griffe as the oracle.

symbols.py reads classes and functions in one walk over the tree, keeping griffe's semantics (which
assignments are attributes, which branch wins, how expressions are written, how bases resolve). The
first tests pin those semantics with expected facts written by hand; the last ones hold the reader to
griffe's own visitor on awkward code and on every fixture and example service.
"""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain_atlas.discovery import expression_text, syntax
from domain_atlas.discovery.symbols import AttributeFacts, FunctionFacts, Parameter, SymbolFacts, read_symbols

ROOT = Path(__file__).resolve().parent.parent


def read(source: str, filename: str = "orders.py") -> SymbolFacts:
    text = textwrap.dedent(source)
    return read_symbols("shop.orders", Path(filename), text, ast.parse(text))


def test_bases_as_written_and_resolved_through_the_imports() -> None:
    facts = read(
        """
        from abc import ABC
        import typing as t
        from django.db import models
        from .base import Entity

        class Base: ...

        class Order(ABC, t.Protocol, models.Model, Entity, Base, Unknown, Generic[T], metaclass=Meta): ...
        """
    )
    order = facts.classes[1]
    assert order.bases == ("ABC", "t.Protocol", "models.Model", "Entity", "Base", "Unknown", "Generic[T]")
    # A relative import starts at the module's own last name, and a local class is `module.Class`, as in griffe.
    assert order.canonical_bases == (
        "abc.ABC",
        "typing.Protocol",
        "django.db.models.Model",
        "orders.base.Entity",
        "orders.Base",
        "Unknown",
        "Generic",
    )


def test_a_base_resolves_against_what_the_module_finally_defines() -> None:
    facts = read(
        """
        class Order(Base): ...
        from shop.kernel import Base
        """
    )
    assert facts.classes[0].canonical_bases == ("shop.kernel.Base",)


def test_attributes_follow_griffes_rules() -> None:
    facts = read(
        """
        from typing import ClassVar

        class Order:
            status: str
            count: ClassVar[int] = 0
            a = b = 1
            c, d = 1, 2
            if FLAG:
                e = 1
            else:
                e = 2
            try:
                f = 1
            except ImportError:
                f = 2
            g.h = 1

            def __init__(self, total: int) -> None:
                self.status = "new"
                self.total = total
                if total:
                    self.total = 0
                self.items, self.lines = [], []
                self.x.y = 1
                other.z = 1

            def later(self):
                self.not_an_attribute = 1
        """
    )
    assert facts.classes[0].attributes == (
        AttributeFacts("count", 6, "int", "0"),  # ClassVar[X] keeps X
        AttributeFacts("a", 7, "", "1"),  # every name of a chained assignment; tuple targets none
        AttributeFacts("b", 7, "", "1"),
        AttributeFacts("e", 10, "", "1"),  # inside if/else and try/except the first assignment wins
        AttributeFacts("f", 14, "", "1"),
        AttributeFacts("status", 20, "str", "'new'"),  # set in __init__, annotated in the class body
        AttributeFacts("total", 21, "", "total"),
    )


def test_properties_are_attributes_and_their_setters_fold_in() -> None:
    facts = read(
        """
        import functools
        from django.utils.functional import cached_property

        class Account:
            @property
            def balance(self) -> int: ...

            @balance.setter
            def balance(self, value: int) -> None: ...

            @functools.cached_property
            def money(self) -> "Money": ...

            @cached_property
            def owner(self): ...
        """
    )
    account = facts.classes[0]
    assert account.attributes == (AttributeFacts("balance", 7, "int", ""), AttributeFacts("money", 13, "Money", ""))
    assert [method.name for method in account.methods] == ["owner"]  # griffe knows functools', not Django's


def test_signatures_docstrings_and_lines() -> None:
    facts = read(
        '''
        """
            Orders.

            Take them.
        """
        import functools
        from typing import Literal, Optional, overload

        @functools.total_ordering
        class Order:
            @staticmethod
            async def make(a, /, b: "Order", *args: int, c: Optional["Order"] = None, d: Literal["x"], **kw) -> "int":
                """Make one.

                    Indented.
                """

        @overload
        def parse(x: int) -> int: ...
        @overload
        def parse(x: str) -> str: ...
        def parse(x):
            return x

        for _ in range(1):
            @functools.cache
            def looped(): ...
        '''
    )
    assert facts.docstring == "Orders.\n\nTake them."
    order = facts.classes[0]
    assert (order.line, order.end_line, order.decorators) == (11, 17, ("functools.total_ordering",))
    assert order.methods == (
        FunctionFacts(
            name="make",
            line=13,  # the `def` line, not the decorator's
            parameters=(
                Parameter("a", ""),
                Parameter("b", "Order"),  # string annotations are read as code...
                Parameter("args", "int"),
                Parameter("c", "Optional[Order]"),
                Parameter("d", "Literal['x']"),  # ...except inside Literal[...]
                Parameter("kw", ""),
            ),
            returns="int",
            decorators=("staticmethod",),
            docstring="Make one.\n\nIndented.",
            is_async=True,
        ),
    )
    parse, looped = facts.functions
    assert (parse.line, parse.parameters) == (23, (Parameter("x", ""),))  # overloads leave the implementation
    assert looped.line == 27  # griffe's line (the first decorator's) for a definition inside a loop


def test_postponed_annotations_stay_strings() -> None:
    facts = read(
        """
        from __future__ import annotations

        def make(order: "Order", items: list["Item"]) -> "Order": ...
        """
    )
    assert facts.functions[0].parameters == (Parameter("order", "'Order'"), Parameter("items", "list['Item']"))


def test_imported_names_of_a_module_and_of_a_package() -> None:
    source = """
        import os.path
        import numpy as np
        from . import sibling
        from .models import *
        if TYPE_CHECKING:
            from shop.kernel import Money
        def later():
            import json
        """
    expected = [("Money", "shop.kernel.Money"), ("np", "numpy"), ("os", "os")]
    assert read(source, "orders.py").imported_names == tuple(sorted([*expected, ("sibling", "orders.sibling")]))
    assert read(source, "__init__.py").imported_names == tuple(expected)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("2 ** -1", "2 ** -1"),
        ("a - (b - c)", "a - (b - c)"),
        ("lambda x, /, y=1, *, z: x", "lambda x, /, y=1, *, z: x"),
        ("{**base, 'k': [i for i in range(3) if i]}", "{**base, 'k': [i for i in range(3) if i]}"),
        ("f'{name!r:>{width}} and {{braces}}'", "f'{name!r:>{width}} and {{braces}}'"),
        ("x if y else z if w else v", "x if y else z if w else v"),
        ("a if (b or c) else d", "a if (b or c) else d"),
        ("not (a and b)", "not (a and b)"),
        ("sum(x for x in y)", "sum(x for x in y)"),
        ("(1).real", "(1).real"),
        ("...", "..."),
        ("b'raw'", "b'raw'"),
        ("x[1:2, ::3]", "x[1:2, ::3]"),
    ],
)
def test_values_are_written_as_griffe_writes_them(value: str, written: str) -> None:
    facts = read(f"class Config:\n    value = {value}\n")
    assert facts.classes[0].attributes[0].value == written


def test_an_expression_too_deep_to_walk_is_dropped_not_fatal() -> None:
    deep = "(" * 90 + "x" + ")" * 90
    chained = " + ".join(["x"] * 1500)  # parses, but nests deeper than a Python walk may recurse
    facts = read(f"class Config:\n    shallow: {deep}\n    value: int = {chained}\n")
    assert [(a.name, a.annotation, a.value) for a in facts.classes[0].attributes] == [
        ("shallow", "x", ""),
        ("value", "int", ""),  # griffe drops an expression it cannot build; so do we
    ]


def test_a_base_or_decorator_too_deep_to_walk_costs_only_itself() -> None:
    # griffe's visitor walked every node of a class and raised RecursionError here, losing the whole file's facts.
    deep_base, deep_decorator = "a" + "[0]" * 1500, "d" + "()" * 1500
    facts = read(f"class A(Base, {deep_base}):\n    @{deep_decorator}\n    def m(self): ...\n")
    assert (facts.classes[0].bases, facts.classes[0].canonical_bases) == (("Base", ""), ("Base", ""))
    assert [(m.name, m.decorators) for m in facts.classes[0].methods] == [("m", ())]


def test_a_string_annotation_that_is_not_code_stays_a_string() -> None:
    facts = read('class Config:\n    value: "a\\x00b"\n    other: ClassVar["no code here"]\n')
    assert [(a.name, a.annotation) for a in facts.classes[0].attributes] == [
        ("value", "'a\\x00b'"),
        ("other", "'no code here'"),
    ]


def test_newer_syntax_is_read_after_discovery_downlevels_it() -> None:
    text = "class Box[T](Base[T]):\n    item: T\n\ntype Items = list[Box]\n\ndef first[T](items: list[T]) -> T: ...\n"
    parsed = syntax.parse_source(text, "orders.py")
    facts = read_symbols("shop.orders", Path("orders.py"), parsed.text, parsed.tree)
    assert [c.name for c in facts.classes] == ["Box"]
    assert facts.classes[0].bases == ("Base[T]",)
    assert facts.functions[0].parameters == (Parameter("items", "list[T]"),)


# Awkward modules: each is read by us and by griffe's visitor, and the facts must be equal.
AWKWARD = {
    "members replaced later": """
        class A:
            def save(self) -> int: ...
            save = atomic(save)
            def gone(self): ...
            from helpers import gone
            x: int = 1
            x = 2
        A = decorate(A)
        class B: ...
        """,
    "nested and local classes": """
        class Outer:
            class Meta:
                ordering = ["id"]
                def __init__(self):
                    self.hidden = 1
            def __init__(self, a):
                class Local: ...
                def helper(): ...
                import json
                self.a: Literal["x"] = a
                self.b = helper
        """,
    "branches and loops": """
        if X:
            @dec
            class A:
                y = 1
        else:
            class A:
                y = 2
        while True:
            @dec
            class W: ...
        with ctx():
            @dec
            def f(): ...
        match value:
            case 1:
                class M:
                    @dec
                    def m(self): ...
        try:
            import json
        except ImportError:
            json = None
        """,
    "resolution edge cases": """
        from typing import Literal as L, ClassVar as CV
        import typing
        from helpers import handler, Base
        class Base2(Base):
            Base = 1
        class C(Base2, typing.Generic, object):
            v: CV[int] = 1
            w: typing.ClassVar["int"] = 2
            def handler(self, kind: L["a"]) -> L["b"]: ...
        def handler(kind: Literal["a"]) -> None: ...
        """,
    "annotations name reused": """
        from __future__ import annotations
        def f(a: "X") -> "Y": ...
        annotations = 1
        def g(a: "X") -> "Y": ...
        """,
    "accessors": """
        class P:
            @property
            def x(self): ...
            @x.setter
            def x(self, v): ...
            @x.deleter
            def x(self): ...
            y = property(lambda self: 1)
            @y.setter
            def y(self, v): ...
            def z(self): ...
            @z.setter
            def z(self, v): ...
            @unknown.setter
            def w(self, v): ...
        """,
    "odd expressions": """
        class E:
            a = [*x, *y]
            b = f(*args, **kw, key=(v := 1))
            c = {1, 2}
            d = {k: v for k, v in items}
            e = -(-x) ** 2
            f = (a, )
            g = ()
            h = x[()]
            i = await_(x)
            j = f"{x!s}{y:{z}.{w}}" f"{ {1: 2} }"
            k = 1 if a else (b if c else d)
            l = (a if b else c) if d else e
            m = a < b < c
            n = "multi\\nline\\ttab"
            o = lambda: (yield)
            p = 1_000.5e3j
            q = a @ b ^ c & d << e
            r = x.y.z[0].w()
            s = "abc".join
            t = 1 .real
        """,
    "decorators": """
        import functools, typing
        from typing import overload as ov
        @functools.lru_cache(maxsize=None)
        def a(): ...
        @ov
        def b(x: int): ...
        def b(x): ...
        @typing.overload
        def c(): ...
        class K:
            @classmethod
            @functools.wraps(f)
            def m(cls): ...
        """,
}


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_modules_read_as_griffe_reads_them(name: str) -> None:
    griffe_symbols = pytest.importorskip("tests.griffe_symbols").griffe_symbols
    text = textwrap.dedent(AWKWARD[name])
    for filename in ("orders.py", "__init__.py"):
        ours = read_symbols("shop.orders", Path(filename), text, ast.parse(text))
        assert ours == griffe_symbols("shop.orders", Path(filename), text, ast.parse(text))


def test_every_fixture_and_example_reads_as_griffe_reads_it() -> None:
    griffe_symbols = pytest.importorskip("tests.griffe_symbols").griffe_symbols
    files = sorted([*(ROOT / "tests" / "fixtures").rglob("*.py"), *(ROOT / "examples").rglob("*.py")])
    assert len(files) > 300
    for path in files:
        parsed = syntax.parse_source(path.read_text(encoding="utf-8", errors="replace"), str(path))
        if parsed.outcome is syntax.ParseOutcome.IMPORTS_ONLY:
            continue
        name = path.parent.name if path.stem == "__init__" else path.stem
        ours = read_symbols(name, path, parsed.text, parsed.tree)
        assert ours == griffe_symbols(name, path, parsed.text, parsed.tree), path


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax parses natively from Python 3.12")
def test_type_parameters_resolve_as_in_griffe() -> None:
    griffe_symbols = pytest.importorskip("tests.griffe_symbols").griffe_symbols
    text = "class Box[T, *Ts, **P](Base[T]):\n    item: T\n\ntype Items = list[Box]\n\ndef first[T](x: T) -> T: ...\n"
    ours = read_symbols("shop.orders", Path("orders.py"), text, ast.parse(text))
    assert ours == griffe_symbols("shop.orders", Path("orders.py"), text, ast.parse(text))


def _expressions() -> st.SearchStrategy[str]:
    """Python expressions of every shape the renderer handles, nested, as source text."""
    leaves = st.sampled_from(["a", "b.c", "1", "-2", "2.5", "'s'", "b'x'", "None", "...", "'not code'", "'A | None'"])

    def combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        pairs = st.tuples(inner, inner)
        binary = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "^", "|"])
        return st.one_of(
            st.builds(lambda p, o: f"({p[0]}) {o} ({p[1]})", pairs, binary),
            st.builds(lambda p, o: f"{p[0]} {o} {p[1]}", pairs, binary),
            st.builds(lambda x, o: f"{o}({x})", inner, st.sampled_from(["-", "+", "~", "not "])),
            st.builds(lambda p, o: f"({p[0]}) {o} ({p[1]})", pairs, st.sampled_from(["and", "or"])),
            st.builds(lambda p, o: f"{p[0]} {o} {p[1]}", pairs, st.sampled_from(["<", "==", "is not", "not in"])),
            st.builds(lambda p, x: f"({p[0]}) if ({x}) else ({p[1]})", pairs, inner),
            st.builds(lambda p: f"{p[0]} if {p[1]} else {p[0]}", pairs),
            st.builds(lambda x: f"lambda q, /, r=1, *s, t, **u: ({x})", inner),
            st.builds(lambda p: f"f({p[0]}, *{p[1]}, k={p[0]}, **{p[1]})", pairs),
            st.builds(lambda x: f"g({x} for v in w if v)", inner),
            st.builds(lambda p: f"({p[0]}).attr", pairs),
            st.builds(lambda p: f"Literal[{p[0]}, {p[1]}]", pairs),
            st.builds(lambda p: f"x[{p[0]}:{p[1]}, ::2]", pairs),
            st.builds(lambda p: f"Optional[{p[0]}]", pairs),
            st.builds(lambda p: f"({p[0]}, {p[1]})", pairs),
            st.builds(lambda x: f"({x},)", inner),
            st.builds(lambda p: f"[{p[0]}, *{p[1]}]", pairs),
            st.builds(lambda p: f"{{{p[0]}: {p[1]}, **d}}", pairs),
            st.builds(lambda p: f"{{{p[0]}, {p[1]}}}", pairs),
            st.builds(lambda p: f"[{p[0]} for v in {p[1]} if v]", pairs),
            st.builds(lambda p: f"{{k: {p[0]} for k in {p[1]}}}", pairs),
            st.builds(lambda x: f"(v := {x})", inner),
            st.builds(lambda x: f"await ({x})", inner),
            st.builds(lambda x: f"f'{{{x}!r:>{{w}}}} {{{{}}}}'", inner),
        )

    return st.recursive(leaves, combine, max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_expressions(), parse_strings=st.booleans())
def test_any_expression_is_written_as_griffe_writes_it(source: str, parse_strings: bool) -> None:
    griffe = pytest.importorskip("griffe")
    try:
        node = ast.parse(source, mode="eval").body
    except SyntaxError:
        return  # not an expression Python accepts: nothing to write
    expected = griffe.safe_get_expression(node, parent=griffe.Module("orders"), parse_strings=parse_strings)
    written = expression_text.written(node, lambda name: name, expression_text.PARSE_STRINGS if parse_strings else 0)
    assert written == (None if expected is None else str(expected))
