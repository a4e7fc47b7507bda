"""Progress of long CLI runs (files read, diagrams laid out) on one self-overwriting terminal line.

Shown only when the stream is a terminal: CI logs and pipes stay exactly as they were (no control characters).
"""

from __future__ import annotations

import os
import time
from typing import TextIO

INTERVAL = 0.1  # seconds between redraws: often enough to look alive, rarely enough to cost nothing


class TerminalProgress:
    def __init__(self, stream: TextIO, *, interval: float = INTERVAL) -> None:
        self.stream = stream
        self.interval = interval
        self.enabled = _is_terminal(stream) and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self.last = 0.0
        self.stage = ""
        self.shown = False

    def __call__(self, stage: str, done: int, total: int = 0) -> None:
        """`done` of `total` items of `stage` (total 0: unknown); a stage's first and last items are always drawn."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < self.interval and done != total and stage == self.stage:
            return
        self.last, self.stage = now, stage
        count = f"{done}/{total}" if total else str(done)
        self.stream.write(f"\r\x1b[2K{stage}: {count}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the line before normal output (warnings, the summary) is written."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
