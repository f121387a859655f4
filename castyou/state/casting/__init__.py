"""Casting surface states: profile, Discover, jobs, messages."""
