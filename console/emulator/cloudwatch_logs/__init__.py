"""CloudWatch Logs (``logs``): the Logs API, its filter patterns, and Cognito's log delivery into it."""

from .schema import MIGRATIONS

# api: the logs service's operations; delivery: cognito-idp's Get/SetLogDeliveryConfiguration.
HANDLER_MODULES = ("api", "delivery")

__all__ = ["HANDLER_MODULES", "MIGRATIONS"]
