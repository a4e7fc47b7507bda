"""Domain: expense claims, reimbursements and money, with the protocols (ports) the outside must
implement. Pure Python: only the standard library and `src.core`."""
