"""Inbound message adapter of subscriptions: the worker reading the context's SQS queue."""
