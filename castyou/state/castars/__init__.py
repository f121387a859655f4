"""CasTars states: the hub and wallet, checkout, the store, receipts."""
