"""Domain layer: the LockerBank aggregate and the commands and events exchanged about it. Plain Python only."""
