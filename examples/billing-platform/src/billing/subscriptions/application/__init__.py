"""Application layer of subscriptions: the ports it needs (ABCs) and one class per use case."""
