"""Ground truth for examples/expense-ledger (style 4: protocol-port CQRS service), written by hand from its code."""

SLUG = "expense-ledger"
NAME = "Expense Ledger"
STYLE = 4
SOURCE_ROOT = "examples/expense-ledger"
PACKAGES = ["src"]

_SRC = "examples/expense-ledger/src"

CONTEXTS = {
    # the top package itself has layer-named children (core, domain, application, infrastructure,
    # presentation), so the whole service is one context named after it
    "src": {
        "package": "src",
        "shared_kernel": False,
        "layers": {
            "shared_kernel",
            "domain",
            "application",
            "infrastructure",
            "inbound_adapters",
            "composition_root",
        },
    },
}

MODULE_LAYERS = {
    "src": None,
    "src.main": "composition_root",
    # core is the shared-kernel layer, except container.py (composition root by name)
    "src.core": "shared_kernel",
    "src.core.container": "composition_root",
    "src.core.errors": "shared_kernel",
    "src.core.result": "shared_kernel",
    "src.core.settings": "shared_kernel",
    # domain (protocols/ sits below domain/, so it is domain, not ports)
    "src.domain": "domain",
    "src.domain.enums": "domain",
    "src.domain.errors": "domain",
    "src.domain.entities": "domain",
    "src.domain.entities.expense": "domain",
    "src.domain.entities.reimbursement": "domain",
    "src.domain.value_objects": "domain",
    "src.domain.value_objects.bank_account": "domain",
    "src.domain.value_objects.exchange_rate": "domain",
    "src.domain.value_objects.money": "domain",
    "src.domain.protocols": "domain",
    "src.domain.protocols.event_bus": "domain",
    "src.domain.protocols.expense_repository": "domain",
    "src.domain.protocols.fx_rate_cache": "domain",
    "src.domain.protocols.fx_rate_provider": "domain",
    "src.domain.protocols.notification_sender": "domain",
    "src.domain.protocols.payout_provider": "domain",
    "src.domain.protocols.reimbursement_repository": "domain",
    "src.domain.events": "domain",
    "src.domain.events.base": "domain",
    "src.domain.events.conversion_events": "domain",
    "src.domain.events.expense_events": "domain",
    "src.domain.events.reimbursement_events": "domain",
    # application
    "src.application": "application",
    "src.application.commands": "application",
    "src.application.commands.expense_commands": "application",
    "src.application.commands.reimbursement_commands": "application",
    "src.application.commands.handlers": "application",
    "src.application.commands.handlers.convert_currency_handler": "application",
    "src.application.commands.handlers.reimburse_expense_handler": "application",
    "src.application.commands.handlers.review_expense_handler": "application",
    "src.application.commands.handlers.submit_expense_handler": "application",
    "src.application.queries": "application",
    "src.application.queries.expense_queries": "application",
    "src.application.queries.read_models": "application",
    "src.application.queries.handlers": "application",
    "src.application.queries.handlers.get_expense_handler": "application",
    "src.application.queries.handlers.list_expenses_handler": "application",
    "src.application.events": "application",
    "src.application.events.registry": "application",
    "src.application.events.handlers": "application",
    "src.application.events.handlers.audit_trail_handler": "application",
    "src.application.events.handlers.claimant_notification_handler": "application",
    "src.application.events.handlers.convert_on_submission_handler": "application",
    # infrastructure
    "src.infrastructure": "infrastructure",
    "src.infrastructure.cache": "infrastructure",
    "src.infrastructure.cache.fx_rate_cache": "infrastructure",
    "src.infrastructure.events": "infrastructure",
    "src.infrastructure.events.event_bus": "infrastructure",
    "src.infrastructure.persistence": "infrastructure",
    "src.infrastructure.persistence.expense_repository": "infrastructure",
    "src.infrastructure.persistence.in_memory": "infrastructure",
    "src.infrastructure.persistence.models": "infrastructure",
    "src.infrastructure.persistence.reimbursement_repository": "infrastructure",
    "src.infrastructure.providers": "infrastructure",
    "src.infrastructure.providers.fx_rate_provider": "infrastructure",
    "src.infrastructure.providers.notification_sender": "infrastructure",
    "src.infrastructure.providers.payout_provider": "infrastructure",
    # presentation
    "src.presentation": "inbound_adapters",
    "src.presentation.schemas": "inbound_adapters",
    "src.presentation.routers": "inbound_adapters",
    "src.presentation.routers.api": "inbound_adapters",
    "src.presentation.routers.api.v1": "inbound_adapters",
    "src.presentation.routers.api.v1.expenses": "inbound_adapters",
    "src.presentation.routers.api.v1.reimbursements": "inbound_adapters",
}

