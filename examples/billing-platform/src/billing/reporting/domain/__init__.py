"""Domain layer of reporting: the report shapes finance asks for. Nothing here is ever written back."""
