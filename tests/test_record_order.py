"""Model records sorted with one key per record come out exactly as their dataclass order sorts them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain_atlas.discovery.record_order import in_order
from domain_atlas.model import Diagnostic, ImportEdge, Level

names = st.sampled_from(["shop", "shop.orders", "shop.orders.domain", "billing", ""])
edges = st.builds(
    ImportEdge,
    source=names,
    target=names,
    line=st.integers(0, 5),
    file=st.sampled_from(["a.py", "b.py"]),
    external=st.booleans(),
    type_checking=st.booleans(),
    in_function=st.booleans(),
)
diagnostics = st.builds(
    Diagnostic, st.sampled_from(["a.py", "b.py"]), st.integers(0, 3), st.sampled_from(list(Level)), st.text(max_size=3)
)


@given(st.lists(edges))
def test_import_edges_in_the_order_sorted_gives(records: list[ImportEdge]):
    assert in_order(records) == sorted(records)


@given(st.lists(diagnostics))
def test_diagnostics_in_the_order_sorted_gives(records: list[Diagnostic]):
    assert in_order(records) == sorted(records)


def test_anything_but_records_of_one_ordered_dataclass_is_sorted_the_plain_way():
    assert in_order([3, 1, 2]) == [1, 2, 3]
    assert in_order([]) == []
