"""Value objects: money, exchange rates and bank accounts."""
