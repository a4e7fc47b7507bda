"""Retake the README screenshots (docs/images/*.png) from a built site in headless Chromium (Debian's, never a
downloaded one).

    NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build -q -d site && .venv/bin/python scripts/screenshots.py site
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
SHOTS = (("context-map.png", "light"), ("context-map-dark.png", "dark"))
PAGE = "architecture/depot-charging/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path) -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for name, scheme in SHOTS:
            context = browser.new_context(
                viewport={"width": 1400, "height": 900},
                device_scale_factor=2,
                color_scheme=scheme,  # type: ignore[arg-type]
            )
            context.route(
                "**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort()
            )
            page = context.new_page()
            page.goto(base + PAGE, wait_until="load")
            page.wait_for_selector("figure.da-diagram[data-da-ready='1']")
            page.mouse.move(0, 0)
            page.locator("figure.da-diagram").first.screenshot(path=str(IMAGES / name), animations="disabled")
            context.close()
        browser.close()
    httpd.shutdown()
    print("wrote", ", ".join(str(IMAGES / name) for name, _ in SHOTS))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
