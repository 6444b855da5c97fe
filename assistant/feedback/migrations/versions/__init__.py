"""Migration scripts, in order (0001, 0002...)."""
