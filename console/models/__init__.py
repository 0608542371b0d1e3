"""Qt item models over the service layer's frozen dataclasses; no I/O."""
