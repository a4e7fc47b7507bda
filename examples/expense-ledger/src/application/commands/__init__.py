"""Commands: requests to change claims and payouts."""
