"""The mail service behind the NotificationSender protocol."""

import httpx


class NotificationSender:
    """Posts plain-text e-mails to the company's transactional mail API."""

    def __init__(self, client: httpx.AsyncClient, base_url: str) -> None:
        self._client = client
        self._base_url = base_url

    async def send(self, recipient: str, subject: str, body: str) -> None:
        response = await self._client.post(
            f"{self._base_url}/messages",
            json={"to": recipient, "subject": subject, "text": body, "from": "finance@example.com"},
        )
        response.raise_for_status()
