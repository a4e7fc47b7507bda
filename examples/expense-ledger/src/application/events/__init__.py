"""Event side of the application: the handlers of domain events and the registry that maps each
event type to them."""
