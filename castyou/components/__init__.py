"""Reusable UI pieces: the app shell, guards and small widgets."""
