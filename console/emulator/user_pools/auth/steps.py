"""The sign-in's step machinery, and what every flow shares: the Flow, the checks, challenges and triggers.

A sign-in is a chain of steps (chain.py). The handlers are ``async``: each step runs in a short
transaction of its own, and the big-number work of SRP and of password verification runs between
transactions on the SRP worker pool, so the event loop is never held for a whole sign-in. Failed attempts
are recorded even though the request fails (``ctx.keep``, core/transaction.py): lockout counts and used
SRP secret blocks survive the error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from console.emulator.core import invocations, transaction, workers
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized, user_not_found
from console.emulator.user_pools import flow_hooks, triggers, users
from console.emulator.user_pools.users import User

from . import sessions, srp

INCORRECT = "Incorrect username or password."


# -- the step machinery ---------------------------------------------------------------------------------


@dataclass
class Compute:
    """Ask the driver to run CPU-bound ``work(*args)`` off the event loop, then ``then(result)``."""

    work: Callable[..., Any]
    args: tuple[Any, ...]
    then: Callable[[Any], Any]


def _in_tx(ctx: RequestContext, fn: Callable[..., Any], *args: Any, inline: bool = False) -> Any:
    def work() -> Any:
        written = ctx.store.changes()
        result = fn(*args)
        # With ``inline``, short arithmetic the request would do in place anyway is done here, and the
        # step goes on in the same transaction; only while it has written nothing, so that a later
        # refusal rolls back no more than it would have as a step of its own.
        while (
            inline
            and isinstance(result, Compute)
            and result.work is not srp.session_key
            and ctx.store.changes() == written
        ):
            result = result.then(result.work(*result.args))
        return result

    return transaction.run(ctx, work)


async def _step(ctx: RequestContext, fn: Callable[..., Any], *args: Any) -> Any:
    """One committed step; its Lambda triggers are called off the event loop (invocations.py). Steps
    commit one by one, so each settles its own calls rather than the request replaying from the start."""
    invocations.reset_memo(ctx)
    # Decided once per step, not per attempt: a replay (invocations.py) must take the same path as the
    # attempt whose trigger answers it reuses.
    inline = workers.pick() is None
    return await invocations.settle(ctx, lambda: _in_tx(ctx, fn, *args, inline=inline))


async def drive(ctx: RequestContext, fn: Callable[..., Any], *args: Any) -> dict[str, Any]:
    """Run ``fn(*args)`` as a step, then each Compute it asks for and the step that follows, to the answer."""
    result = await _step(ctx, fn, *args)
    while isinstance(result, Compute):
        value = await srp.compute(result.work, *result.args)
        result = await _step(ctx, result.then, value)
    assert isinstance(result, dict)
    return result


# -- the flow ---------------------------------------------------------------------------------------------


@dataclass
class Flow:
    """Who is signing in, through which client, and what the chain has done so far."""

    pool: dict[str, Any]
    client: dict[str, Any]
    admin: bool
    flow: str
    device_key: str | None = None
    client_metadata: dict[str, str] = field(default_factory=dict)
    first_factor: str = "PASSWORD"  # PASSWORD | SRP | OTP | WEB_AUTHN | CUSTOM | DEVICE
    auth_time: float | None = None
    source: str = "Authentication"
    req: dict[str, Any] = field(default_factory=dict)
    # InitiateAuth's ClientMetadata: PreAuthentication's validationData and UserMigration's clientMetadata
    # only (the model: the other triggers of InitiateAuth get none; RespondToAuthChallenge's goes to all).
    validation_data: dict[str, str] = field(default_factory=dict)
    # CUSTOM_AUTH for a user who does not exist, with PreventUserExistenceErrors: the name asked for.
    phantom: str | None = None
    # Step-up (user_pools/acr.py): the levels asked for (TARGET_ACR_VALUES, or the hosted UI's acr_values),
    # the methods completed so far (``amr``), and whether the MFA challenge in progress is the step-up's.
    acr_values: list[str] = field(default_factory=list)
    amr: list[str] = field(default_factory=list)
    stepped_up: bool = False

    def state(self) -> dict[str, Any]:
        return {
            "admin": self.admin,
            "flow": self.flow,
            "device_key": self.device_key,
            "first_factor": self.first_factor,
            "auth_time": self.auth_time,
            "source": self.source,
            "phantom": self.phantom,
            "acr_values": self.acr_values,
            "amr": self.amr,
            "stepped_up": self.stepped_up,
        }

    @classmethod
    def restore(
        cls, pool: dict[str, Any], client: dict[str, Any], state: dict[str, Any], metadata: dict[str, str] | None
    ) -> Flow:
        return cls(
            pool=pool,
            client=client,
            admin=bool(state.get("admin")),
            flow=str(state.get("flow") or ""),
            device_key=state.get("device_key"),
            client_metadata=dict(metadata or {}),
            first_factor=str(state.get("first_factor") or "PASSWORD"),
            auth_time=state.get("auth_time"),
            source=str(state.get("source") or "Authentication"),
            phantom=state.get("phantom"),
            acr_values=list(state.get("acr_values") or []),
            amr=list(state.get("amr") or []),
            stepped_up=bool(state.get("stepped_up")),
        )


# -- checks and challenges ---------------------------------------------------------------------------------


def param(params: dict[str, str], name: str) -> str:
    value = params.get(name)
    if not value:
        raise invalid_parameter(f"Missing required parameter {name}")
    return value


def unknown_user(flow: Flow) -> AwsError:
    if sessions.prevents_existence_errors(flow.client):
        return not_authorized(INCORRECT)
    return user_not_found()


def check_usable(flow: Flow, user: User, *, password_checked: bool) -> None:
    """The user states that stop a sign-in, in the order AWS reports them."""
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if user.status == "RESET_REQUIRED":
        if sessions.prevents_existence_errors(flow.client):
            raise not_authorized(INCORRECT)  # COGNITO-FACTS §5.3: NotAuthorized, as for an unknown user
        raise AwsError("PasswordResetRequiredException", "Password reset required for the user")
    if user.status == "UNCONFIRMED" and (password_checked or not sessions.prevents_existence_errors(flow.client)):
        raise AwsError("UserNotConfirmedException", "User is not confirmed.")


def check_lockout(user: User, now: float) -> None:
    if sessions.locked(user.secret, now):
        raise not_authorized(sessions.ATTEMPTS_EXCEEDED)


def failed_password(ctx: RequestContext, flow: Flow, user: User, *extra: Callable[[], Any]) -> AwsError:
    """NotAuthorized for a wrong password, with the failure counted (and ``extra`` kept) after the rollback."""

    def count() -> None:
        fresh = users.by_key(ctx, user.pool_id, user.username_key)
        if fresh is not None:
            fresh.secret = sessions.record_failure(fresh.secret, ctx.now)
            users.save_secret(ctx, fresh)

    for write in (count, flow_hooks.sign_in_failed(ctx, flow.pool, user), *extra):
        ctx.keep(write)
    return not_authorized(INCORRECT)


def password_ok(ctx: RequestContext, user: User) -> None:
    if "lockout" in user.secret:
        user.secret = sessions.record_success(user.secret)
        users.save_secret(ctx, user)


def password_mark(user: User) -> str:
    """Which password a challenge Session was issued under (a digest: sessions never hold the verifier)."""
    return hashlib.sha256(str(user.secret.get("verifier") or "").encode()).hexdigest()[:32]


def challenge(
    ctx: RequestContext,
    flow: Flow,
    user: User,
    name: str,
    parameters: dict[str, str],
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    # The risk decision of the first factor travels with the Session (adaptive MFA in a later request).
    state = {**flow.state(), **(extra or {}), "pw": password_mark(user), "risk": flow_hooks.saved_risk(ctx)}
    session = sessions.create(ctx, flow.client, user.username_key, name, state)
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": parameters}


# -- triggers ---------------------------------------------------------------------------------------------


def trigger(ctx: RequestContext, flow: Flow, user: User | None, name: str, source: str, request: dict[str, Any]) -> Any:
    if not triggers.configured(flow.pool, name):
        return None
    event = triggers.base_event(
        ctx, flow.pool, flow.client["ClientId"], user.username if user else None, source, request
    )
    return triggers.invoke(ctx, flow.pool, name, event)


def user_attributes(flow: Flow, user: User) -> dict[str, str]:
    if flow.phantom is not None:
        return {}
    return dict(triggers.user_attributes(flow.pool, user))


def pre_authentication(ctx: RequestContext, flow: Flow, user: User) -> None:
    """PreAuthentication_Authentication: ``validationData`` is InitiateAuth's ClientMetadata (the
    Developer Guide); ``userNotFound`` is set only for clients with PreventUserExistenceErrors."""
    request: dict[str, Any] = {
        "userAttributes": user_attributes(flow, user),
        "validationData": dict(flow.validation_data),
    }
    if sessions.prevents_existence_errors(flow.client):
        request["userNotFound"] = flow.phantom is not None
    trigger(ctx, flow, user, "PreAuthentication", "PreAuthentication_Authentication", request)


def pre_authentication_not_found(ctx: RequestContext, flow: Flow, username: str) -> None:
    """An unknown user signs in: with PreventUserExistenceErrors, PreAuthentication still runs
    (``userNotFound`` true), so that its latency and refusals do not tell the caller who exists."""
    if sessions.prevents_existence_errors(flow.client) and flow.phantom is None:
        flow.phantom = username
        pre_authentication(ctx, flow, phantom_user(flow, username))


def phantom_user(flow: Flow, username: str) -> User:
    """A stand-in for a user who does not exist (never saved): the name asked for, no attributes."""
    return User(
        pool_id=flow.pool["Id"],
        username=username,
        username_key=users.username_key(flow.pool, username),
        sub="",
        status="UNCONFIRMED",
        enabled=True,
        created=0.0,
        modified=0.0,
        attrs={},
    )
