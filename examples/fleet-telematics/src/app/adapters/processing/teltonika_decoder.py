"""Decoder for Teltonika AVL records (Codec 8, one record per frame)."""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from uuid import UUID

from app.domain.exceptions import InvalidPosition, TelemetryFrameError
from app.domain.ports.telemetry import TelemetryDecoder
from app.domain.value_objects.geo import GeoPoint, GpsPing

# timestamp ms, priority, longitude, latitude, altitude, angle, satellites, speed
GPS_ELEMENT = struct.Struct(">QBiihHBH")
IGNITION_IO_ID = 239


class TeltonikaDecoder(TelemetryDecoder):
    """Decodes the GPS element and the one-byte IO elements of a Codec 8 AVL record."""

    def decode_frame(self, vehicle_id: UUID, payload: bytes) -> GpsPing:
        if len(payload) < GPS_ELEMENT.size + 3:
            raise TelemetryFrameError(f"frame of {len(payload)} bytes is too short")
        try:
            timestamp_ms, _, lon, lat, _, angle, satellites, speed = GPS_ELEMENT.unpack_from(payload)
            io = self._one_byte_io(payload, GPS_ELEMENT.size + 2)
            position = GeoPoint(lat / 10_000_000, lon / 10_000_000)
        except (struct.error, InvalidPosition) as error:
            raise TelemetryFrameError(str(error)) from error
        return GpsPing(
            vehicle_id=vehicle_id,
            position=position,
            recorded_at=datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC),
            speed_kph=float(speed),
            heading_deg=angle,
            ignition_on=io.get(IGNITION_IO_ID, 0) == 1,
            satellites=satellites,
        )

    @staticmethod
    def _one_byte_io(payload: bytes, offset: int) -> dict[int, int]:
        """The IO section that carries one-byte values: a count, then (id, value) pairs."""
        (count,) = struct.unpack_from(">B", payload, offset)
        pairs = struct.unpack_from(f">{2 * count}B", payload, offset + 1)
        return dict(zip(pairs[::2], pairs[1::2], strict=True))
