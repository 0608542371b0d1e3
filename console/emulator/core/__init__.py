"""The local Cognito's shared core: HTTP app and dispatch, serving, wire protocol, store, errors."""
