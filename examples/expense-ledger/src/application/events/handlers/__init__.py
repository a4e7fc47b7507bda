"""Event handlers: react to domain events after the command that published them."""
