"""Ground truth for examples/billing-platform (style 5: modular monolith of bounded contexts), written by hand."""

SLUG = "billing-platform"
NAME = "Billing Platform"
STYLE = 5
SOURCE_ROOT = "examples/billing-platform/src"
PACKAGES = ["billing"]

_SRC = "examples/billing-platform/src/billing"
_CONTEXT_LAYERS = {"domain", "application", "adapters", "composition_root"}

CONTEXTS = {
    "subscriptions": {"package": "billing.subscriptions", "shared_kernel": False, "layers": _CONTEXT_LAYERS},
    "invoicing": {"package": "billing.invoicing", "shared_kernel": False, "layers": _CONTEXT_LAYERS},
    "payments": {"package": "billing.payments", "shared_kernel": False, "layers": _CONTEXT_LAYERS},
    "reporting": {"package": "billing.reporting", "shared_kernel": False, "layers": _CONTEXT_LAYERS},
    # the shared kernel: kernel code, plus its own adapters/ package (messaging used by every context)
    "shared": {"package": "billing.shared", "shared_kernel": True, "layers": {"shared_kernel", "adapters"}},
}

MODULE_LAYERS = {
    # top level: outside every context
    "billing": None,
    "billing.bootstrap": "composition_root",
    "billing.main": "composition_root",
    # shared kernel
    "billing.shared": "shared_kernel",
    "billing.shared.money": "shared_kernel",
    "billing.shared.ids": "shared_kernel",
    "billing.shared.events": "shared_kernel",
    "billing.shared.adapters": "adapters",
    "billing.shared.adapters.messaging": "adapters",
    "billing.shared.adapters.inmemory": "adapters",
    # subscriptions (application/ports/ is in the application layer; everything under adapters/,
    # api/ and workers/ included, is adapters: the first matching segment wins)
    "billing.subscriptions": None,
    "billing.subscriptions.container": "composition_root",
    "billing.subscriptions.domain": "domain",
    "billing.subscriptions.domain.events": "domain",
    "billing.subscriptions.domain.exceptions": "domain",
    "billing.subscriptions.domain.models": "domain",
    "billing.subscriptions.domain.models.plan": "domain",
    "billing.subscriptions.domain.models.billing_period": "domain",
    "billing.subscriptions.domain.models.subscription": "domain",
    "billing.subscriptions.application": "application",
    "billing.subscriptions.application.ports": "application",
    "billing.subscriptions.application.ports.repositories": "application",
    "billing.subscriptions.application.ports.event_publisher": "application",
    "billing.subscriptions.application.use_cases": "application",
    "billing.subscriptions.application.use_cases.start_subscription": "application",
    "billing.subscriptions.application.use_cases.renew_due_subscriptions": "application",
    "billing.subscriptions.application.use_cases.suspend_subscription": "application",
    "billing.subscriptions.adapters": "adapters",
    "billing.subscriptions.adapters.api": "adapters",
    "billing.subscriptions.adapters.api.routes": "adapters",
    "billing.subscriptions.adapters.database": "adapters",
    "billing.subscriptions.adapters.database.models": "adapters",
    "billing.subscriptions.adapters.database.repositories": "adapters",
    "billing.subscriptions.adapters.inmemory": "adapters",
    "billing.subscriptions.adapters.inmemory.repositories": "adapters",
    "billing.subscriptions.adapters.workers": "adapters",
    "billing.subscriptions.adapters.workers.event_worker": "adapters",
    # invoicing
    "billing.invoicing": None,
    "billing.invoicing.container": "composition_root",
    "billing.invoicing.domain": "domain",
    "billing.invoicing.domain.events": "domain",
    "billing.invoicing.domain.exceptions": "domain",
    "billing.invoicing.domain.models": "domain",
    "billing.invoicing.domain.models.invoice": "domain",
    "billing.invoicing.domain.models.dunning": "domain",
    "billing.invoicing.domain.services": "domain",
    "billing.invoicing.domain.services.dunning_policy": "domain",
    "billing.invoicing.application": "application",
    "billing.invoicing.application.ports": "application",
    "billing.invoicing.application.ports.repositories": "application",
    "billing.invoicing.application.ports.event_publisher": "application",
    "billing.invoicing.application.use_cases": "application",
    "billing.invoicing.application.use_cases.issue_invoice": "application",
    "billing.invoicing.application.use_cases.record_payment": "application",
    "billing.invoicing.application.use_cases.record_failed_payment": "application",
    "billing.invoicing.adapters": "adapters",
    "billing.invoicing.adapters.database": "adapters",
    "billing.invoicing.adapters.database.models": "adapters",
    "billing.invoicing.adapters.database.repositories": "adapters",
    "billing.invoicing.adapters.inmemory": "adapters",
    "billing.invoicing.adapters.inmemory.repositories": "adapters",
    "billing.invoicing.adapters.workers": "adapters",
    "billing.invoicing.adapters.workers.event_worker": "adapters",
    # payments
    "billing.payments": None,
    "billing.payments.container": "composition_root",
    "billing.payments.domain": "domain",
    "billing.payments.domain.events": "domain",
    "billing.payments.domain.exceptions": "domain",
    "billing.payments.domain.models": "domain",
    "billing.payments.domain.models.payment_attempt": "domain",
    "billing.payments.domain.models.payment_method": "domain",
    "billing.payments.domain.services": "domain",
    "billing.payments.domain.services.decline_classifier": "domain",
    "billing.payments.application": "application",
    "billing.payments.application.ports": "application",
    "billing.payments.application.ports.payment_provider": "application",
    "billing.payments.application.ports.repositories": "application",
    "billing.payments.application.ports.event_publisher": "application",
    "billing.payments.application.use_cases": "application",
    "billing.payments.application.use_cases.charge_invoice": "application",
    "billing.payments.adapters": "adapters",
    "billing.payments.adapters.provider": "adapters",
    "billing.payments.adapters.provider.stripe_provider": "adapters",
    "billing.payments.adapters.persistence": "adapters",
    "billing.payments.adapters.persistence.payment_attempts": "adapters",
    "billing.payments.adapters.inmemory": "adapters",
    "billing.payments.adapters.inmemory.fakes": "adapters",
    "billing.payments.adapters.workers": "adapters",
    "billing.payments.adapters.workers.event_worker": "adapters",
    # reporting (read-only)
    "billing.reporting": None,
    "billing.reporting.container": "composition_root",
    "billing.reporting.domain": "domain",
    "billing.reporting.domain.exceptions": "domain",
    "billing.reporting.domain.models": "domain",
    "billing.reporting.domain.models.revenue": "domain",
    "billing.reporting.application": "application",
    "billing.reporting.application.ports": "application",
    "billing.reporting.application.ports.report_reader": "application",
    "billing.reporting.application.use_cases": "application",
    "billing.reporting.application.use_cases.get_monthly_revenue": "application",
    "billing.reporting.adapters": "adapters",
    "billing.reporting.adapters.api": "adapters",
    "billing.reporting.adapters.api.routes": "adapters",
    "billing.reporting.adapters.database": "adapters",
    "billing.reporting.adapters.database.models": "adapters",
    "billing.reporting.adapters.database.report_reader": "adapters",
}

