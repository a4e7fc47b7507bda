"""Tariffs domain: the Tariff aggregate, price windows, session charges, commands and events."""
