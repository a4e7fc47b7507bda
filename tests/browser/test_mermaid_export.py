"""`domain-atlas export --format mermaid` checked by Mermaid's own parser (the copy the site ships), in Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from domain_atlas.adapters.composition import analyse
from domain_atlas.rendering.mermaid import mermaid_document
from tests.federation_helpers import specs_of
from tests.helpers import REPO_ROOT

pytestmark = pytest.mark.browser

MERMAID = REPO_ROOT / "src" / "domain_atlas" / "assets" / "vendor" / "mermaid.min.js"
PARSE = """async (text) => {
    try { await mermaid.parse(text); return "ok"; } catch (error) { return String(error.message || error); }
}"""
HOSTILE = 'Ship "HQ" | [x] {y} <script>alert(1)</script> end;#'


@pytest.fixture
def mermaid_page(new_page: Callable[..., Any]) -> Any:
    page = new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(MERMAID))
    return page


def blocks(markdown: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)\n```", markdown, flags=re.DOTALL)


def test_every_diagram_of_a_mermaid_export_parses(mermaid_page: Any):
    specs = specs_of(
        [
            {"name": "Ordering", "source": "tests/fixtures/federation/src", "packages": ["shop.ordering"]},
            {"name": HOSTILE, "source": "tests/fixtures/federation/src", "packages": ["shop.shipping"]},
            {
                "name": "Billing",
                "source": "examples/billing-platform/src",
                "packages": ["billing"],
                "relationships": [
                    {"upstream": "invoicing", "downstream": "payments", "patterns": ["anti-corruption-layer"]},
                    {"upstream": "subscriptions", "downstream": "reporting", "patterns": ["separate-ways"]},
                ],
            },
        ],
        REPO_ROOT,
    )
    document = mermaid_document(analyse(specs))
    found = blocks(document)
    assert len(found) >= 6  # the landscape, and a context map and event flows per service
    assert "<script>" not in document
    assert "#91;D,ACL#93;" in document  # declared relationships are drawn too
    for block in found:
        assert mermaid_page.evaluate(PARSE, block) == "ok", block
    # The parser does reject what our escaping prevents, so the check above can fail.
    assert mermaid_page.evaluate(PARSE, 'flowchart LR\n    n1["a "quoted" name"]') != "ok"
