"""Page layouts; each binds to its state and registers nothing itself (see castyou.py)."""
