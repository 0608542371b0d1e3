"""Sign-in through external identity providers at a pool's hosted UI: OIDC, the social providers and SAML 2.0.

- ``start.redirect_to_provider``: ``/oauth2/authorize`` with ``identity_provider`` (or ``idp_identifier``)
  sends the browser to the provider, remembering the pending authorization under a one-use state.
- ``oidc``: Google, Facebook, Login with Amazon, Sign in with Apple and OIDC providers (code exchange,
  ID token verified against the provider's keys).
- ``saml``: SAML 2.0 providers (AuthnRequest, signed responses verified, replay refused, the logout
  messages); ``xmlenc``: encrypted assertions decrypted with the provider's key pair.
- ``routes``: ``/{domain}/oauth2/idpresponse`` and ``/{domain}/saml2/idpresponse``, where providers answer.
- ``single_logout``: SAML single logout, ``/logout`` through the provider and ``/{domain}/saml2/logout``.

HTTP calls to providers go through core/fetch.py (kept off private networks).

The user an identity signs in as is user_pools/linking.py's.
"""
