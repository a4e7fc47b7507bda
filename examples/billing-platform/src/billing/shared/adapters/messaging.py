"""Events leave through one SNS topic; each context's worker reads its own SQS queue subscribed to it."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from billing.shared.events import DomainEvent

log = logging.getLogger(__name__)


class RetryLater(Exception):
    """Raised by a message handler that wants the message back after `delay_seconds`."""

    def __init__(self, delay_seconds: int) -> None:
        super().__init__(f"retry in {delay_seconds}s")
        self.delay_seconds = min(delay_seconds, 43_200)  # SQS caps visibility timeouts at 12 hours


class SnsEventPublisher:
    """Publishes events to the platform topic, with the event type as a filterable attribute."""

    def __init__(self, sns_client: Any, topic_arn: str) -> None:
        self._sns = sns_client
        self._topic_arn = topic_arn

    async def publish(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            message = event.to_message()
            await asyncio.to_thread(
                self._sns.publish,
                TopicArn=self._topic_arn,
                Message=json.dumps(message),
                MessageAttributes={"event_type": {"DataType": "String", "StringValue": event.event_type}},
            )


async def poll_queue(sqs_client: Any, queue_url: str, process: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
    """Read a queue forever; a message is deleted only once its handler returned."""
    while True:
        response = await asyncio.to_thread(
            sqs_client.receive_message, QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=20
        )
        for message in response.get("Messages", []):
            receipt = message["ReceiptHandle"]
            body = json.loads(json.loads(message["Body"])["Message"])  # SNS wraps the published message
            try:
                await process(body)
            except RetryLater as later:
                await asyncio.to_thread(
                    sqs_client.change_message_visibility,
                    QueueUrl=queue_url,
                    ReceiptHandle=receipt,
                    VisibilityTimeout=later.delay_seconds,
                )
                continue
            except Exception:
                log.exception("message %s failed; SQS will redeliver it", body.get("event_id"))
                continue
            await asyncio.to_thread(sqs_client.delete_message, QueueUrl=queue_url, ReceiptHandle=receipt)
