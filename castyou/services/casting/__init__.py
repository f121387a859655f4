"""Casting surfaces: profiles, Discover, jobs and messages."""
