"""The composition root of the platform: the only module that instantiates concrete adapters.

Each context's container receives ports; which adapters stand behind them is decided here, once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import boto3
import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from billing.invoicing.adapters.database.repositories import SqlInvoiceRepository
from billing.invoicing.container import InvoicingContainer
from billing.payments.adapters.persistence.payment_attempts import SqlPaymentAttemptRepository
from billing.payments.adapters.provider.stripe_provider import StripePaymentProvider
from billing.payments.container import PaymentsContainer
from billing.reporting.adapters.database.report_reader import SqlReportReader
from billing.reporting.container import ReportingContainer
from billing.shared.adapters.messaging import SnsEventPublisher
from billing.subscriptions.adapters.database.repositories import SqlPlanRepository, SqlSubscriptionRepository
from billing.subscriptions.container import SubscriptionsContainer


@dataclass(frozen=True)
class Settings:
    """Deployment settings, read from the environment."""

    database_url: str
    reporting_database_url: str
    events_topic_arn: str
    stripe_secret_key: str
    aws_region: str = "eu-west-1"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ["DATABASE_URL"],
            reporting_database_url=os.environ.get("REPORTING_DATABASE_URL", os.environ["DATABASE_URL"]),
            events_topic_arn=os.environ["EVENTS_TOPIC_ARN"],
            stripe_secret_key=os.environ["STRIPE_SECRET_KEY"],
            aws_region=os.environ.get("AWS_REGION", "eu-west-1"),
        )


@dataclass
class PlatformContainer:
    """One container per context. The API and the workers reach use cases only through these."""

    subscriptions: SubscriptionsContainer
    invoicing: InvoicingContainer
    payments: PaymentsContainer
    reporting: ReportingContainer


def build_platform(settings: Settings) -> PlatformContainer:
    engine = create_async_engine(settings.database_url, pool_pre_ping=True)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    replica = async_sessionmaker(create_async_engine(settings.reporting_database_url), expire_on_commit=False)
    publisher = SnsEventPublisher(boto3.client("sns", region_name=settings.aws_region), settings.events_topic_arn)
    stripe = httpx.AsyncClient(
        base_url="https://api.stripe.com", auth=(settings.stripe_secret_key, ""), timeout=httpx.Timeout(20.0)
    )
    return PlatformContainer(
        subscriptions=SubscriptionsContainer(
            subscriptions=SqlSubscriptionRepository(sessions), plans=SqlPlanRepository(sessions), publisher=publisher
        ),
        invoicing=InvoicingContainer(invoices=SqlInvoiceRepository(sessions), publisher=publisher),
        payments=PaymentsContainer(
            attempts=SqlPaymentAttemptRepository(engine), provider=StripePaymentProvider(stripe), publisher=publisher
        ),
        reporting=ReportingContainer(reader=SqlReportReader(replica)),
    )
