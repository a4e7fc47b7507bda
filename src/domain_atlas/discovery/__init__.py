"""Static discovery: reading services from source with `ast`, never importing them."""
