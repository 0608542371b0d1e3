// Sign in with amazon-cognito-identity-js (USER_SRP_AUTH) against the local Cognito.
// usage: node srp_sign_in.js <endpoint> <userPoolId> <clientId> <username> <password>
// Prints one JSON line: {"ok": true, "idToken", "accessToken", "refreshToken"} or {"ok": false, "code", "message"}.
"use strict";
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require("amazon-cognito-identity-js");

const [endpoint, userPoolId, clientId, username, password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint });
const user = new CognitoUser({ Username: username, Pool: pool });
user.setAuthenticationFlowType("USER_SRP_AUTH");
user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess(session) {
    // Refresh through the library as well: REFRESH_TOKEN_AUTH with the refresh token it holds.
    user.refreshSession(session.getRefreshToken(), (err, refreshed) => {
      if (err) {
        console.log(JSON.stringify({ ok: false, code: err.code, message: err.message, step: "refresh" }));
        return;
      }
      console.log(
        JSON.stringify({
          ok: true,
          idToken: session.getIdToken().getJwtToken(),
          accessToken: session.getAccessToken().getJwtToken(),
          refreshToken: session.getRefreshToken().getToken(),
          refreshedAccessToken: refreshed.getAccessToken().getJwtToken(),
        }),
      );
    });
  },
  onFailure(err) {
    console.log(JSON.stringify({ ok: false, code: err.code, message: err.message }));
  },
  newPasswordRequired() {
    console.log(JSON.stringify({ ok: false, code: "NEW_PASSWORD_REQUIRED" }));
  },
});
