"""Tariffs service layer: command handlers, query handlers and reactions to other contexts' events."""
