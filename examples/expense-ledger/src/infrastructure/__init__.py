"""Infrastructure: adapters that implement the domain protocols with PostgreSQL, Redis, HTTP
providers and an in-process event bus. None of them inherits from its protocol."""