VIOLATIONS = {
    # the Expense entity types the claimant's address with pydantic's EmailStr
    (
        "domain-framework-free",
        "src.domain.entities.expense",
        "pydantic",
        f"{_SRC}/domain/entities/expense.py",
        9,
    ),
    # the conversion handler takes the Redis cache adapter, not the FxRateCache protocol (application -> infrastructure)
    (
        "layer-dependency",
        "src.application.commands.handlers.convert_currency_handler",
        "src.infrastructure.cache.fx_rate_cache",
        f"{_SRC}/application/commands/handlers/convert_currency_handler.py",
        18,
    ),
    # GetExpenseHandler.handle() returns Result[Expense, AppError] (line of its `async def handle`)
    (
        "queries-return-read-models",
        "src.application.queries.handlers.get_expense_handler.GetExpenseHandler",
        "src.domain.entities.expense.Expense",
        f"{_SRC}/application/queries/handlers/get_expense_handler.py",
        17,
    ),
    # ExchangeRate is a non-frozen @dataclass in value_objects/ (line of its `class` statement)
    (
        "value-objects-immutable",
        "src.domain.value_objects.exchange_rate.ExchangeRate",
        "src.domain.value_objects.exchange_rate.ExchangeRate",
        f"{_SRC}/domain/value_objects/exchange_rate.py",
        13,
    ),
}

ELEMENTS = {
    # aggregates: loaded and saved through repository protocols; Reimbursement holds the expense by id
    "src.domain.entities.expense.Expense": {"aggregate", "entity"},
    "src.domain.entities.reimbursement.Reimbursement": {"aggregate", "entity"},
    # value objects (ExchangeRate is one, just a mutable one)
    "src.domain.value_objects.money.Money": {"value_object"},
    "src.domain.value_objects.exchange_rate.ExchangeRate": {"value_object"},
    "src.domain.value_objects.bank_account.BankAccount": {"value_object"},
    # domain events (the bare DomainEvent marker base is a supertype, not an event); three triples + two
    "src.domain.events.expense_events.ExpenseSubmissionAttempted": {"domain_event"},
    "src.domain.events.expense_events.ExpenseSubmissionSucceeded": {"domain_event"},
    "src.domain.events.expense_events.ExpenseSubmissionFailed": {"domain_event"},
    "src.domain.events.expense_events.ExpenseApproved": {"domain_event"},
    "src.domain.events.expense_events.ExpenseRejected": {"domain_event"},
    "src.domain.events.conversion_events.CurrencyConversionAttempted": {"domain_event"},
    "src.domain.events.conversion_events.CurrencyConversionSucceeded": {"domain_event"},
    "src.domain.events.conversion_events.CurrencyConversionFailed": {"domain_event"},
    "src.domain.events.reimbursement_events.ReimbursementAttempted": {"domain_event"},
    "src.domain.events.reimbursement_events.ReimbursementSucceeded": {"domain_event"},
    "src.domain.events.reimbursement_events.ReimbursementFailed": {"domain_event"},
    # ports: typing.Protocol classes in domain/protocols/
    "src.domain.protocols.expense_repository.ExpenseRepository": {"port", "repository"},
    "src.domain.protocols.reimbursement_repository.ReimbursementRepository": {"port", "repository"},
    "src.domain.protocols.fx_rate_provider.FxRateProvider": {"port"},
    "src.domain.protocols.fx_rate_cache.FxRateCache": {"port"},
    "src.domain.protocols.payout_provider.PayoutProvider": {"port"},
    "src.domain.protocols.notification_sender.NotificationSender": {"port"},
    "src.domain.protocols.event_bus.EventBus": {"port"},
    # commands and their handler classes
    "src.application.commands.expense_commands.SubmitExpense": {"command"},
    "src.application.commands.expense_commands.ReviewExpense": {"command"},
    "src.application.commands.expense_commands.ConvertExpenseCurrency": {"command"},
    "src.application.commands.reimbursement_commands.ReimburseExpense": {"command"},
    "src.application.commands.handlers.submit_expense_handler.SubmitExpenseHandler": {"command_handler"},
    "src.application.commands.handlers.review_expense_handler.ReviewExpenseHandler": {"command_handler"},
    "src.application.commands.handlers.convert_currency_handler.ConvertExpenseCurrencyHandler": {"command_handler"},
    "src.application.commands.handlers.reimburse_expense_handler.ReimburseExpenseHandler": {"command_handler"},
    # queries, their handler classes and the read model
    "src.application.queries.expense_queries.GetExpense": {"query"},
    "src.application.queries.expense_queries.ListEmployeeExpenses": {"query"},
    "src.application.queries.handlers.get_expense_handler.GetExpenseHandler": {"query_handler"},
    "src.application.queries.handlers.list_expenses_handler.ListEmployeeExpensesHandler": {"query_handler"},
    "src.application.queries.read_models.ExpenseSummary": {"read_model"},
    # event handlers (listed in application/events/registry.py)
    "src.application.events.handlers.audit_trail_handler.AuditTrailHandler": {"event_handler"},
    "src.application.events.handlers.claimant_notification_handler.NotifyClaimantHandler": {"event_handler"},
    "src.application.events.handlers.convert_on_submission_handler.ConvertOnSubmissionHandler": {"event_handler"},
    # adapters: same class names as their ports, no inheritance
    "src.infrastructure.persistence.expense_repository.ExpenseRepository": {"adapter", "repository"},
    "src.infrastructure.persistence.reimbursement_repository.ReimbursementRepository": {"adapter", "repository"},
    "src.infrastructure.providers.fx_rate_provider.FxRateProvider": {"adapter"},
    "src.infrastructure.providers.payout_provider.PayoutProvider": {"adapter"},
    "src.infrastructure.providers.notification_sender.NotificationSender": {"adapter"},
    "src.infrastructure.cache.fx_rate_cache.FxRateCache": {"adapter"},
    "src.infrastructure.events.event_bus.EventBus": {"adapter", "message_bus"},
    # in-memory fakes
    "src.infrastructure.persistence.in_memory.InMemoryExpenseRepository": {"adapter", "repository"},
    "src.infrastructure.persistence.in_memory.InMemoryReimbursementRepository": {"adapter", "repository"},
    # composition root (Success/Failure, AppError, Settings, enums, errors and ORM models are not building blocks)
    "src.core.container.Container": {"composition_root"},
}

