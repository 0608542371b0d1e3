"""Amazon Cognito Sync (``cognito-sync``, REST-JSON): datasets and records of identities, sync counts and
sessions, usage reports, push sync, Cognito Streams and Cognito events."""

from .schema import MIGRATIONS

# Which module registers each operation, by service: a request imports the module of its operation when it
# first comes (core/registry.py), so a server answers without importing every module first. A test holds this
# to the registry (tests/unit/test_lazy_loading.py).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "cognito-sync": {
        "bulk_publish": ("BulkPublish", "GetBulkPublishDetails"),
        "configuration": (
            "GetCognitoEvents",
            "GetIdentityPoolConfiguration",
            "SetCognitoEvents",
            "SetIdentityPoolConfiguration",
        ),
        "datasets": ("DeleteDataset", "DescribeDataset", "ListDatasets"),
        "push": ("RegisterDevice", "SubscribeToDataset", "UnsubscribeFromDataset"),
        "records": ("ListRecords", "UpdateRecords"),
        "usage": ("DescribeIdentityPoolUsage", "DescribeIdentityUsage", "ListIdentityPoolUsage"),
    },
}

# Cognito Sync's REST paths are served by the REST-JSON protocol (core/rest_json.py), not as plain routes.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = ()

SEED_MODULES: tuple[str, ...] = ()

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
