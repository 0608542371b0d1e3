"""The one table from AWS error codes to our errors."""

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

from console.services import errors


def client_error(code: str, message: str, status: int = 400) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}},
        "ListUsers",
    )


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("ResourceNotFoundException", errors.NotFound),
        ("UserNotFoundException", errors.NotFound),
        ("UsernameExistsException", errors.AlreadyExists),
        ("InvalidParameterException", errors.InvalidInput),
        ("NotAuthorizedException", errors.NotAuthorized),
        ("TooManyRequestsException", errors.LimitExceeded),
        ("SomethingNewException", errors.ServiceError),
    ],
)
def test_codes_map_to_our_errors_keeping_aws_code_and_message(code: str, kind: type) -> None:
    err = errors.from_exception(client_error(code, "Why it failed."), "ListUsers")
    assert type(err) is kind
    assert err.code == code
    assert err.message == "Why it failed."
    assert err.operation == "ListUsers"


def test_transport_failures_read_as_connection_lost() -> None:
    err = errors.from_exception(EndpointConnectionError(endpoint_url="http://127.0.0.1:1"))
    assert isinstance(err, errors.ConnectionLost)
    assert "127.0.0.1:1" in err.message
    assert isinstance(errors.from_exception(ConnectionRefusedError("refused")), errors.ConnectionLost)


def test_missing_credentials() -> None:
    assert isinstance(errors.from_exception(NoCredentialsError()), errors.CredentialsMissing)


def test_unknown_path_reads_as_unsupported() -> None:
    err = errors.from_exception(client_error("404", "Not Found", 404))
    assert isinstance(err, errors.Unsupported)
    err = errors.from_exception(client_error("UnknownOperationException", "no such op"))
    assert isinstance(err, errors.Unsupported)
