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


PAGE_500 = (
    "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>"
    "<h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>"
)


def test_access_denied_is_iam_saying_no_in_words() -> None:
    err = errors.from_exception(
        client_error("AccessDeniedException", "User: arn:aws:iam::1:user/x is not authorized"), "admin_list_devices"
    )
    assert type(err) is errors.AccessDenied and isinstance(err, errors.NotAuthorized)
    assert err.action == "AdminListDevices"
    assert err.reason == "Not allowed by your IAM policy: it does not grant cognito-idp:AdminListDevices."


@pytest.mark.parametrize(
    ("code", "message", "status", "reason"),
    [
        ("500", PAGE_500, 500, "The server failed with HTTP 500: Internal Server Error."),
        ("InternalErrorException", "Internal error", 500, "The server failed with HTTP 500: Internal error."),
        ("SomethingNewException", "broken", 503, "The server failed with HTTP 503: broken."),
        ("502", "", 502, "The server failed with HTTP 502."),
    ],
)
def test_server_failures_read_as_server_errors(code: str, message: str, status: int, reason: str) -> None:
    err = errors.from_exception(client_error(code, message, status), "admin_list_devices")
    assert type(err) is errors.ServerError
    assert err.status == status and err.reason == reason
    assert err.message == message  # the whole answer is kept for "Details…"


@pytest.mark.parametrize(
    ("code", "message", "status", "reason"),
    [
        ("404", "<html><body><h1>404 Not Found</h1></body></html>", 404, "This endpoint does not serve AdminGetUser."),
        ("UnknownOperationException", "", 400, "This endpoint does not serve AdminGetUser."),
        ("UnsupportedOperationException", "Needs the Plus feature plan.", 400,
         "This endpoint does not serve AdminGetUser: Needs the Plus feature plan."),
    ],
)  # fmt: skip
def test_operations_an_endpoint_does_not_serve(code: str, message: str, status: int, reason: str) -> None:
    err = errors.from_exception(client_error(code, message, status), "admin_get_user")
    assert type(err) is errors.Unsupported and err.reason == reason


def test_botocore_without_the_operation_reads_as_unsupported() -> None:
    from botocore.exceptions import OperationNotPageableError, UnknownServiceError

    assert isinstance(errors.from_exception(OperationNotPageableError(operation_name="x")), errors.Unsupported)
    unknown = UnknownServiceError(service_name="x", known_service_names="y")
    assert isinstance(errors.from_exception(unknown), errors.Unsupported)


def test_summaries_are_a_line_of_plain_text() -> None:
    assert errors.summarize(PAGE_500) == "500 Internal Server Error"
    assert errors.summarize("<html><body><h2>Bad &amp; worse</h2><p>x</p></body></html>") == "Bad & worse"
    assert errors.summarize("<html><body><p>Just\n  text</p><script>var x = 1</script></body></html>") == "Just text"
    # Not a page: angle brackets are the message's own and stay, as text.
    assert errors.summarize("Invalid value <none> for\nattribute") == "Invalid value <none> for attribute"
    long = errors.summarize("word " * 100, limit=50)
    assert len(long) <= 50 and long.endswith("word…")
    err = errors.error_for("500", PAGE_500, "list_users", 500)
    assert err.label == "HTTP 500" and err.summary == "Internal Server Error" and err.trimmed
    assert "Operation: ListUsers" in err.full_text() and PAGE_500 in err.full_text()
    assert not errors.error_for("UserNotFoundException", "User does not exist.").trimmed
