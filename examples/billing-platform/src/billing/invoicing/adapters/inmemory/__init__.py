"""In-memory test doubles of the invoicing ports."""
