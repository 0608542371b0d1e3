// Verify ID and access tokens with AWS's own aws-jwt-verify, JWKS fetched from the local Cognito.
// usage: node verify_tokens.js <jwksUrl> <userPoolId> <clientId> <idToken> <accessToken>
// Prints {"ok": true, "id": {...}, "access": {...}} or {"ok": false, "message"}.
"use strict";
const { CognitoJwtVerifier } = require("aws-jwt-verify");

async function main() {
  const [jwksUrl, userPoolId, clientId, idToken, accessToken] = process.argv.slice(2);
  const jwks = await (await fetch(jwksUrl)).json();
  const idVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: "id", clientId });
  const accessVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: "access", clientId });
  idVerifier.cacheJwks(jwks);
  accessVerifier.cacheJwks(jwks);
  const id = await idVerifier.verify(idToken);
  const access = await accessVerifier.verify(accessToken);
  console.log(JSON.stringify({ ok: true, id, access }));
}

main().catch((err) => console.log(JSON.stringify({ ok: false, message: String(err && err.message) })));