_CMD = "src.application.commands"
_QRY = "src.application.queries"
_EVH = "src.application.events.handlers"
_EV = "src.domain.events"
_API = "src.presentation.routers.api.v1"

RELATIONS = {
    # command handlers publish events through the EventBus protocol (attempted / succeeded / failed)
    (
        "publishes",
        f"{_CMD}.handlers.submit_expense_handler.SubmitExpenseHandler.handle",
        f"{_EV}.expense_events.ExpenseSubmissionAttempted",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.submit_expense_handler.SubmitExpenseHandler.handle",
        f"{_EV}.expense_events.ExpenseSubmissionFailed",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.submit_expense_handler.SubmitExpenseHandler.handle",
        f"{_EV}.expense_events.ExpenseSubmissionSucceeded",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.review_expense_handler.ReviewExpenseHandler.handle",
        f"{_EV}.expense_events.ExpenseApproved",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.review_expense_handler.ReviewExpenseHandler.handle",
        f"{_EV}.expense_events.ExpenseRejected",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.convert_currency_handler.ConvertExpenseCurrencyHandler.handle",
        f"{_EV}.conversion_events.CurrencyConversionAttempted",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.convert_currency_handler.ConvertExpenseCurrencyHandler.handle",
        f"{_EV}.conversion_events.CurrencyConversionFailed",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.convert_currency_handler.ConvertExpenseCurrencyHandler.handle",
        f"{_EV}.conversion_events.CurrencyConversionSucceeded",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.reimburse_expense_handler.ReimburseExpenseHandler.handle",
        f"{_EV}.reimbursement_events.ReimbursementAttempted",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.reimburse_expense_handler.ReimburseExpenseHandler.handle",
        f"{_EV}.reimbursement_events.ReimbursementFailed",
    ),
    (
        "publishes",
        f"{_CMD}.handlers.reimburse_expense_handler.ReimburseExpenseHandler.handle",
        f"{_EV}.reimbursement_events.ReimbursementSucceeded",
    ),
    # an event handler issues a command to the conversion handler
    (
        "publishes",
        f"{_EVH}.convert_on_submission_handler.ConvertOnSubmissionHandler.handle",
        f"{_CMD}.expense_commands.ConvertExpenseCurrency",
    ),
    # routers build commands and queries and pass them to handler.handle(...)
    ("publishes", f"{_API}.expenses.submit_expense", f"{_CMD}.expense_commands.SubmitExpense"),
    ("publishes", f"{_API}.expenses.review_expense", f"{_CMD}.expense_commands.ReviewExpense"),
    ("publishes", f"{_API}.expenses.convert_expense", f"{_CMD}.expense_commands.ConvertExpenseCurrency"),
    ("publishes", f"{_API}.expenses.get_expense", f"{_QRY}.expense_queries.GetExpense"),
    ("publishes", f"{_API}.expenses.list_employee_expenses", f"{_QRY}.expense_queries.ListEmployeeExpenses"),
    ("publishes", f"{_API}.reimbursements.reimburse_expense", f"{_CMD}.reimbursement_commands.ReimburseExpense"),
    # command and query handlers, by the annotation of handle()'s first parameter
    (
        "handles",
        f"{_CMD}.handlers.submit_expense_handler.SubmitExpenseHandler",
        f"{_CMD}.expense_commands.SubmitExpense",
    ),
    (
        "handles",
        f"{_CMD}.handlers.review_expense_handler.ReviewExpenseHandler",
        f"{_CMD}.expense_commands.ReviewExpense",
    ),
    (
        "handles",
        f"{_CMD}.handlers.convert_currency_handler.ConvertExpenseCurrencyHandler",
        f"{_CMD}.expense_commands.ConvertExpenseCurrency",
    ),
    (
        "handles",
        f"{_CMD}.handlers.reimburse_expense_handler.ReimburseExpenseHandler",
        f"{_CMD}.reimbursement_commands.ReimburseExpense",
    ),
    ("handles", f"{_QRY}.handlers.get_expense_handler.GetExpenseHandler", f"{_QRY}.expense_queries.GetExpense"),
    (
        "handles",
        f"{_QRY}.handlers.list_expenses_handler.ListEmployeeExpensesHandler",
        f"{_QRY}.expense_queries.ListEmployeeExpenses",
    ),
    # the event registry (EVENT_HANDLERS): the audit trail hears every event
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.expense_events.ExpenseSubmissionAttempted"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.expense_events.ExpenseSubmissionSucceeded"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.expense_events.ExpenseSubmissionFailed"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.expense_events.ExpenseApproved"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.expense_events.ExpenseRejected"),
    (
        "handles",
        f"{_EVH}.audit_trail_handler.AuditTrailHandler",
        f"{_EV}.conversion_events.CurrencyConversionAttempted",
    ),
    (
        "handles",
        f"{_EVH}.audit_trail_handler.AuditTrailHandler",
        f"{_EV}.conversion_events.CurrencyConversionSucceeded",
    ),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.conversion_events.CurrencyConversionFailed"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.reimbursement_events.ReimbursementAttempted"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.reimbursement_events.ReimbursementSucceeded"),
    ("handles", f"{_EVH}.audit_trail_handler.AuditTrailHandler", f"{_EV}.reimbursement_events.ReimbursementFailed"),
    (
        "handles",
        f"{_EVH}.convert_on_submission_handler.ConvertOnSubmissionHandler",
        f"{_EV}.expense_events.ExpenseSubmissionSucceeded",
    ),
    ("handles", f"{_EVH}.claimant_notification_handler.NotifyClaimantHandler", f"{_EV}.expense_events.ExpenseRejected"),
    (
        "handles",
        f"{_EVH}.claimant_notification_handler.NotifyClaimantHandler",
        f"{_EV}.reimbursement_events.ReimbursementSucceeded",
    ),
    (
        "handles",
        f"{_EVH}.claimant_notification_handler.NotifyClaimantHandler",
        f"{_EV}.reimbursement_events.ReimbursementFailed",
    ),
    # structural implementations (no adapter inherits from its protocol)
    (
        "implements",
        "src.infrastructure.persistence.expense_repository.ExpenseRepository",
        "src.domain.protocols.expense_repository.ExpenseRepository",
    ),
    (
        "implements",
        "src.infrastructure.persistence.in_memory.InMemoryExpenseRepository",
        "src.domain.protocols.expense_repository.ExpenseRepository",
    ),
    (
        "implements",
        "src.infrastructure.persistence.reimbursement_repository.ReimbursementRepository",
        "src.domain.protocols.reimbursement_repository.ReimbursementRepository",
    ),
    (
        "implements",
        "src.infrastructure.persistence.in_memory.InMemoryReimbursementRepository",
        "src.domain.protocols.reimbursement_repository.ReimbursementRepository",
    ),
    (
        "implements",
        "src.infrastructure.providers.fx_rate_provider.FxRateProvider",
        "src.domain.protocols.fx_rate_provider.FxRateProvider",
    ),
    (
        "implements",
        "src.infrastructure.providers.payout_provider.PayoutProvider",
        "src.domain.protocols.payout_provider.PayoutProvider",
    ),
    (
        "implements",
        "src.infrastructure.providers.notification_sender.NotificationSender",
        "src.domain.protocols.notification_sender.NotificationSender",
    ),
    (
        "implements",
        "src.infrastructure.cache.fx_rate_cache.FxRateCache",
        "src.domain.protocols.fx_rate_cache.FxRateCache",
    ),
    ("implements", "src.infrastructure.events.event_bus.EventBus", "src.domain.protocols.event_bus.EventBus"),
}
