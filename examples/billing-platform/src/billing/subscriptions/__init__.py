"""Subscriptions context: the plan catalogue, who subscribes to what, seat changes and renewals.

It announces every billable moment (a subscription starting, renewing, gaining seats) as an event and
leaves invoicing to the invoicing context.
"""
