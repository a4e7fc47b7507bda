"""Empty and partial code is normal: the build succeeds with pages that say what is missing (issue 10)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.hostile_inputs import CASES, build_in_place, write_project

BY_NAME = {case.name: case for case in CASES}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts))


@pytest.mark.parametrize(
    ("case", "page", "says", "warning"),
    [
        (
            "contexts with empty __init__.py only",
            # ordering/ and billing/ repeat a layer skeleton, so they are the contexts (empty ones)
            "architecture/shop/ordering/index.html",
            "Nothing to draw yet: no module of shop.ordering was found",
            None,
        ),
        (
            "declared context whose package is missing",
            "architecture/shop/nope/index.html",
            "Nothing to draw yet: no module of shop.nope was found (the package is missing",
            "src: declared context 'Nope': package 'shop.nope' not found; its page says so",
        ),
        (
            "only declared context is missing",
            "architecture/shop/nope/index.html",
            "Nothing to draw yet: no module of shop.nope was found (the package is missing",
            "src: declared context 'Nope': package 'shop.nope' not found; its page says so",
        ),
        (
            "service with no contexts",
            "architecture/shop/shop/index.html",
            "Nothing to draw yet: no module of shop was found",
            None,
        ),
    ],
)
def test_partial_code_builds_a_page_that_says_what_is_missing(tmp_path, case, page, says, warning):
    project = write_project(tmp_path, BY_NAME[case])
    outcome = build_in_place(project)
    assert outcome.returncode == 0 and "Traceback" not in outcome.stderr, outcome.stderr
    assert says in _text(project.root / "site" / page)
    if warning:
        assert f"WARNING -  domain_atlas: {warning}" in outcome.stderr
