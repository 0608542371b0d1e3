"""Identity pools: list, create, edit, delete; their default roles and role mappings; each role's trust and
permission policies, readable in the details pane and editable as JSON."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget
from qasync import asyncSlot

from console.models.resources import IdentityPoolsModel
from console.services import policies
from console.services.errors import ServiceError
from console.services.protocol import MATCH_TYPES, IamRole, IdentityPool, IdentityPoolRoles, IdentityPoolSummary

from .base import (
    MUTED,
    WARNING,
    ListView,
    _heading,
    accepted,
    document,
    h,
    listing,
    pending,
    run_dialog,
    section,
    unavailable,
)
from .context import AppContext
from .identity_pool_dialogs import (
    TRUST,
    IdentityPoolDialog,
    IdentityPoolRolesDialog,
    RolePolicyDialog,
    RoleSimulatorDialog,
)


class IdentityPoolsView(ListView):
    name = "identity-pools"
    title = "Identity pools"
    icon_name = "identity-pools"
    noun = "identity pool"
    needs_pool = False  # identity pools belong to the region, not to a user pool
    empty = (
        "No identity pools in this region.\n"
        "An identity pool gives users of your user pools (and guests) temporary AWS credentials."
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, IdentityPoolsModel(), parent)
        self.model.setParent(self)
        self.pool: IdentityPool | None = None  # the one in the details pane
        self.roles: IdentityPoolRoles | None = None
        self.role_docs: dict[str, IamRole | ServiceError] = {}
        self.roles_button = QPushButton("Roles…", self)
        self.roles_button.setObjectName("rolesButton")
        self.roles_button.setToolTip("The default roles and how users of each provider get a role")
        self.roles_button.clicked.connect(self.on_roles_clicked)
        self.ui.actions.insertWidget(self.ui.actions.indexOf(self.ui.deleteButton), self.roles_button)
        self.simulate_button = QPushButton("Simulate…", self)
        self.simulate_button.setObjectName("simulateButton")
        self.simulate_button.setToolTip("Which role a user gets and why, and what that role may do")
        self.simulate_button.clicked.connect(self.on_simulate_clicked)
        self.ui.actions.insertWidget(self.ui.actions.indexOf(self.roles_button), self.simulate_button)
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        connected = self.ctx.service is not None
        self.ui.createButton.setEnabled(connected)
        if hasattr(self, "simulate_button"):
            self.roles_button.setEnabled(self.ui.editButton.isEnabled())
            self.simulate_button.setEnabled(self.ui.editButton.isEnabled())

    async def load(self) -> None:
        if self.ctx.service is None:
            return
        async with self.ctx.busy("Loading identity pools"):
            self.model.set_items(await self.fetch(""))
            self.ui.emptyState.setText(self.empty)
            self.loaded_pool = self.ctx.pool_id
            self._update_buttons()
            if self.model.rowCount():
                self.ui.table.selectRow(0)

    async def fetch(self, pool_id: str) -> list[IdentityPoolSummary]:
        return await self.ctx.require().list_identity_pools()

    # --- details: the configuration at once, then the roles and their policies as they answer ------------
    async def show_details(self, summary: IdentityPoolSummary) -> None:
        service = self.ctx.service
        if service is None:
            return
        claim = self._claim_details()
        self.failures = {}
        self.pool, self.roles, self.role_docs = None, None, {}
        self.ui.details.setHtml(document(summary.name, summary.id, pending("Configuration")))
        pool = await self.ctx.attempt(f"Loading {summary.name}", service.describe_identity_pool, summary.id)
        if not self._is_latest(claim):
            return
        if isinstance(pool, ServiceError):
            self.failures = {"pool": pool}
            self.ui.details.setHtml(document(summary.name, summary.id, unavailable("Configuration", pool, "pool")))
            return
        self.pool = pool
        self.ui.details.setHtml(pool_details(pool, None, {}))
        roles = await self.ctx.attempt("Loading the identity pool's roles", service.identity_pool_roles, pool.id)
        if not self._is_latest(claim):
            return
        if isinstance(roles, ServiceError):
            self.failures["roles"] = roles
            self.ui.details.setHtml(pool_details(pool, roles, {}))
            return
        self.roles = roles
        self.ui.details.setHtml(pool_details(pool, roles, {}))
        for arn in dict.fromkeys(a for a in (roles.authenticated, roles.unauthenticated) if a):
            role = await self.ctx.attempt(f"Loading the role {arn}", service.get_role, arn)
            if not self._is_latest(claim):
                return
            self.role_docs[arn] = role
            if isinstance(role, ServiceError):
                self.failures[f"role-{arn}"] = role
            self.ui.details.setHtml(pool_details(pool, roles, self.role_docs))

    def on_details_link(self, action: str, what: str) -> None:
        if action == "policies":
            self.ctx.spawn(self.edit_policies(what))

    # --- create, edit, delete -----------------------------------------------------------------------------
    async def edit(self, summary: IdentityPoolSummary | None) -> None:
        pool = None
        if summary is not None:
            async with self.ctx.busy(f"Loading {summary.name}"):
                pool = await self.ctx.require().describe_identity_pool(summary.id)
        dialog = IdentityPoolDialog(self, pool, self._region())
        if await accepted(dialog):
            await self.save(dialog.value(), create=pool is None)

    def _region(self) -> str:
        connection = getattr(self.ctx.service, "connection", None)
        return getattr(connection, "region", "us-east-1")

    async def save(self, pool: IdentityPool, create: bool) -> IdentityPool:
        async with self.ctx.busy("Saving identity pool"):
            service = self.ctx.require()
            saved = await (service.create_identity_pool(pool) if create else service.update_identity_pool(pool))
            self.model.upsert(IdentityPoolSummary(saved.id, saved.name))
            self._update_buttons()
            row = self.model.row_of(saved.id)
            self.ui.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
            if not create:
                self.ctx.spawn(self.show_details(IdentityPoolSummary(saved.id, saved.name)))
            return saved

    async def delete(self, summary: IdentityPoolSummary) -> None:
        async with self.ctx.busy(f"Deleting {summary.name}"):
            await self.ctx.require().delete_identity_pool(summary.id)
            self.model.remove(summary.id)
            self._update_buttons()

    @asyncSlot()
    async def on_delete_clicked(self) -> None:
        record = self.current()
        if record is not None and await self.confirm(
            "Delete identity pool",
            f"Delete the identity pool {record.name} ({record.id})? Its identities and their Cognito Sync data "
            "are deleted with it, and apps using it stop getting credentials. This cannot be undone.",
            accept="Delete",
        ):
            await self.delete(record)

    # --- roles and role mappings ---------------------------------------------------------------------------
    @asyncSlot()
    async def on_roles_clicked(self) -> None:
        summary = self.current()
        if summary is None or not self.roles_button.isEnabled():
            return
        self.roles_button.setEnabled(False)
        try:
            await self.edit_roles(summary)
        finally:
            self._update_buttons()

    async def edit_roles(self, summary: IdentityPoolSummary) -> None:
        service = self.ctx.require()
        async with self.ctx.busy(f"Loading the roles of {summary.name}"):
            pool = await service.describe_identity_pool(summary.id)
            roles = await service.identity_pool_roles(summary.id)
        dialog = IdentityPoolRolesDialog(self, pool, roles, [a for a in self.role_docs if a])
        if await accepted(dialog):
            await self.save_roles(dialog.value())

    async def save_roles(self, roles: IdentityPoolRoles) -> None:
        async with self.ctx.busy("Saving roles"):
            await self.ctx.require().set_identity_pool_roles(roles)
        summary = self.current()
        if summary is not None:
            await self.show_details(summary)

    @asyncSlot()
    async def on_simulate_clicked(self) -> None:
        summary = self.current()
        if summary is None or not self.simulate_button.isEnabled():
            return
        self.simulate_button.setEnabled(False)
        try:
            dialog = await self.simulator(summary)
            await run_dialog(dialog)
        finally:
            self._update_buttons()

    async def simulator(self, summary: IdentityPoolSummary) -> RoleSimulatorDialog:
        """The simulator over the identity pool's current configuration and roles."""
        service = self.ctx.require()
        async with self.ctx.busy(f"Loading {summary.name}"):
            pool = await service.describe_identity_pool(summary.id)
            roles = await service.identity_pool_roles(summary.id)
        return RoleSimulatorDialog(self, self.ctx, pool, roles, self._region())

    async def edit_policies(self, arn: str) -> None:
        role = self.role_docs.get(arn)
        if not isinstance(role, IamRole) or self.pool is None or self.roles is None:
            return
        dialog = RolePolicyDialog(self, role, self.pool.id, authenticated=arn == self.roles.authenticated)
        if await accepted(dialog):
            await self.save_policies(role, dialog.changed())

    async def save_policies(self, role: IamRole, changed: dict[str, dict[str, Any]]) -> None:
        service = self.ctx.require()
        async with self.ctx.busy(f"Saving the policies of {role.name}"):
            for name, doc in changed.items():
                if name == TRUST:
                    await service.update_trust_policy(role.name, doc)
                else:
                    await service.put_role_policy(role.name, name, doc)
        summary = self.current()
        if summary is not None:
            await self.show_details(summary)


