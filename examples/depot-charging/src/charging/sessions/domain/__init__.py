"""Sessions domain: the ChargingSession aggregate, its value objects, commands and events. Framework-free."""
