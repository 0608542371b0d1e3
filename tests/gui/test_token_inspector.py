"""The token inspector against a real local Cognito: decoding, verifying with the pool's JWKS, the demo
token."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from tests.conftest import make_client, unique


def test_token_inspector_verifies_a_real_token(qtbot: Any, aloop: Any, ctx: Any, cognito: Any) -> None:
    from console.views.tokens import TokenInspectorView

    idp = make_client(cognito.base_url)
    client_id = next(
        c["ClientId"] for c in idp.list_user_pool_clients(UserPoolId=ctx.pool_id, MaxResults=60)["UserPoolClients"]
        if c["ClientName"] == "demo-web"
    )  # fmt: skip
    name = unique("tok")
    idp.admin_create_user(UserPoolId=ctx.pool_id, Username=name, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=ctx.pool_id, Username=name, Password="Aa1!tokentest", Permanent=True)
    auth = idp.admin_initiate_auth(
        UserPoolId=ctx.pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": "Aa1!tokentest"},
    )["AuthenticationResult"]  # fmt: skip
    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    view.ui.tokenEdit.setPlainText(auth["IdToken"])
    assert view.decoded is not None and view.decoded.claims["cognito:username"] == name
    result = aloop.run_until_complete(view.verify())
    assert result is not None and result.valid, result
    head, body, sig = auth["IdToken"].split(".")
    view.ui.tokenEdit.setPlainText(f"{head}.{body}.{sig[:-4]}AAAA")
    result = aloop.run_until_complete(view.verify())
    assert result is not None and not result.valid
    view.ui.tokenEdit.setPlainText(auth["IdToken"])
    # A long kid keeps its start and end in view, and the whole of it is in the tooltip.
    assert view.ui.headerTable.textElideMode() == Qt.TextElideMode.ElideMiddle
    kid = view.decoded.header["kid"]
    row = next(r for r in range(view.header.rowCount()) if view.header.index(r, 0).data() == "kid")
    tooltip = QTextDocument()
    tooltip.setHtml(view.header.index(row, 1).data(Qt.ItemDataRole.ToolTipRole))
    assert tooltip.toPlainText() == kid
    view.ui.tokenEdit.setPlainText("not a token")
    assert view.decoded is None and "three parts" in view.ui.verdict.text()


def test_demo_token_is_decoded_and_verified(qtbot: Any, aloop: Any, ctx: Any, demo: dict[str, str]) -> None:
    """The screenshot's demo token: a demo user signed in on the seeded pool, shown and verified as valid."""
    from console.services.boto import run_blocking
    from console.services.seed import demo_id_token
    from console.views.tokens import TokenInspectorView

    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    client = aloop.run_until_complete(ctx.service.client())
    token = aloop.run_until_complete(run_blocking(demo_id_token, client, demo["pool_id"]))
    assert token
    verification = aloop.run_until_complete(view.inspect(token))
    assert verification is not None and verification.valid, verification
    assert view.ui.verdict.text().startswith("✔")
    assert view.decoded is not None and view.decoded.claims["cognito:username"] == "alice"
    assert view.decoded.claims["iss"].endswith(demo["pool_id"])
    assert not ctx.errors


def test_demo_token_is_only_for_the_demo_pool(aloop: Any, ctx: Any) -> None:
    from console.services.seed import demo_id_token

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName="demo-pool")["UserPool"]["Id"]  # the name alone is not enough
    other = client.create_user_pool(PoolName=unique("other-"))["UserPool"]["Id"]
    try:
        assert demo_id_token(client, pool_id) is None
        assert demo_id_token(client, other) is None
    finally:
        client.delete_user_pool(UserPoolId=pool_id)
        client.delete_user_pool(UserPoolId=other)


def test_token_edited_while_verifying_is_not_judged_with_the_old_one(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Clearing (or replacing) the token while its pool's JWKS is fetched must not crash the slot (the error
    went to stderr only) nor put a verdict over the new text."""
    import base64
    import json

    from console.views.tokens import TokenInspectorView

    def part(doc: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")

    base = ctx.service.connection.endpoint_url
    token = f"{part({'alg': 'RS256', 'kid': 'k'})}.{part({'iss': f'{base}/{ctx.pool_id}', 'exp': 1})}.AAAA"
    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    view.ui.tokenEdit.setPlainText(token)
    assert view.decoded is not None

    async def run() -> Any:
        task = asyncio.ensure_future(view.verify())
        while not ctx.is_busy:
            await asyncio.sleep(0)
        view.ui.tokenEdit.clear()
        return await task

    aloop.run_until_complete(run())
    assert view.ui.verdict.text().startswith("Paste a token")


def test_a_token_of_another_issuer_is_reported_not_verified(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A token whose issuer is not the chosen pool's, here one naming a server on loopback as a forger's
    token would, is "issued by another pool or issuer: not verified", and that server is never asked."""
    import socket

    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    from console.views.tokens import TokenInspectorView

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0)
    forger = f"http://127.0.0.1:{listener.getsockname()[1]}"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    claims = {"iss": f"{forger}/{ctx.pool_id}", "token_use": "id", "sub": "s", "exp": 4_000_000_000}
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "forged"})
    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    try:
        result = aloop.run_until_complete(view.inspect(token))
        assert result is not None and not result.valid and not result.verified
        text = view.ui.verdict.text()
        assert text.startswith("⚠ Issued by another pool or issuer: not verified"), text
        assert forger in text and ctx.pool_id in text
        try:
            listener.accept()
            asked = True
        except BlockingIOError:
            asked = False
        assert not asked
    finally:
        listener.close()
    assert not ctx.errors
