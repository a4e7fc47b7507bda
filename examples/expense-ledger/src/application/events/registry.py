"""The event registry: every domain event of the service and the handlers that react to it.

A domain event missing from this table is a bug; the container subscribes exactly these handlers.
"""

from src.application.events.handlers.audit_trail_handler import AuditTrailHandler
from src.application.events.handlers.claimant_notification_handler import NotifyClaimantHandler
from src.application.events.handlers.convert_on_submission_handler import ConvertOnSubmissionHandler
from src.domain.events.base import DomainEvent
from src.domain.events.conversion_events import (
    CurrencyConversionAttempted,
    CurrencyConversionFailed,
    CurrencyConversionSucceeded,
)
from src.domain.events.expense_events import (
    ExpenseApproved,
    ExpenseRejected,
    ExpenseSubmissionAttempted,
    ExpenseSubmissionFailed,
    ExpenseSubmissionSucceeded,
)
from src.domain.events.reimbursement_events import (
    ReimbursementAttempted,
    ReimbursementFailed,
    ReimbursementSucceeded,
)

EVENT_HANDLERS: dict[type[DomainEvent], list[type]] = {
    ExpenseSubmissionAttempted: [AuditTrailHandler],
    ExpenseSubmissionSucceeded: [AuditTrailHandler, ConvertOnSubmissionHandler],
    ExpenseSubmissionFailed: [AuditTrailHandler],
    ExpenseApproved: [AuditTrailHandler],
    ExpenseRejected: [AuditTrailHandler, NotifyClaimantHandler],
    CurrencyConversionAttempted: [AuditTrailHandler],
    CurrencyConversionSucceeded: [AuditTrailHandler],
    CurrencyConversionFailed: [AuditTrailHandler],
    ReimbursementAttempted: [AuditTrailHandler],
    ReimbursementSucceeded: [AuditTrailHandler, NotifyClaimantHandler],
    ReimbursementFailed: [AuditTrailHandler, NotifyClaimantHandler],
}
