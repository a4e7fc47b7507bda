"""Static discovery: reading services from source with griffe and ast, never importing them."""