def pool_details(
    pool: IdentityPool, roles: IdentityPoolRoles | ServiceError | None, role_docs: dict[str, IamRole | ServiceError]
) -> str:
    """An identity pool's configuration, its roles (None while they load, or why they could not), and each
    role's trust and permission policies as they arrive."""
    providers = [
        (
            ref.user_pool_id,
            f"app client {ref.client_id}" + (", server-side token check" if ref.server_side_token_check else ""),
        )
        for ref in pool.cognito_providers
    ]
    providers += [(name, app) for name, app in pool.login_providers.items()]
    providers += [("OpenID Connect", arn) for arn in pool.openid_providers]
    providers += [("SAML", arn) for arn in pool.saml_providers]
    if pool.developer_provider:
        providers.append(("Developer provider", pool.developer_provider))
    parts = [
        section(
            "Configuration",
            [
                ("Identity pool ID", pool.id),
                ("Guest access", "Allowed" if pool.allow_unauthenticated else "Not allowed"),
                ("Basic (classic) flow", "Allowed" if pool.allow_classic_flow else "Not allowed"),
            ],
        ),
        section("Identity providers", providers, empty="None: only guests, if guest access is allowed"),
    ]
    if roles is None:
        parts.append(pending("Roles"))
    elif isinstance(roles, ServiceError):
        parts.append(unavailable("Roles", roles, "roles"))
    else:
        parts.append(roles_section(pool, roles))
        parts += [role_section(kind, arn, role_docs.get(arn), pool, roles) for kind, arn in role_rows(roles)]
    if pool.tags:
        parts.append(section("Tags", dict(pool.tags)))
    return document(pool.name, "Identity pool", *parts)


