"""Domain layer of invoicing: the Invoice aggregate, its lines, the dunning schedule and policy."""
