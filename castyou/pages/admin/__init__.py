"""Admin console pages, one module per tab."""
