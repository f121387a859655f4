"""Business rules and transactions. Nothing in this package imports Reflex."""
