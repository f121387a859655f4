"""Admin console services, one module per tab; each checks the role itself."""
