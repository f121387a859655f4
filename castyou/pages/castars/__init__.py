"""CasTars pages: the hub, checkout, the store, receipts."""
