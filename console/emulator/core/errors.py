"""AWS-shaped errors: the one exception type every handler raises, and the codes the wire uses."""

from __future__ import annotations


class AwsError(Exception):
    """An error answered on the wire as ``{"__type": code, "message": message}``.

    ``status`` is the HTTP status; AWS answers client errors of the JSON protocols with 400.
    """

    def __init__(self, code: str, message: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def __repr__(self) -> str:
        return f"AwsError({self.code!r}, {self.message!r})"


# Helpers named after the Cognito codes they raise, so handlers read like AWS's documentation.


def invalid_parameter(message: str) -> AwsError:
    return AwsError("InvalidParameterException", message)


def resource_not_found(message: str) -> AwsError:
    return AwsError("ResourceNotFoundException", message)


def not_authorized(message: str) -> AwsError:
    return AwsError("NotAuthorizedException", message)


def user_not_found(message: str = "User does not exist.") -> AwsError:
    return AwsError("UserNotFoundException", message)


def limit_exceeded(message: str) -> AwsError:
    return AwsError("LimitExceededException", message)


def unsupported(message: str) -> AwsError:
    return AwsError("UnsupportedOperationException", message)


def pool_not_found(pool_id: str) -> AwsError:
    return resource_not_found(f"User pool {pool_id} does not exist.")


def client_not_found(client_id: str) -> AwsError:
    return resource_not_found(f"User pool client {client_id} does not exist.")