def role_rows(roles: IdentityPoolRoles) -> list[tuple[str, str]]:
    return [
        (kind, arn)
        for kind, arn in (("Authenticated role", roles.authenticated), ("Guest role", roles.unauthenticated))
        if arn
    ]


def roles_section(pool: IdentityPool, roles: IdentityPoolRoles) -> str:
    rows: list[tuple[str, str]] = [
        ("Authenticated role", roles.authenticated or "None"),
        (
            "Guest role",
            roles.unauthenticated or ("None" if pool.allow_unauthenticated else "None (guest access is off)"),
        ),
    ]
    html = section("Roles", rows)
    for mapping in roles.mappings:
        fallback = "deny" if mapping.ambiguous == "Deny" else "the authenticated role"
        if mapping.type == "Token":
            lines = [f"From the token (cognito:preferred_role, cognito:roles); otherwise {fallback}"]
        else:
            lines = [
                f"{n}. {r.claim} {MATCH_TYPES.get(r.match_type, r.match_type)} “{r.value}” → {r.role_arn}"
                for n, r in enumerate(mapping.rules, 1)
            ] + [f"No rule matches: {fallback}"]
        html += listing(f"Role mapping for {mapping.provider}", lines)
    return html


def role_section(
    kind: str, arn: str, role: IamRole | ServiceError | None, pool: IdentityPool, roles: IdentityPoolRoles
) -> str:
    title = f"{kind}: {arn.rsplit('/', 1)[-1]}"
    if role is None:
        return pending(title)
    if isinstance(role, ServiceError):
        return unavailable(title, role, f"role-{arn}")
    authenticated = arn == roles.authenticated
    trust = policies.trusts_cognito(role.trust_policy, pool.id, authenticated=authenticated)
    who = "authenticated" if authenticated else "guest"
    check = (
        f"<p style='margin:0;color:{WARNING}'>⚠ {h(trust)} The enhanced flow gives no credentials for this role.</p>"
        if trust
        else f"<p style='margin:0;color:{MUTED}'>✓ Trusts this identity pool's {who} identities.</p>"
    )
    statements = [
        f"{name}: " + "; ".join(statement_summary(s) for s in statements_of(doc))
        for name, doc in role.inline_policies.items()
    ]
    statements += [f"{name} (managed): {policy_arn}" for name, policy_arn in role.attached_policies]
    return (
        _heading(title)
        + check
        + f"<p style='margin:4px 0 0 0'>{h(role.arn)} · <a href='policies:{h(arn)}'>Edit policies…</a></p>"
        + "".join(f"<p style='margin:2px 0 0 0'>{h(s)}</p>" for s in statements or ["No permission policies."])
    )


def statements_of(doc: Any) -> list[dict[str, Any]]:
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if isinstance(statements, dict):
        return [statements]
    return [s for s in statements or [] if isinstance(s, dict)]


def statement_summary(statement: dict[str, Any]) -> str:
    """Allow cognito-sync:*, mobileanalytics:PutEvents on *: a statement in a line."""

    def joined(key: str) -> str:
        value = statement.get(key)
        return ", ".join(value if isinstance(value, list) else [str(value)])

    action = joined("Action") if "Action" in statement else "everything but " + joined("NotAction")
    resource = joined("Resource") if "Resource" in statement else "everything but " + joined("NotResource")
    condition = " (with conditions)" if statement.get("Condition") else ""
    return f"{statement.get('Effect', '?')} {action} on {resource}{condition}"
