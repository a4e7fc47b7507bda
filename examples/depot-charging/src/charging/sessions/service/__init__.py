"""Sessions service layer: command handlers coordinate use cases through ports; query handlers read models."""
