"""Thin Reflex states: authorize from the server-side session, call a service, set vars."""
