"""The public REST API, versioned below this package."""
