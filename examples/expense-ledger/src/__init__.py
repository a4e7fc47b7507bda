"""Expense Ledger: employees claim back money spent for the company, finance reviews the claims,
converts them to the company's currency and pays them out.

The whole service is one bounded context; its top package is literally called `src`."""
