"""Personal Concierge: the requester's side, shared rules, candidates, tiers."""
