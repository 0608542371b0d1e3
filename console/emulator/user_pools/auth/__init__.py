"""Sign-in: the step engine and one module per flow."""
