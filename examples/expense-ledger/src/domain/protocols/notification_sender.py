"""Port for telling employees what happened to their claims."""

from typing import Protocol


class NotificationSender(Protocol):
    """Transactional e-mail."""

    async def send(self, recipient: str, subject: str, body: str) -> None:
        ...
