"""Error payloads carried by Failure results, shared by every layer."""

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    VALIDATION = "validation"
    CONFLICT = "conflict"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    PAYOUT_REJECTED = "payout_rejected"


@dataclass(frozen=True, kw_only=True)
class AppError:
    """What went wrong, in a form the presentation layer can map to an HTTP status."""

    code: ErrorCode
    message: str

    @classmethod
    def not_found(cls, what: str, identifier: object) -> "AppError":
        return cls(code=ErrorCode.NOT_FOUND, message=f"{what} {identifier} does not exist")
