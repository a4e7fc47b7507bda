"""Port for decoding the raw frames tracking units send."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from uuid import UUID

from app.domain.exceptions import TelemetryFrameError
from app.domain.value_objects.geo import GpsPing


class TelemetryDecoder(ABC):
    """Decodes one vendor's frame format. Subclasses decode a single frame; batching is shared here."""

    min_satellites: int = 4

    @abstractmethod
    def decode_frame(self, vehicle_id: UUID, payload: bytes) -> GpsPing:
        """Decode one frame or raise TelemetryFrameError."""

    def decode_batch(self, vehicle_id: UUID, frames: Iterable[bytes]) -> tuple[list[GpsPing], int]:
        """Decode every frame, drop poor fixes and broken frames, and return pings in time order."""
        pings: list[GpsPing] = []
        rejected = 0
        for payload in frames:
            try:
                ping = self.decode_frame(vehicle_id, payload)
            except TelemetryFrameError:
                rejected += 1
                continue
            if ping.satellites < self.min_satellites:
                rejected += 1
                continue
            pings.append(ping)
        pings.sort(key=lambda ping: ping.recorded_at)
        return pings, rejected
