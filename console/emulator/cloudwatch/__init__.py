"""CloudWatch metrics (``cloudwatch``): the AWS/Cognito metrics the user pools publish, and custom metrics."""

from .schema import MIGRATIONS

# Which module registers each operation (core/registry.py imports it on the operation's first request).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "cloudwatch": {
        "api": ("GetMetricData", "GetMetricStatistics", "ListMetrics", "PutMetricData"),
    },
}

HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = ()

SEED_MODULES: tuple[str, ...] = ()

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
