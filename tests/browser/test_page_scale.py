"""Every generated page of our site, at 1400x900 in headless Chromium: diagram labels readable without zooming,
and no page taller than a reader will scroll."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import StaticServer

pytestmark = pytest.mark.browser

MAX_PAGE_HEIGHT = 25_000
MIN_LABEL_PX = 11

MEASURE = """() => {
  const sizes = [];
  for (const text of document.querySelectorAll("figure.da-diagram svg text")) {
    const box = text.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const matrix = text.getScreenCTM();
    sizes.push(parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b));
  }
  // A drawing larger than its frame opens on its middle, where its nodes are, not on an empty corner.
  let overflowing = 0, offCentre = 0;
  for (const canvas of document.querySelectorAll("figure.da-diagram .da-canvas")) {
    const spareX = canvas.scrollWidth - canvas.clientWidth, spareY = canvas.scrollHeight - canvas.clientHeight;
    if (!canvas.clientWidth || (spareX < 2 && spareY < 2)) continue;
    overflowing += 1;
    if (Math.abs(canvas.scrollLeft - spareX / 2) > 2 || Math.abs(canvas.scrollTop - spareY / 2) > 2) offCentre += 1;
  }
  return {height: document.documentElement.scrollHeight, smallest: sizes.length ? Math.min(...sizes) : null,
          overflowing, offCentre};
}"""


def test_labels_are_readable_and_pages_stay_short(new_page: Callable[..., Any], server: StaticServer, repo_site: Path):
    page = new_page(viewport={"width": 1400, "height": 900})
    pages = sorted(p.relative_to(repo_site).as_posix() for p in (repo_site / "architecture").rglob("index.html"))
    assert len(pages) >= 40
    small, tall, measured, overflowing, off_centre = {}, {}, 0, 0, {}
    for path in pages:
        page.goto(server.url(path))
        page.wait_for_load_state("load")
        found = page.evaluate(MEASURE)
        if found["smallest"] is not None:
            measured += 1
            if found["smallest"] < MIN_LABEL_PX - 0.05:
                small[path] = round(found["smallest"], 1)
        overflowing += found["overflowing"]
        if found["offCentre"]:
            off_centre[path] = found["offCentre"]
        if found["height"] > MAX_PAGE_HEIGHT:
            tall[path] = found["height"]
    assert measured >= 20  # the diagrams were really there to measure
    assert small == {}
    assert tall == {}
    assert overflowing >= 1 and off_centre == {}
