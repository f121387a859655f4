"""Buying CasTars: bundles, checkout, Stripe and its webhook, the simulator."""
