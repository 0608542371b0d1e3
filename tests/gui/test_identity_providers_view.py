"""The identity providers view against a real local Cognito: add, save from the dialog, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from console.services.protocol import IdentityProvider
from tests.conftest import unique


def test_identity_providers_view(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.dialogs import IdentityProviderDialog
    from console.views.identity_providers import IdentityProvidersView

    view = IdentityProvidersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert "DemoOIDC" in [p.name for p in view.model.items()]
    dialog = IdentityProviderDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("Google")
    assert dialog.validate() == "Google needs a client ID."
    dialog.ui.clientIdEdit.setText("gid")
    dialog.ui.clientSecretEdit.setText("gsecret")
    assert dialog.validate() is None
    idp: IdentityProvider = dialog.value(ctx.pool_id)
    aloop.run_until_complete(view.save(idp, create=True))
    assert view.model.row_of("Google") >= 0
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of("Google"))))


def test_identity_provider_from_dialog_round_trips(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.views.dialogs import IdentityProviderDialog
    from console.views.identity_providers import IdentityProvidersView

    view = IdentityProvidersView(ctx)
    qtbot.addWidget(view)
    dialog = IdentityProviderDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("SAML")
    name = unique("saml")[:20]
    dialog.ui.nameEdit.setText(name)
    metadata = tmp_path / "metadata.xml"
    metadata.write_text(SAML_METADATA, encoding="utf-8")
    dialog.metadata_file = str(metadata)  # what "Choose file..." sets
    row = dialog.mapping.add_row()
    dialog.mapping.setData(dialog.mapping.index(row, 0), "email")
    dialog.mapping.setData(dialog.mapping.index(row, 1), "http://schemas.xmlsoap.org/claims/EmailAddress")
    assert dialog.validate() is None
    idp: IdentityProvider = dialog.value(ctx.pool_id)
    assert idp.details == {"MetadataFile": SAML_METADATA}
    aloop.run_until_complete(view.save(idp, create=True))
    assert not ctx.errors
    saved = aloop.run_until_complete(ctx.service.describe_identity_provider(ctx.pool_id, name))
    assert saved.type == "SAML"
    assert saved.attribute_mapping["email"] == "http://schemas.xmlsoap.org/claims/EmailAddress"
    aloop.run_until_complete(view.delete(saved))
    assert view.model.row_of(name) < 0


SAML_METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""