VIOLATIONS = {
    # payments reuses invoicing's Currency enum instead of keeping its own copy
    (
        "context-independence",
        "billing.payments.domain.models.payment_attempt",
        "billing.invoicing.domain.models.invoice",
        f"{_SRC}/payments/domain/models/payment_attempt.py",
        10,
    ),
    # a reporting model builds itself from a SQLAlchemy Row
    (
        "domain-framework-free",
        "billing.reporting.domain.models.revenue",
        "sqlalchemy.engine",
        f"{_SRC}/reporting/domain/models/revenue.py",
        9,
    ),
    # the charging use case catches the Stripe adapter's own exception (application -> adapters)
    (
        "layer-dependency",
        "billing.payments.application.use_cases.charge_invoice",
        "billing.payments.adapters.provider.stripe_provider",
        f"{_SRC}/payments/application/use_cases/charge_invoice.py",
        6,
    ),
    # Subscription holds the Plan aggregate (attribute `plan`, line 29) instead of its id
    (
        "aggregate-references-by-id",
        "billing.subscriptions.domain.models.subscription.Subscription",
        "billing.subscriptions.domain.models.plan.Plan",
        f"{_SRC}/subscriptions/domain/models/subscription.py",
        29,
    ),
}

ELEMENTS = {
    # shared kernel (the base class billing.shared.events.DomainEvent is a supertype of every event,
    # not an event of its own, and is deliberately left out)
    "billing.shared.money.Money": {"value_object"},
    "billing.shared.adapters.messaging.SnsEventPublisher": {"adapter"},
    "billing.shared.adapters.inmemory.InMemoryEventPublisher": {"adapter"},
    # subscriptions: domain
    "billing.subscriptions.domain.models.plan.Plan": {"aggregate", "entity"},
    "billing.subscriptions.domain.models.billing_period.BillingPeriod": {"value_object"},
    "billing.subscriptions.domain.models.subscription.Subscription": {"aggregate", "entity"},
    "billing.subscriptions.domain.events.SubscriptionStarted": {"domain_event"},
    "billing.subscriptions.domain.events.SubscriptionRenewed": {"domain_event"},
    "billing.subscriptions.domain.events.SubscriptionSuspended": {"domain_event"},
    # subscriptions: application
    "billing.subscriptions.application.ports.repositories.PlanRepository": {"port", "repository"},
    "billing.subscriptions.application.ports.repositories.SubscriptionRepository": {"port", "repository"},
    "billing.subscriptions.application.ports.event_publisher.EventPublisher": {"port"},
    "billing.subscriptions.application.use_cases.start_subscription.StartSubscription": {"use_case"},
    "billing.subscriptions.application.use_cases.renew_due_subscriptions.RenewDueSubscriptions": {"use_case"},
    "billing.subscriptions.application.use_cases.suspend_subscription.SuspendSubscription": {"use_case"},
    # subscriptions: adapters and wiring
    "billing.subscriptions.adapters.database.repositories.SqlPlanRepository": {"adapter", "repository"},
    "billing.subscriptions.adapters.database.repositories.SqlSubscriptionRepository": {"adapter", "repository"},
    "billing.subscriptions.adapters.inmemory.repositories.InMemoryPlanRepository": {"adapter", "repository"},
    "billing.subscriptions.adapters.inmemory.repositories.InMemorySubscriptionRepository": {"adapter", "repository"},
    "billing.subscriptions.adapters.workers.event_worker.handle_invoice_written_off": {"event_handler"},
    "billing.subscriptions.container.SubscriptionsContainer": {"composition_root"},
    # invoicing: domain
    "billing.invoicing.domain.models.invoice.Invoice": {"aggregate", "entity"},
    "billing.invoicing.domain.models.invoice.InvoiceLine": {"entity"},
    "billing.invoicing.domain.models.dunning.DunningSchedule": {"value_object"},
    "billing.invoicing.domain.services.dunning_policy.DunningPolicy": {"domain_service"},
    "billing.invoicing.domain.events.InvoiceIssued": {"domain_event"},
    "billing.invoicing.domain.events.InvoicePaid": {"domain_event"},
    "billing.invoicing.domain.events.InvoiceRetryScheduled": {"domain_event"},
    "billing.invoicing.domain.events.InvoiceWrittenOff": {"domain_event"},
    # invoicing: application
    "billing.invoicing.application.ports.repositories.InvoiceRepository": {"port", "repository"},
    "billing.invoicing.application.ports.event_publisher.EventPublisher": {"port"},
    "billing.invoicing.application.use_cases.issue_invoice.IssueInvoice": {"use_case"},
    "billing.invoicing.application.use_cases.record_payment.RecordPayment": {"use_case"},
    "billing.invoicing.application.use_cases.record_failed_payment.RecordFailedPayment": {"use_case"},
    # invoicing: adapters and wiring
    "billing.invoicing.adapters.database.repositories.SqlInvoiceRepository": {"adapter", "repository"},
    "billing.invoicing.adapters.inmemory.repositories.InMemoryInvoiceRepository": {"adapter", "repository"},
    "billing.invoicing.adapters.workers.event_worker.handle_billable_period": {"event_handler"},
    "billing.invoicing.adapters.workers.event_worker.handle_payment_succeeded": {"event_handler"},
    "billing.invoicing.adapters.workers.event_worker.handle_payment_failed": {"event_handler"},
    "billing.invoicing.container.InvoicingContainer": {"composition_root"},
    # payments: domain
    "billing.payments.domain.models.payment_attempt.PaymentAttempt": {"aggregate", "entity"},
    "billing.payments.domain.models.payment_method.PaymentMethodRef": {"value_object"},
    "billing.payments.domain.models.payment_method.ChargeOutcome": {"value_object"},
    "billing.payments.domain.services.decline_classifier.DeclineClassifier": {"domain_service"},
    "billing.payments.domain.events.PaymentSucceeded": {"domain_event"},
    "billing.payments.domain.events.PaymentFailed": {"domain_event"},
    # payments: application
    "billing.payments.application.ports.payment_provider.PaymentProvider": {"port"},
    "billing.payments.application.ports.repositories.PaymentAttemptRepository": {"port", "repository"},
    "billing.payments.application.ports.event_publisher.EventPublisher": {"port"},
    "billing.payments.application.use_cases.charge_invoice.ChargeInvoice": {"use_case"},
    # payments: adapters and wiring
    "billing.payments.adapters.provider.stripe_provider.StripePaymentProvider": {"adapter"},
    "billing.payments.adapters.persistence.payment_attempts.SqlPaymentAttemptRepository": {"adapter", "repository"},
    "billing.payments.adapters.inmemory.fakes.InMemoryPaymentAttemptRepository": {"adapter", "repository"},
    "billing.payments.adapters.inmemory.fakes.FakePaymentProvider": {"adapter"},
    "billing.payments.adapters.workers.event_worker.handle_invoice_issued": {"event_handler"},
    "billing.payments.adapters.workers.event_worker.handle_retry_scheduled": {"event_handler"},
    "billing.payments.container.PaymentsContainer": {"composition_root"},
    # reporting: read-only report types of its own (frozen, but read models, not value objects)
    "billing.reporting.domain.models.revenue.TierRevenueRow": {"read_model"},
    "billing.reporting.domain.models.revenue.MonthlyRevenueReport": {"read_model"},
    "billing.reporting.application.ports.report_reader.ReportReader": {"port"},
    "billing.reporting.application.use_cases.get_monthly_revenue.GetMonthlyRevenue": {"use_case"},
    "billing.reporting.adapters.database.report_reader.SqlReportReader": {"adapter"},
    "billing.reporting.container.ReportingContainer": {"composition_root"},
    # the platform's composition root (Settings and build_platform() are not elements)
    "billing.bootstrap.PlatformContainer": {"composition_root"},
}

