"""Domain layer of subscriptions: plans, the Subscription aggregate, billing periods and seat proration."""
