"""The dunning schedule: when to retry a failed charge."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DunningSchedule:
    """Days to wait after the 1st, 2nd, ... failed charge before retrying; past the last entry we give up."""

    retry_after_days: tuple[int, ...] = (1, 3, 7)

    def __post_init__(self) -> None:
        if any(days < 1 for days in self.retry_after_days):
            raise ValueError("retries must be at least a day apart")

    def wait_after(self, failures: int) -> int | None:
        if failures > len(self.retry_after_days):
            return None
        return self.retry_after_days[failures - 1]
