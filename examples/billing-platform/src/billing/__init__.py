"""Billing Platform: subscription billing for a SaaS product, deployed as one modular monolith.

Four bounded contexts live side by side and never import each other: `subscriptions` (plans and
renewals), `invoicing` (invoices and dunning), `payments` (charging cards through a payment provider)
and `reporting` (read-only revenue reports). They talk through events published to one SNS topic.
"""
