"""Our errors, and the one table that maps AWS error codes (and transport failures) onto them."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A failed call, carrying AWS's error code and message so the window can show both."""

    title = "Request failed"

    def __init__(self, code: str, message: str, operation: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.operation = operation


class NotFound(ServiceError):
    title = "Not found"


class AlreadyExists(ServiceError):
    title = "Already exists"


class InvalidInput(ServiceError):
    title = "Invalid input"


class NotAuthorized(ServiceError):
    title = "Not authorized"


class LimitExceeded(ServiceError):
    title = "Limit exceeded"


class Conflict(ServiceError):
    title = "Conflict"


class Unsupported(ServiceError):
    """The backend does not implement the operation (the local Cognito may lag behind AWS)."""

    title = "Not supported by this backend"


class ConnectionLost(ServiceError):
    title = "Cannot reach Cognito"


class CredentialsMissing(ServiceError):
    title = "No credentials"


# AWS error code -> our error. Codes not listed become a plain ServiceError with AWS's code and message.
ERROR_TABLE: dict[str, type[ServiceError]] = {
    "ResourceNotFoundException": NotFound,
    "UserNotFoundException": NotFound,
    "GroupNotFoundException": NotFound,
    "UsernameExistsException": AlreadyExists,
    "GroupExistsException": AlreadyExists,
    "DuplicateProviderException": AlreadyExists,
    "AliasExistsException": AlreadyExists,
    "InvalidParameterException": InvalidInput,
    "InvalidPasswordException": InvalidInput,
    "ValidationException": InvalidInput,
    "SerializationException": InvalidInput,
    "InvalidOAuthFlowException": InvalidInput,
    "ScopeDoesNotExistException": InvalidInput,
    "UnsupportedIdentityProviderException": InvalidInput,
    "InvalidUserPoolConfigurationException": InvalidInput,
    "UserNotConfirmedException": Conflict,
    "PasswordResetRequiredException": Conflict,
    "ConcurrentModificationException": Conflict,
    "UserImportInProgressException": Conflict,
    "NotAuthorizedException": NotAuthorized,
    "AccessDeniedException": NotAuthorized,
    "UnrecognizedClientException": NotAuthorized,
    "InvalidSignatureException": NotAuthorized,
    "ExpiredTokenException": NotAuthorized,
    "UnauthorizedException": NotAuthorized,
    "ForbiddenException": NotAuthorized,
    "LimitExceededException": LimitExceeded,
    "TooManyRequestsException": LimitExceeded,
    "TooManyFailedAttemptsException": LimitExceeded,
    "ThrottlingException": LimitExceeded,
    "UnknownOperationException": Unsupported,
    "UnsupportedOperationException": Unsupported,
    "UnsupportedUserStateException": Conflict,
    "EndpointConnectionError": ConnectionLost,
    "ConnectTimeoutError": ConnectionLost,
    "ReadTimeoutError": ConnectionLost,
    "ConnectionClosedError": ConnectionLost,
    "NoCredentialsError": CredentialsMissing,
    "ProfileNotFound": CredentialsMissing,
    "PartialCredentialsError": CredentialsMissing,
}


def error_for(code: str, message: str, operation: str = "") -> ServiceError:
    return ERROR_TABLE.get(code, ServiceError)(code, message, operation)


def from_exception(exc: BaseException, operation: str = "") -> ServiceError:
    """Turn what boto3/botocore/urllib raised into our error (without importing botocore here)."""
    if isinstance(exc, ServiceError):
        return exc
    response: Any = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        err = response.get("Error") or {}
        code = str(err.get("Code") or "ServiceError")
        message = str(err.get("Message") or exc)
        status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        # A server without the operation (404/405 from the local Cognito) reads as "unsupported".
        if code in ("404", "405") or (status in (404, 405) and code == "ServiceError"):
            return Unsupported("UnknownOperationException", message, operation)
        return error_for(code, message, operation)
    name = type(exc).__name__
    if name in ERROR_TABLE:
        return error_for(name, str(exc), operation)
    if isinstance(exc, (ConnectionError, TimeoutError)) or name in ("URLError",):
        return ConnectionLost("EndpointConnectionError", str(exc), operation)
    return ServiceError(name, str(exc), operation)
