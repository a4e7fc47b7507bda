"""Fixtures for the browser tests: a real `mkdocs build` of the repository's site, served on 127.0.0.1, driven by
the system's headless Chromium through Playwright (never a downloaded browser).

Every page opened through the `page` fixture routes all requests: 127.0.0.1 is allowed, anything else is recorded in
`page.external` and aborted, so a test can prove the site works on a closed network.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1"}


def build_site(config_file: Path, site_dir: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir), "-f", str(config_file)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build of {config_file} failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """A directory served over HTTP on 127.0.0.1 with an OS-assigned port, in a daemon thread."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"serve {directory}", daemon=True)
        self.thread.start()
        host, port = self.httpd.server_address[:2]
        self.base = f"http://{host}:{port}/"

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')")
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("no system Chromium on PATH (apt-get install chromium); browser tests never download one")
    return path


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], StaticServer]]:
    servers: list[StaticServer] = []

    def start(directory: Path) -> StaticServer:
        server = StaticServer(directory)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def localise_sitemap(site: Path, base: str) -> None:
    """List the site's pages in sitemap.xml at the address they are served from.

    Material only navigates instantly to URLs in the sitemap, which MkDocs fills from `site_url` (scheme and host are
    adapted in the browser, the port and path are not). A deployed site gets this from its `site_url`; a site served
    on a random local port needs it written for that port.
    """
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        path = relative.removesuffix("index.html")
        pages.append(f"<url><loc>{escape(base + path)}</loc></url>")
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(pages) + "\n</urlset>\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def server(repo_site: Path, serve: Callable[[Path], StaticServer]) -> StaticServer:
    started = serve(repo_site)
    localise_sitemap(repo_site, started.base)
    return started


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageLog:
    """What a page did that a test may want to assert on."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.external: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def new_page(browser: object) -> Iterator[Callable[..., Any]]:
    """Open pages in fresh contexts (light scheme, 1280x900 unless overridden) whose network is limited to
    127.0.0.1; each page's `log` records its requests, the external ones it aborted, and its JavaScript errors."""
    contexts: list[Any] = []

    def open_page(**options: Any) -> Any:
        settings = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light", "service_workers": "block"}
        context = browser.new_context(**{**settings, **options})  # type: ignore[attr-defined]
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        log = PageLog()

        def route(route: Any) -> None:
            url = route.request.url
            log.requests.append(url)
            if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:", "about:")):
                route.continue_()
            else:
                log.external.append(url)
                route.abort()

        page.route("**/*", route)
        page.on(
            "console",
            lambda message: log.errors.append(f"console: {message.text}") if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: log.errors.append(f"pageerror: {error}"))
        page.log = log
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()
