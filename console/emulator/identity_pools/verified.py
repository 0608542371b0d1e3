"""A verified login: what the check of one entry of a Logins map found (logins.py, social.py, saml.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core.errors import AwsError, not_authorized


@dataclass(frozen=True)
class Login:
    key: str  # the Logins map's key
    provider: str  # the provider name the identity's logins list
    subject: str  # the user at the provider
    claims: Mapping[str, Any] = field(default_factory=dict)
    amr: tuple[str, ...] = ()  # what the OpenID token's amr says of this login, after "authenticated"
    role_mapping_keys: tuple[str, ...] = ()  # the RoleMappings keys that apply to this login, in order
    identity_id: str | None = None  # the identity a Cognito OpenID token was issued for
    principal_tags: Mapping[str, str] | None = None  # the tags a Cognito OpenID token carries
    roles: tuple[str, ...] = ()  # the roles the provider lets the user take (a SAML assertion's Role attribute)


def invalid_login(reason: str) -> AwsError:
    """NotAuthorizedException for a login token that does not check out, in AWS's words."""
    return not_authorized(f"Invalid login token. {reason}")
