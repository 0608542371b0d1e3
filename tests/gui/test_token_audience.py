"""The token inspector checks token_use and the app client a token was issued to (an ID token's aud, an access
token's client_id must be an app client of the chosen pool), and warns about a token of another pool, against
a real local Cognito."""

from __future__ import annotations

from typing import Any

from tests.conftest import unique

PASSWORD = "Aa1!audience-test"


def _tokens(client: Any) -> tuple[str, str, dict[str, Any]]:
    pool_id = client.create_user_pool(PoolName=unique("aud-"))["UserPool"]["Id"]
    app = client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    client.admin_create_user(UserPoolId=pool_id, Username="u", MessageAction="SUPPRESS")
    client.admin_set_user_password(UserPoolId=pool_id, Username="u", Password=PASSWORD, Permanent=True)
    auth = client.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=app["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "u", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    return pool_id, app["ClientId"], auth


def test_client_problems() -> None:
    from console.services.tokens import DecodedToken, client_problems

    def token(**claims: Any) -> DecodedToken:
        return DecodedToken({}, claims, b"", b"")

    assert client_problems(token(token_use="id", aud="c1"), {"c1"}) == []
    assert client_problems(token(token_use="access", client_id="c1"), {"c1"}) == []
    assert "token_use" in client_problems(token(token_use="refresh"), {"c1"})[0]
    assert "no client_id" in client_problems(token(token_use="access", aud="c1"), {"c1"})[0]
    assert "'c2' is not an app client" in client_problems(token(token_use="id", aud="c2"), {"c1"})[0]


def test_inspector_checks_the_app_client(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.tokens import TokenInspectorView

    client = aloop.run_until_complete(ctx.service.client())
    pool_id, client_id, auth = _tokens(client)
    other_pool, _, _ = _tokens(client)
    ctx.pool_id = pool_id
    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    for kind in ("IdToken", "AccessToken"):
        view.ui.tokenEdit.setPlainText(auth[kind])
        result = aloop.run_until_complete(view.verify())
        assert result is not None and result.valid, result
    # The app client is gone: the signature still holds, but the token is not for an app client of this pool.
    client.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    view.ui.tokenEdit.setPlainText(auth["AccessToken"])
    result = aloop.run_until_complete(view.verify())
    assert result is not None and not result.valid and result.verified
    assert f"client_id {client_id!r} is not an app client" in view.ui.verdict.text()
    # Another pool chosen: the token is not verified, and the verdict says whose it is.
    ctx.pool_id = other_pool
    result = aloop.run_until_complete(view.verify())
    assert result is not None and not result.verified
    assert "Issued by another pool" in view.ui.verdict.text() and pool_id in view.ui.verdict.text()
