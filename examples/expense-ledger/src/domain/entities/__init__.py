"""Entities: the Expense and Reimbursement aggregates."""
