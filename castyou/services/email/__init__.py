"""E-mail: opt-in preferences, the transactional outbox, SMTP or the development outbox."""
