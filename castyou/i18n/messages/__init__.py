"""Message catalogs, one module per area: ``MESSAGES = {key: (en, pt, es)}``."""
