"""Casting surface pages: profile, Discover, jobs, messages."""
