"""The Feature Store: the feature registry, activations and the catalog."""
