"""Domain events. Every workflow that calls out of the service publishes an attempted /
succeeded / failed triple; the application's event registry lists the handlers of each."""
