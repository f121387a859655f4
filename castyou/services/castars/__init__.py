"""CasTars: the ledger, earning rules, Bounties and the reconciliation audit."""
