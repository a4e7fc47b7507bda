"""E-mailing the employee when a claim is rejected or a payout settles or fails."""

from src.domain.events.expense_events import ExpenseRejected
from src.domain.events.reimbursement_events import ReimbursementFailed, ReimbursementSucceeded
from src.domain.protocols.expense_repository import ExpenseRepository
from src.domain.protocols.notification_sender import NotificationSender


class NotifyClaimantHandler:
    """Tells the claimant about outcomes they have to act on or can stop waiting for."""

    def __init__(self, expenses: ExpenseRepository, sender: NotificationSender) -> None:
        self._expenses = expenses
        self._sender = sender

    async def handle(self, event: ExpenseRejected | ReimbursementSucceeded | ReimbursementFailed) -> None:
        expense = await self._expenses.get(event.expense_id)
        if expense is None:
            return
        if isinstance(event, ExpenseRejected):
            subject, body = "Expense claim rejected", f"Your claim was rejected: {event.reason}"
        elif isinstance(event, ReimbursementSucceeded):
            subject, body = "Expense reimbursed", f"Payout {event.payout_reference} is on its way."
        else:
            subject, body = "Reimbursement delayed", f"The payout failed ({event.reason}); finance will retry."
        recipient = str(expense.claimant_email)
        await self._sender.send(recipient, subject, f"{expense.description}\n\n{body}")
