"""In-memory test doubles of the subscriptions ports: real implementations, just not durable."""
