"""The small STS identity pools need (``sts``): role sessions and their temporary credentials, which every
call made with them proves with SigV4 (core/credentials.py)."""

from .schema import MIGRATIONS

# Which module registers each operation, by service: a request imports the module of its operation when it
# first comes (core/registry.py). A test holds this to the registry (tests/unit/test_lazy_loading.py).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "sts": {"sessions": ("AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity")},
}

# The plain HTTP endpoints (path, methods, module), served from the start and imported on their first request.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = ()

SEED_MODULES: tuple[str, ...] = ()

# Access keys this package issues, by prefix, and the module whose ``resolve`` finds them (core/credentials.py).
CREDENTIALS: dict[str, str] = {"ASIA": "credentials"}

__all__ = ["CREDENTIALS", "HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
