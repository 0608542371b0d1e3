"""Cognito Console: a desktop console for Amazon Cognito, and the local Cognito it ships with."""

__version__ = "0.1.0"
