"""CloudWatch Logs (``logs``): the Logs API, its filter patterns, and Cognito's log delivery into it."""

from .schema import MIGRATIONS

# Which module registers each operation, by service: a request imports the module of its operation when it
# first comes (core/registry.py), so a server answers without importing every module first. A test holds this
# to the registry (tests/unit/test_lazy_loading.py).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "cognito-idp": {
        "delivery": ("GetLogDeliveryConfiguration", "SetLogDeliveryConfiguration"),
    },
    "logs": {
        "api": (
            "CreateLogGroup",
            "CreateLogStream",
            "DeleteLogGroup",
            "DescribeLogGroups",
            "DescribeLogStreams",
            "FilterLogEvents",
            "GetLogEvents",
            "PutLogEvents",
        ),
    },
}

# The plain HTTP endpoints (path, methods, module), served from the start and imported on their first request.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = ()

SEED_MODULES: tuple[str, ...] = ()

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
