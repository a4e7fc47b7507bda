"""Messaging adapters every context uses: the SNS publisher, the SQS polling loop and an in-memory publisher."""
