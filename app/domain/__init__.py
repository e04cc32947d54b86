"""Domain values and the canonical schema every connector produces."""
