"""Domain layer of payments: payment attempts, payment methods, and which declines are worth retrying."""
