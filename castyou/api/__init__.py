"""HTTP routes served next to the Reflex app (mounted with ``api_transformer``)."""
