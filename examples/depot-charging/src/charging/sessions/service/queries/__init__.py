"""Query side: query messages and handlers answering from the read-side port."""
