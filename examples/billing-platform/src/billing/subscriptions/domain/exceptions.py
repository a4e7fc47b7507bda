"""Errors of the subscriptions domain; the API maps them to HTTP statuses."""


class SubscriptionError(Exception):
    """Base of every subscriptions error."""


class PlanNotFoundError(SubscriptionError):
    pass


class PlanRetiredError(SubscriptionError):
    pass


class SubscriptionNotFoundError(SubscriptionError):
    pass


class SubscriptionNotActiveError(SubscriptionError):
    pass
