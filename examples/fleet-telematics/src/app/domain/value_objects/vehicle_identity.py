"""Values that identify a vehicle."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.exceptions import InvalidVin

VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")


@dataclass(frozen=True)
class Vin:
    """A vehicle identification number: 17 characters, never I, O or Q."""

    value: str

    def __post_init__(self) -> None:
        if not VIN_PATTERN.match(self.value):
            raise InvalidVin(f"{self.value!r} is not a valid VIN")
