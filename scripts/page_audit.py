"""Audit the generated pages of wikis built with the README's minimal config, as a new user would get them.

For each service (our five examples by default, plus any `--service NAME=SOURCE:PKG[,PKG]`), a wiki is written with
the README's configuration (Material, `font: false`, no `markdown_extensions`) and built; every generated page is then
read with an HTML parser and counted:

- `attr_text`: attribute-list syntax shown as text (`{ #`, `{#`, `{:`);
- `table_text`: Markdown table syntax shown as text (`|---`);
- `broken_links` / `broken_anchors`: internal hrefs (HTML and SVG) whose file or `#id` does not exist;
- `abs_paths`: absolute paths of the build machine in the HTML;
- `contradictions`: a page saying no flow was found above a table of flows;
- with `--browser`: page height at 1400x900 in headless Chromium and the smallest on-screen diagram label (px).

    .venv/bin/python scripts/page_audit.py --browser --service "Python DDD=../python-ddd/src:modules,seedwork"
    .venv/bin/python scripts/page_audit.py --extensions   # the same with attr_list, md_in_html and toc permalinks
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = (
    ("Depot Charging", "examples/depot-charging/src", ["charging"]),
    ("Fleet Telematics", "examples/fleet-telematics/src", ["app"]),
    ("Parcel Lockers", "examples/parcel-lockers/src", ["lockers"]),
    ("Expense Ledger", "examples/expense-ledger", ["src"]),
    ("Billing Platform", "examples/billing-platform/src", ["billing"]),
)
EXTENSIONS = ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
ATTR_SYNTAX = re.compile(r"\{\s*[#:.]")
TABLE_SYNTAX = re.compile(r"\|\s*-{3,}")
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])/(?:tmp|home|work|Users|root|var|opt|srv|private)/[\w.+-]+")
MAX_HEIGHT = 25_000


@dataclass
class PageReport:
    path: str
    attr_text: int = 0
    table_text: int = 0
    broken_links: list[str] = field(default_factory=list)
    broken_anchors: list[str] = field(default_factory=list)
    abs_paths: int = 0
    contradiction: bool = False
    height: int | None = None
    min_label_px: float | None = None


def write_wiki(root: Path, name: str, source: Path, packages: list[str], extensions: bool) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text(f"# {name} wiki\n", encoding="utf-8")
    service = {"name": name, "source": os.path.relpath(source, root), "packages": packages}
    config: dict[str, object] = {
        "site_name": f"{name} wiki",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"domain-atlas": {"services": [service]}}],
    }
    if extensions:
        config["markdown_extensions"] = EXTENSIONS
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")


@functools.cache
def _ids(file: Path) -> frozenset[str]:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def _target_file(site: Path, page: Path, href: str) -> Path | None:
    path = unquote(urlsplit(href).path)
    base = page.parent
    target = (base / path).resolve() if path else page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and site.resolve() in target.resolve().parents else None


def audit_page(site: Path, page: Path) -> PageReport:
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    report = PageReport(page.relative_to(site).as_posix())
    article = soup.find("article") or soup
    for tag in article.find_all(["script", "style"]):
        tag.decompose()
    text = article.get_text(" ")
    report.attr_text = len(ATTR_SYNTAX.findall(text))
    report.table_text = len(TABLE_SYNTAX.findall(text))
    report.abs_paths = len(ABSOLUTE_PATH.findall(html))
    report.contradiction = "No message flow was found" in text and bool(article.find("table"))
    for link in article.find_all("a"):
        href = link.get("href") or link.get("xlink:href")
        if not href or urlsplit(str(href)).scheme or str(href).startswith(("mailto:", "//")):
            continue
        href = str(href)
        target = _target_file(site, page, href)
        if target is None:
            report.broken_links.append(href)
            continue
        fragment = urlsplit(href).fragment
        if fragment and unquote(fragment) not in _ids(target):
            report.broken_anchors.append(href)
    return report


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


MEASURE = """() => {
  const labels = [];
  for (const text of document.querySelectorAll("figure.da-diagram svg text")) {
    const box = text.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const matrix = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
    labels.push(size);
  }
  return {height: document.documentElement.scrollHeight, labels};
}"""


def measure_in_browser(site: Path, reports: list[PageReport]) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
            context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            page = context.new_page()
            for report in reports:
                page.goto(base + report.path, wait_until="load")
                page.wait_for_timeout(150)
                measured = page.evaluate(MEASURE)
                report.height = int(measured["height"])
                labels = measured["labels"]
                report.min_label_px = round(min(labels), 1) if labels else None
            browser.close()
    finally:
        httpd.shutdown()


def summarise(name: str, reports: list[PageReport]) -> dict[str, object]:
    heights = [r.height for r in reports if r.height is not None]
    labels = [r.min_label_px for r in reports if r.min_label_px is not None]
    tallest = max(reports, key=lambda r: r.height or 0)
    return {
        "wiki": name,
        "pages": len(reports),
        "attr_text": sum(r.attr_text for r in reports),
        "table_text": sum(r.table_text for r in reports),
        "broken_links": sum(len(r.broken_links) for r in reports),
        "broken_anchors": sum(len(r.broken_anchors) for r in reports),
        "abs_paths": sum(r.abs_paths for r in reports),
        "contradictions": sum(r.contradiction for r in reports),
        "max_height": max(heights) if heights else None,
        "tallest_page": tallest.path if heights else None,
        "pages_over_25000": sum(h > MAX_HEIGHT for h in heights),
        "min_label_px": min(labels) if labels else None,
        "pages_with_labels_under_11px": sum(label < 11 for label in labels),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", action="append", default=[], help="NAME=SOURCE:PKG[,PKG] (a real service)")
    parser.add_argument("--no-examples", action="store_true", help="audit only the --service wikis")
    parser.add_argument("--extensions", action="store_true", help="turn on attr_list, md_in_html, toc permalinks")
    parser.add_argument("--browser", action="store_true", help="measure heights and label sizes in Chromium")
    parser.add_argument("--work", type=Path, help="folder for the wikis (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="write every page's report here")
    parser.add_argument("--details", action="store_true", help="print the problems of each page")
    args = parser.parse_args()

    services = [] if args.no_examples else [(n, REPO / s, p) for n, s, p in EXAMPLES]
    for spec in args.service:
        name, _, rest = spec.partition("=")
        source, _, packages = rest.rpartition(":")
        services.append((name, Path(source).resolve(), packages.split(",")))
    work = args.work or Path(tempfile.mkdtemp(prefix="page-audit-"))
    summaries, details = [], {}
    for name, source, packages in services:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        config = write_wiki(work / slug, name, source, packages, args.extensions)
        site = work / slug / "site"
        build(config, site)
        pages = sorted((site / "architecture").rglob("*.html"))
        reports = [audit_page(site, page) for page in pages]
        if args.browser:
            measure_in_browser(site, reports)
        summaries.append(summarise(name, reports))
        details[name] = [asdict(r) for r in reports]
        if args.details:
            for r in reports:
                problems = {k: v for k, v in asdict(r).items() if k not in ("path", "height", "min_label_px") and v}
                if problems or (r.height or 0) > MAX_HEIGHT:
                    print(f"  {name} {r.path} height={r.height} label={r.min_label_px} {problems}"[:600])
    columns = list(summaries[0]) if summaries else []
    print("\t".join(columns))
    for summary in summaries:
        print("\t".join(str(summary[c]) for c in columns))
    if args.json:
        args.json.write_text(json.dumps({"summaries": summaries, "pages": details}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
