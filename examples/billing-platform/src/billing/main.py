"""Entry points: the HTTP application serving the contexts' routes, and the event workers."""

from __future__ import annotations

import asyncio
import os
from functools import partial

import boto3
from fastapi import FastAPI

from billing.bootstrap import Settings, build_platform
from billing.invoicing.adapters.workers import event_worker as invoicing_worker
from billing.payments.adapters.workers import event_worker as payments_worker
from billing.reporting.adapters.api.routes import router as reporting_router
from billing.shared.adapters.messaging import poll_queue
from billing.subscriptions.adapters.api.routes import router as subscriptions_router
from billing.subscriptions.adapters.workers import event_worker as subscriptions_worker


def create_app() -> FastAPI:
    app = FastAPI(title="Billing Platform")
    app.state.platform = build_platform(Settings.from_env())
    app.include_router(subscriptions_router)
    app.include_router(reporting_router)
    return app


async def run_workers() -> None:
    """One polling loop per context queue, all in this process."""
    settings = Settings.from_env()
    platform = build_platform(settings)
    sqs = boto3.client("sqs", region_name=settings.aws_region)
    await asyncio.gather(
        poll_queue(
            sqs,
            os.environ["SUBSCRIPTIONS_QUEUE_URL"],
            partial(subscriptions_worker.process_message, container=platform.subscriptions),
        ),
        poll_queue(
            sqs,
            os.environ["INVOICING_QUEUE_URL"],
            partial(invoicing_worker.process_message, container=platform.invoicing),
        ),
        poll_queue(
            sqs, os.environ["PAYMENTS_QUEUE_URL"], partial(payments_worker.process_message, container=platform.payments)
        ),
    )


if __name__ == "__main__":
    asyncio.run(run_workers())
