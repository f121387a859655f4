"""Admin console states, one module per tab."""
