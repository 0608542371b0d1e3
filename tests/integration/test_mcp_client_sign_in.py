"""The MCP Python SDK's OAuth client against the local Cognito: it finds the user pool from a protected MCP
resource, registers itself (dynamic client registration) and signs a user in through the hosted UI with PKCE."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest

from tests.integration.hosted_ui_support import CALLBACK, PASSWORD, Browser, add_user, query_of

mcp_auth = pytest.importorskip("mcp.client.auth", reason="the MCP Python SDK (pip install mcp)")
mcp_shared = pytest.importorskip("mcp.shared.auth")
httpx2 = pytest.importorskip("httpx2")


class _Resource(BaseHTTPRequestHandler):
    """A protected MCP resource: 401 with its RFC 9728 metadata until a bearer token the user pool's
    userInfo endpoint accepts comes."""

    config: ClassVar[dict[str, str]] = {}

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/.well-known/oauth-protected-resource"):
            self._json(200, {"resource": f"{base}/mcp", "authorization_servers": [self.config["issuer"]]})
            return
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            info = httpx.get(self.config["userinfo"], headers={"Authorization": header}, timeout=10)
            if info.status_code == 200:
                self._json(200, {"hello": info.json().get("username")})
                return
        challenge = f'Bearer resource_metadata="{base}/.well-known/oauth-protected-resource"'
        self._json(401, {"error": "invalid_token"}, {"WWW-Authenticate": challenge})

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def resource() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Resource)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Storage:
    def __init__(self) -> None:
        self.tokens: Any = None
        self.client_info: Any = None

    async def get_tokens(self) -> Any:
        return self.tokens

    async def set_tokens(self, tokens: Any) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> Any:
        return self.client_info

    async def set_client_info(self, client_info: Any) -> None:
        self.client_info = client_info


def test_mcp_client_registers_and_signs_in_with_pkce(cognito: Any, idp: Any, resource: str) -> None:
    pool_id = idp.create_user_pool(PoolName=f"mcp-{uuid.uuid4().hex[:6]}", DcrConfiguration={"OpenDcrEnabled": True})[
        "UserPool"
    ]["Id"]
    domain = f"mcp{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    add_user(idp, pool_id, "alice")
    discovery = httpx.get(f"{cognito.base_url}/{pool_id}/.well-known/openid-configuration").json()
    _Resource.config.update(issuer=discovery["issuer"], userinfo=discovery["userinfo_endpoint"])
    browser = Browser(cognito.base_url, domain)
    answered: dict[str, str] = {}
    storage = _Storage()

    async def redirect_handler(authorization_url: str) -> None:
        answer = browser.get(authorization_url)
        assert answer.status_code == 302, answer.text
        page = browser.follow(answer.headers["location"])
        signed_in = browser.submit(page, "/login", username="alice", password=PASSWORD)
        assert signed_in.status_code == 302, signed_in.text
        answered.update(query_of(signed_in.headers["location"]))

    async def callback_handler() -> Any:
        return mcp_shared.AuthorizationCodeResult(code=answered["code"], state=answered.get("state"))

    provider = mcp_auth.OAuthClientProvider(
        server_url=f"{resource}/mcp",
        client_metadata=mcp_shared.OAuthClientMetadata(
            redirect_uris=[CALLBACK],
            client_name="MCP test client",
            token_endpoint_auth_method="none",
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
        ),
        storage=storage,
        redirect_handler=redirect_handler,
        callback_handler=callback_handler,
    )

    async def call() -> Any:
        async with httpx2.AsyncClient(auth=provider, timeout=30) as http:
            return await http.get(f"{resource}/mcp")

    try:
        response = asyncio.run(call())
        assert response.status_code == 200, response.text
        assert response.json() == {"hello": "alice"}
        registered = storage.client_info
        client = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=registered.client_id)["UserPoolClient"]
        assert client["ClientType"] == "DCR"
        assert client["CallbackURLs"] == [CALLBACK]
        assert storage.tokens.refresh_token
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
        idp.delete_user_pool(UserPoolId=pool_id)
