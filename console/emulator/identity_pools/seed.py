"""The ``IdentityPools`` section of a seed file (core/seeding.py): identity pools and their roles, made
through the API's own operations.

An entry holds the fields of ``CreateIdentityPool`` and a few of its own: ``IdentityPoolId`` (a fixed ID,
``<region>:`` and a UUID, so that tests can hardcode it), ``Roles`` and ``RoleMappings`` (as
``SetIdentityPoolRoles`` takes them). User pools the identity pool names are best seeded in the same file's
``UserPools`` section, with fixed IDs.

Seeding is idempotent across restarts of a persistent server: an identity pool that is already there (the
same ``IdentityPoolId``, or without one the same ``IdentityPoolName``) is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

from console.emulator.core.seeding import Seeding, section
from console.emulator.core.store import dumps, loads_document

SERVICE = "cognito-identity"
OWN_FIELDS = ("IdentityPoolId", "Roles", "RoleMappings")


def _label(index: int, entry: Any) -> str:
    name = entry.get("IdentityPoolName") if isinstance(entry, dict) else None
    return f"IdentityPools[{index}]" + (f" ({name})" if isinstance(name, str) and name else "")


@section("IdentityPools")
def seed_identity_pools(seed: Seeding, value: Any) -> None:
    region = seed.config.region
    for index, entry in enumerate(seed.entries(value, "IdentityPools")):
        with seed.entry(_label(index, entry)):
            allowed = seed.members(SERVICE, "CreateIdentityPool") | set(OWN_FIELDS)
            fields = seed.fields(entry, "an identity pool", allowed)
            fixed = fields.get("IdentityPoolId")
            if fixed is not None and (
                not isinstance(fixed, str)
                or re.fullmatch(
                    re.escape(region) + r":[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", fixed
                )
                is None
            ):
                raise seed.error(f"IdentityPoolId {fixed!r} is not an identity pool ID of {region}: {region}:<uuid>")
            if fixed is not None:
                existing = seed.store.value("SELECT id FROM identity_pools WHERE id = ?", (fixed,))
            else:
                existing = seed.store.value(
                    "SELECT id FROM identity_pools WHERE name = ? ORDER BY created LIMIT 1",
                    (fields.get("IdentityPoolName"),),
                )
            if existing is not None:
                seed.kept.append(f"identity pool {fields.get('IdentityPoolName')} ({existing})")
                continue
            request = {k: v for k, v in fields.items() if k not in OWN_FIELDS}
            pool_id: str = seed.call(SERVICE, "CreateIdentityPool", request)["IdentityPoolId"]
            if fixed is not None:
                _fix_id(seed, pool_id, fixed)
                pool_id = fixed
            if "Roles" in fields or "RoleMappings" in fields:
                roles = {"IdentityPoolId": pool_id, "Roles": fields.get("Roles") or {}}
                if "RoleMappings" in fields:
                    roles["RoleMappings"] = fields["RoleMappings"]
                seed.call(SERVICE, "SetIdentityPoolRoles", roles)
            seed.created.append(f"identity pool {request.get('IdentityPoolName')} ({pool_id})")


def _fix_id(seed: Seeding, made: str, fixed: str) -> None:
    """Give the identity pool just made (with nothing in it yet) the seed file's ID."""
    doc = loads_document(seed.store.value("SELECT doc FROM identity_pools WHERE id = ?", (made,)))
    doc["IdentityPoolId"] = fixed
    seed.store.run("UPDATE identity_pools SET id = ?, doc = ? WHERE id = ?", (fixed, dumps(doc), made))
