"""ADR front matter is read safely: bad shapes are a warning at the ADR's file, alias bombs cost nothing (issue 10)."""

from __future__ import annotations

import time

import pytest

from domain_atlas.rendering.adrs import DecisionError, read_decision
from tests.hostile_inputs import ALIAS_BOMB, CASES, build_in_place, write_project

BY_NAME = {case.name: case for case in CASES}
PATH = "adr/0001-use-events.md"


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        (
            "- accepted\n- 2024-01-01\n",
            f"{PATH}:2: front matter is a list, expected a mapping such as 'status: accepted'",
        ),
        ("accepted\n", f"{PATH}:2: front matter is a str, expected a mapping such as 'status: accepted'"),
        (ALIAS_BOMB, f"{PATH}:5: front matter not read: over 20 aliases (*name)"),
        (
            "status: [unclosed\n",
            f"{PATH}:2: front matter is not valid YAML (expected ',' or ']', but got '<stream end>')",
        ),
        ("note: '" + "x" * 20_000 + "'\n", f"{PATH}:2: front matter is over 16,384 bytes; not read"),
    ],
)
def test_bad_front_matter_is_an_error_naming_the_file_and_line(front_matter, message):
    started = time.monotonic()
    with pytest.raises(DecisionError) as raised:
        read_decision(PATH, f"---\n{front_matter}---\n# Use events\n", {})
    assert str(raised.value) == message
    assert time.monotonic() - started < 1


def test_a_few_aliases_are_still_fine():
    decision = read_decision(PATH, "---\nstatus: accepted\nwho: &w [ann]\ndeciders: *w\n---\n# Use events\n", {})
    assert decision is not None and decision.deciders == ("ann",)


@pytest.mark.parametrize("case", ["ADR front matter is a list", "ADR front matter alias bomb"])
def test_bad_adr_is_a_build_warning_and_the_site_still_builds(tmp_path, case):
    project = write_project(tmp_path, BY_NAME[case])
    outcome = build_in_place(project)
    assert outcome.returncode == 0 and "Traceback" not in outcome.stderr, outcome.stderr
    assert f"WARNING -  domain_atlas: {PATH}:" in outcome.stderr and ": front matter " in outcome.stderr
    assert "; left out of the decision log" in outcome.stderr
    assert (project.root / "site" / "adr" / "0001-use-events" / "index.html").is_file()
