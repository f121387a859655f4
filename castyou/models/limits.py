"""Ranges the database columns can hold; inputs are checked against them before any query."""

ID_MAX = 2**31 - 1
"""Every id column is an INTEGER (PostgreSQL: 32-bit signed)."""