_SUB = "billing.subscriptions"
_INV = "billing.invoicing"
_PAY = "billing.payments"

RELATIONS = {
    # aggregates record their events in self.events (start() and issue() on the new instance's events)
    ("publishes", f"{_SUB}.domain.models.subscription.Subscription.start", f"{_SUB}.domain.events.SubscriptionStarted"),
    ("publishes", f"{_SUB}.domain.models.subscription.Subscription.renew", f"{_SUB}.domain.events.SubscriptionRenewed"),
    (
        "publishes",
        f"{_SUB}.domain.models.subscription.Subscription.suspend",
        f"{_SUB}.domain.events.SubscriptionSuspended",
    ),
    ("publishes", f"{_INV}.domain.models.invoice.Invoice.issue", f"{_INV}.domain.events.InvoiceIssued"),
    ("publishes", f"{_INV}.domain.models.invoice.Invoice.record_payment", f"{_INV}.domain.events.InvoicePaid"),
    (
        "publishes",
        f"{_INV}.domain.models.invoice.Invoice.record_failed_payment",
        f"{_INV}.domain.events.InvoiceRetryScheduled",
    ),
    (
        "publishes",
        f"{_INV}.domain.models.invoice.Invoice.record_failed_payment",
        f"{_INV}.domain.events.InvoiceWrittenOff",
    ),
    (
        "publishes",
        f"{_PAY}.domain.models.payment_attempt.PaymentAttempt.succeed",
        f"{_PAY}.domain.events.PaymentSucceeded",
    ),
    ("publishes", f"{_PAY}.domain.models.payment_attempt.PaymentAttempt.fail", f"{_PAY}.domain.events.PaymentFailed"),
    # workers: EVENT_HANDLERS dicts keyed by the event_type string each event class declares;
    # every one of these crosses a context boundary without an import
    (
        "handles",
        f"{_SUB}.adapters.workers.event_worker.handle_invoice_written_off",
        f"{_INV}.domain.events.InvoiceWrittenOff",
    ),
    (
        "handles",
        f"{_INV}.adapters.workers.event_worker.handle_billable_period",
        f"{_SUB}.domain.events.SubscriptionStarted",
    ),
    (
        "handles",
        f"{_INV}.adapters.workers.event_worker.handle_billable_period",
        f"{_SUB}.domain.events.SubscriptionRenewed",
    ),
    (
        "handles",
        f"{_INV}.adapters.workers.event_worker.handle_payment_succeeded",
        f"{_PAY}.domain.events.PaymentSucceeded",
    ),
    ("handles", f"{_INV}.adapters.workers.event_worker.handle_payment_failed", f"{_PAY}.domain.events.PaymentFailed"),
    ("handles", f"{_PAY}.adapters.workers.event_worker.handle_invoice_issued", f"{_INV}.domain.events.InvoiceIssued"),
    (
        "handles",
        f"{_PAY}.adapters.workers.event_worker.handle_retry_scheduled",
        f"{_INV}.domain.events.InvoiceRetryScheduled",
    ),
    # nominal implementations: every context adapter subclasses its port
    (
        "implements",
        f"{_SUB}.adapters.database.repositories.SqlPlanRepository",
        f"{_SUB}.application.ports.repositories.PlanRepository",
    ),
    (
        "implements",
        f"{_SUB}.adapters.database.repositories.SqlSubscriptionRepository",
        f"{_SUB}.application.ports.repositories.SubscriptionRepository",
    ),
    (
        "implements",
        f"{_SUB}.adapters.inmemory.repositories.InMemoryPlanRepository",
        f"{_SUB}.application.ports.repositories.PlanRepository",
    ),
    (
        "implements",
        f"{_SUB}.adapters.inmemory.repositories.InMemorySubscriptionRepository",
        f"{_SUB}.application.ports.repositories.SubscriptionRepository",
    ),
    (
        "implements",
        f"{_INV}.adapters.database.repositories.SqlInvoiceRepository",
        f"{_INV}.application.ports.repositories.InvoiceRepository",
    ),
    (
        "implements",
        f"{_INV}.adapters.inmemory.repositories.InMemoryInvoiceRepository",
        f"{_INV}.application.ports.repositories.InvoiceRepository",
    ),
    (
        "implements",
        f"{_PAY}.adapters.provider.stripe_provider.StripePaymentProvider",
        f"{_PAY}.application.ports.payment_provider.PaymentProvider",
    ),
    (
        "implements",
        f"{_PAY}.adapters.inmemory.fakes.FakePaymentProvider",
        f"{_PAY}.application.ports.payment_provider.PaymentProvider",
    ),
    (
        "implements",
        f"{_PAY}.adapters.persistence.payment_attempts.SqlPaymentAttemptRepository",
        f"{_PAY}.application.ports.repositories.PaymentAttemptRepository",
    ),
    (
        "implements",
        f"{_PAY}.adapters.inmemory.fakes.InMemoryPaymentAttemptRepository",
        f"{_PAY}.application.ports.repositories.PaymentAttemptRepository",
    ),
    (
        "implements",
        "billing.reporting.adapters.database.report_reader.SqlReportReader",
        "billing.reporting.application.ports.report_reader.ReportReader",
    ),
    # structural: the shared kernel's publishers cannot name the contexts' ports, but have their shape
    (
        "implements",
        "billing.shared.adapters.messaging.SnsEventPublisher",
        f"{_SUB}.application.ports.event_publisher.EventPublisher",
    ),
    (
        "implements",
        "billing.shared.adapters.messaging.SnsEventPublisher",
        f"{_INV}.application.ports.event_publisher.EventPublisher",
    ),
    (
        "implements",
        "billing.shared.adapters.messaging.SnsEventPublisher",
        f"{_PAY}.application.ports.event_publisher.EventPublisher",
    ),
    (
        "implements",
        "billing.shared.adapters.inmemory.InMemoryEventPublisher",
        f"{_SUB}.application.ports.event_publisher.EventPublisher",
    ),
    (
        "implements",
        "billing.shared.adapters.inmemory.InMemoryEventPublisher",
        f"{_INV}.application.ports.event_publisher.EventPublisher",
    ),
    (
        "implements",
        "billing.shared.adapters.inmemory.InMemoryEventPublisher",
        f"{_PAY}.application.ports.event_publisher.EventPublisher",
    ),
    # the deliberate aggregate-by-object reference
    ("references", f"{_SUB}.domain.models.subscription.Subscription", f"{_SUB}.domain.models.plan.Plan"),
}
