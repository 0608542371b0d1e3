"""Identity providers (OIDC, SAML, social): list, details, add, edit, delete."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from console.models.resources import PROVIDER_LABELS, IdentityProvidersModel
from console.models.table import local_time
from console.services.errors import ServiceError
from console.services.protocol import IdentityProvider

from .base import ListView, accepted, document, h, listing, pending, section, unavailable
from .context import AppContext
from .dialogs import IdentityProviderDialog


class IdentityProvidersView(ListView):
    name = "identity-providers"
    title = "Identity providers"
    icon_name = "identity-providers"
    noun = "identity provider"
    empty = "No identity providers.\nAdd OIDC, SAML, Google, Facebook, Amazon or Apple sign-in."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, IdentityProvidersModel(), parent)
        self.model.setParent(self)
        self.ui.createButton.setText("Add identity provider")

    async def fetch(self, pool_id: str) -> list[IdentityProvider]:
        return await self.ctx.require().list_identity_providers(pool_id)

    async def show_details(self, summary: IdentityProvider) -> None:
        """DescribeIdentityProvider tells the details; when it fails, the pane says why under what the listing
        told (name, type, dates)."""
        service = self.ctx.service
        if service is None:
            return
        claim = self._claim_details()
        self.failures = {}
        label = PROVIDER_LABELS.get(summary.type, summary.type)
        self.ui.details.setHtml(document(summary.name, label, pending("Provider details")))
        idp = await self.ctx.attempt(
            f"Loading {summary.name}", service.describe_identity_provider, self.ctx.pool_id, summary.name
        )
        if not self._is_latest(claim):
            return
        if isinstance(idp, ServiceError):
            self.failures = {"provider": idp}
            self.ui.details.setHtml(
                document(
                    summary.name,
                    label,
                    unavailable("Provider details", idp, "provider"),
                    f"<p style='color:#6b7280'>Created {h(local_time(summary.created))}</p>",
                )
            )
            return
        details = {k: ("•" * 8 if "secret" in k or k == "private_key" else v) for k, v in idp.details.items()}
        if "MetadataFile" in details:
            details["MetadataFile"] = f"{len(idp.details['MetadataFile'])} characters of SAML metadata"
        self.ui.details.setHtml(
            document(
                idp.name,
                PROVIDER_LABELS.get(idp.type, idp.type),
                section("Provider details", sorted(details.items())),
                section("Attribute mapping", sorted(idp.attribute_mapping.items())),
                listing("Identifiers", idp.identifiers),
                f"<p style='color:#6b7280'>Created {h(local_time(idp.created))}</p>",
            )
        )

    async def edit(self, summary: IdentityProvider | None) -> None:
        idp = None
        if summary is not None:
            async with self.ctx.busy("Loading identity provider"):
                idp = await self.ctx.require().describe_identity_provider(self.ctx.pool_id, summary.name)
            if idp is None:
                return
        dialog = IdentityProviderDialog(self, idp)
        if await accepted(dialog):
            await self.save(dialog.value(self.ctx.pool_id), create=idp is None)

    async def save(self, idp: IdentityProvider, create: bool) -> None:
        async with self.ctx.busy("Saving identity provider"):
            service = self.ctx.require()
            saved = await (service.create_identity_provider(idp) if create else service.update_identity_provider(idp))
            self.model.upsert(saved)
            self._update_buttons()

    async def delete(self, idp: IdentityProvider) -> None:
        async with self.ctx.busy(f"Deleting {idp.name}"):
            await self.ctx.require().delete_identity_provider(self.ctx.pool_id, idp.name)
            self.model.remove(idp.name)
            self._update_buttons()
