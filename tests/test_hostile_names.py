"""Names that slug alike, names of catalogue pages and names in other scripts never lose a page (issue 10)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema

from tests.helpers import REPO_ROOT
from tests.hostile_inputs import CASES, build_in_place, run_cli, write_project

BY_NAME = {case.name: case for case in CASES}
SCHEMA = json.loads((REPO_ROOT / "src" / "domain_atlas" / "schema" / "model-1.schema.json").read_text())


def _build(tmp_path: Path, name: str) -> tuple[Path, str]:
    project = write_project(tmp_path, BY_NAME[name])
    outcome = build_in_place(project)
    assert outcome.returncode == 0 and "Traceback" not in outcome.stderr, outcome.stderr
    return project.root / "site" / "architecture", outcome.stderr


def _title(page: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.DOTALL)
    assert found, page
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_contexts_that_slug_alike_keep_a_page_each(tmp_path):
    site, log = _build(tmp_path, "two contexts that slug alike")
    assert _title(site / "shop" / "order-mgmt" / "index.html") == "Order_Mgmt"
    assert _title(site / "shop" / "order-mgmt-2" / "index.html") == "order-mgmt-2"
    assert (
        "WARNING -  domain_atlas: mkdocs.yml: services[0].contexts[1]: context 'order-mgmt' would share a page "
        "with context 'Order_Mgmt'; renamed 'order-mgmt-2'"
    ) in log


def test_services_that_slug_alike_keep_their_pages_apart(tmp_path):
    site, log = _build(tmp_path, "two services that slug alike")
    assert _title(site / "shop" / "index.html") == "Shop"
    assert _title(site / "shop-2" / "index.html") == "shop!"
    assert "services[1]: service 'shop!' would share its pages with service 'Shop'; its pages are under 'shop-2'" in log


def test_context_named_like_a_catalogue_page_does_not_replace_it(tmp_path):
    site, log = _build(tmp_path, "contexts named events, violations")
    assert _title(site / "shop" / "events" / "index.html") != "events"
    assert _title(site / "shop" / "events-context" / "index.html") == "events"
    assert _title(site / "shop" / "violations-context" / "index.html") == "violations"
    assert "context 'events' is named like a catalogue page; its page is 'events-context'" in log


def test_contexts_named_in_other_scripts_stay_apart_and_export_validates(tmp_path):
    site, _ = _build(tmp_path, "non-ASCII context names")
    page = (site / "shop" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<g id="(da-[^"]*)" class="node', page))
    assert {"da-ctx-注文", "da-ctx-支払"} <= {re.sub(r"^(da-ctx-[^-]+).*", r"\1", i) for i in ids}, ids
    project = write_project(tmp_path / "export", BY_NAME["non-ASCII context names"])
    assert run_cli(project).returncode == 0
    model = json.loads((project.root / "model.json").read_text(encoding="utf-8"))
    jsonschema.validate(model, SCHEMA)
    assert {c["package"] for c in model["services"][0]["contexts"]} == {"shop.注文", "shop.支払"}
