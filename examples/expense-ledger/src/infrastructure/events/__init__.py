"""Events: the in-process event bus."""
