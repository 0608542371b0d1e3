"""App clients: list, details (the secret shown on request), create, edit, delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from console.models.resources import AppClientsModel
from console.models.table import local_time
from console.services.errors import ServiceError
from console.services.protocol import AppClient, AppClientSummary

from .base import ListView, accepted, document, listing, pending, section, unavailable, yes_no
from .context import AppContext
from .dialogs import AppClientDialog


class AppClientsView(ListView):
    name = "app-clients"
    title = "App clients"
    icon_name = "app-clients"
    noun = "app client"
    empty = "No app clients.\nAn app client lets an application sign users in to this pool."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, AppClientsModel(), parent)
        self.model.setParent(self)
        self.client: AppClient | None = None

    async def fetch(self, pool_id: str) -> list[Any]:
        return await self.ctx.require().list_app_clients(pool_id)

    async def show_details(self, summary: Any) -> None:
        """DescribeUserPoolClient tells the settings; when it fails, the pane says why under what the listing
        told (name and ID)."""
        service = self.ctx.service
        if service is None:
            return
        claim = self._claim_details()
        self.client = None
        self.failures = {}
        self.ui.details.setHtml(document(summary.name, summary.id, pending("Client")))
        client = await self.ctx.attempt(
            f"Loading {summary.name}", service.describe_app_client, self.ctx.pool_id, summary.id
        )
        if not self._is_latest(claim):
            return
        if isinstance(client, ServiceError):
            self.failures = {"client": client}
            self.ui.details.setHtml(
                document(
                    summary.name,
                    summary.id,
                    section("Client", [("Client ID", summary.id)]),
                    unavailable("Settings", client, "client"),
                )
            )
            return
        self.client = client
        self.show_client(reveal=False)

    def show_client(self, reveal: bool) -> None:
        c = self.client
        if c is None:
            return
        raw = c.raw
        units = raw.get("TokenValidityUnits") or {}
        secret = "None"  # noqa: S105 - display text, not a credential
        if c.secret:
            secret = c.secret if reveal else "•" * 12
        links = (
            "<p><a href='copy:id'>Copy client ID</a>"
            + (
                f" · <a href='{'hide' if reveal else 'show'}:secret'>{'Hide' if reveal else 'Show'} secret</a>"
                " · <a href='copy:secret'>Copy secret</a>"
                if c.secret
                else ""
            )
            + "</p>"
        )
        self.ui.details.setHtml(
            document(
                c.name,
                c.id,
                links,
                section(
                    "Client",
                    [
                        ("Client ID", c.id),
                        ("Client secret", secret),
                        ("Created", local_time(c.created)),
                        ("Last modified", local_time(c.modified)),
                    ],
                ),
                listing("Authentication flows", c.auth_flows),
                section(
                    "Hosted UI and OAuth",
                    [
                        ("OAuth enabled", yes_no(raw.get("AllowedOAuthFlowsUserPoolClient"))),
                        ("Grant types", ", ".join(raw.get("AllowedOAuthFlows") or []) or "None"),
                        ("Scopes", " ".join(raw.get("AllowedOAuthScopes") or []) or "None"),
                        ("Callback URLs", ", ".join(c.callback_urls) or "None"),
                        ("Sign-out URLs", ", ".join(raw.get("LogoutURLs") or []) or "None"),
                        ("Identity providers", ", ".join(raw.get("SupportedIdentityProviders") or []) or "None"),
                    ],
                ),
                section(
                    "Tokens",
                    [
                        # Without TokenValidityUnits AWS counts these two in hours; absent, they are 1 hour.
                        ("Access token", _validity(raw.get("AccessTokenValidity"), units.get("AccessToken"))),
                        ("ID token", _validity(raw.get("IdTokenValidity"), units.get("IdToken"))),
                        ("Refresh token", f"{raw.get('RefreshTokenValidity', 30)} {units.get('RefreshToken', 'days')}"),
                        ("Token revocation", yes_no(raw.get("EnableTokenRevocation"))),
                        ("Prevent user existence errors", raw.get("PreventUserExistenceErrors", "LEGACY")),
                    ],
                ),
            )
        )

    def on_details_link(self, action: str, what: str) -> None:
        if self.client is None:
            return
        if action == "copy":
            value = self.client.id if what == "id" else (self.client.secret or "")
            QGuiApplication.clipboard().setText(value)
            self.ctx.notice.emit("Client ID copied" if what == "id" else "Client secret copied")
        else:
            self.show_client(reveal=action == "show")

    async def edit(self, summary: Any) -> None:
        client = None
        if summary is not None:
            async with self.ctx.busy("Loading app client"):
                client = await self.ctx.require().describe_app_client(self.ctx.pool_id, summary.id)
            if client is None:
                return
        dialog = AppClientDialog(self, client)
        if await accepted(dialog):
            await self.save(client.id if client else None, dialog.request())

    async def save(self, client_id: str | None, request: dict[str, Any]) -> AppClient | None:
        async with self.ctx.busy("Saving app client"):
            service = self.ctx.require()
            if client_id is None:
                saved = await service.create_app_client(self.ctx.pool_id, request)
            else:
                saved = await service.update_app_client(self.ctx.pool_id, client_id, request)
            self.model.upsert(AppClientSummary(saved.id, saved.name, saved.pool_id))
            self.client = saved
            self.show_client(reveal=False)
            self._update_buttons()
            return saved
        return None

    async def delete(self, summary: Any) -> None:
        async with self.ctx.busy(f"Deleting {summary.name}"):
            await self.ctx.require().delete_app_client(self.ctx.pool_id, summary.id)
            self.model.remove(summary.id)
            self._update_buttons()


def _validity(value: Any, unit: str | None) -> str:
    return f"{value} {unit or 'hours'}" if value else "60 minutes"
