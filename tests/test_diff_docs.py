"""The CI recipe on the site's Architecture diff page is valid YAML and its commands are ones the CLI accepts."""

from __future__ import annotations

import re
import shlex

import yaml

from domain_atlas.adapters.cli import _parser
from tests.helpers import REPO_ROOT


def test_the_github_actions_recipe_runs_commands_the_cli_accepts():
    page = (REPO_ROOT / "docs" / "reference" / "diff.md").read_text(encoding="utf-8")
    [recipe] = re.findall(r"```yaml\n(# \.github/workflows/.*?)```", page, re.DOTALL)
    workflow = yaml.safe_load(recipe)
    steps = workflow["jobs"]["architecture"]["steps"]
    commands = [
        step["run"].replace("${{ github.base_ref }}", "main")
        for step in steps
        if str(step.get("run", "")).startswith("domain-atlas ")
    ]
    parsed = [_parser().parse_args(shlex.split(command)[1:]) for command in commands]
    assert [(p.command, p.format) for p in parsed] == [("diff", "markdown"), ("check", "github")]
    assert parsed[0].base == "origin/main" and parsed[1].baseline is not None
    assert workflow[True] == "pull_request"  # YAML reads a bare `on:` key as true
