"""In-memory test doubles of the payments ports."""
