"""The local Cognito: Amazon Cognito's APIs over the AWS wire protocol, persisted in SQLite.

Imports neither Qt nor boto3 (enforced by import-linter): it is a server any AWS SDK talks to.
"""
