"""Our errors, and the one table that maps AWS error codes (and transport failures) onto them."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from http import HTTPStatus
from typing import Any

SUMMARY_LENGTH = 200  # about two lines of the window: the rest of a server's text is there on demand


class ServiceError(Exception):
    """A failed call, carrying AWS's error code and message so the window can show both."""

    title = "Request failed"

    def __init__(self, code: str, message: str, operation: str = "", status: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.operation = operation
        self.status = status  # the HTTP status of the answer, when there was one

    @property
    def action(self) -> str:
        """The operation as AWS's API reference and IAM policies spell it (AdminListDevices)."""
        if "_" in self.operation or self.operation.islower():
            return "".join(part[:1].upper() + part[1:] for part in self.operation.split("_"))
        return self.operation

    @property
    def label(self) -> str:
        """The code to show beside the message; an answer without one is named by its HTTP status."""
        return f"HTTP {self.code}" if self.code.isdigit() else self.code

    @property
    def summary(self) -> str:
        """The server's message as one or two lines of plain text (an HTML page reads as its title, less the
        status code that ``label`` already names)."""
        text = summarize(self.message)
        if self.status and self.code == str(self.status):
            rest = re.sub(rf"^(HTTP\s*)?{self.status}\b[\s:-]*", "", text)
            return rest or text
        return text

    @property
    def trimmed(self) -> bool:
        """Whether the summary leaves part of the server's message out."""
        return self.summary != " ".join(self.message.split())

    @property
    def reason(self) -> str:
        """Why the call failed, in a sentence for the place where its result would have been shown."""
        return self.summary or self.label

    def full_text(self) -> str:
        """Everything known about the failure, the server's message untouched (shown on demand)."""
        facts = [f"Code: {self.code}"]
        if self.action:
            facts.append(f"Operation: {self.action}")
        if self.status:
            facts.append(f"HTTP status: {self.status}")
        return "\n".join(facts) + "\n\n" + self.message


class NotFound(ServiceError):
    title = "Not found"


class AlreadyExists(ServiceError):
    title = "Already exists"


class InvalidInput(ServiceError):
    title = "Invalid input"


class NotAuthorized(ServiceError):
    title = "Not authorized"


class AccessDenied(NotAuthorized):
    """The credentials are good, but their IAM policy does not allow this operation."""

    title = "Not allowed by your IAM policy"

    @property
    def reason(self) -> str:
        return f"Not allowed by your IAM policy: it does not grant cognito-idp:{self.action or 'this operation'}."


class LimitExceeded(ServiceError):
    title = "Limit exceeded"


class Conflict(ServiceError):
    title = "Conflict"


class Unsupported(ServiceError):
    """The backend does not implement the operation (another Cognito implementation, or an older one)."""

    title = "Not supported by this backend"

    @property
    def reason(self) -> str:
        what = self.action or "this operation"
        summary = self.summary
        # A bare "Not Found" page says nothing the sentence does not.
        said = summary and summary.lower() != _phrase(self.status).lower()
        return _sentence(f"This endpoint does not serve {what}" + (f": {summary}" if said else ""))


class ServerError(ServiceError):
    """The server failed (HTTP 5xx): nothing wrong with the request, and it may work later."""

    title = "Server error"

    @property
    def reason(self) -> str:
        summary = self.summary
        status = f" with HTTP {self.status}" if self.status else ""
        return _sentence(f"The server failed{status}" + (f": {summary}" if summary else ""))


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
    "AccessDeniedException": AccessDenied,
    "AccessDenied": AccessDenied,
    "403": NotAuthorized,  # a bare 403 (a proxy, a firewall) is not known to be IAM's answer
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
    "InvalidAction": Unsupported,
    "NotImplemented": Unsupported,
    "404": Unsupported,  # a server without the operation's route, answering with a page instead of JSON
    "405": Unsupported,
    "501": Unsupported,
    # botocore's own, for an operation or service its models do not have
    "UnknownClientMethodError": Unsupported,
    "OperationNotPageableError": Unsupported,
    "UnknownServiceError": Unsupported,
    "InternalErrorException": ServerError,
    "InternalServerError": ServerError,
    "InternalServerException": ServerError,
    "InternalFailure": ServerError,
    "ServiceUnavailable": ServerError,
    "ServiceUnavailableException": ServerError,
    "500": ServerError,
    "502": ServerError,
    "503": ServerError,
    "504": ServerError,
    "UnsupportedUserStateException": Conflict,
    "EndpointConnectionError": ConnectionLost,
    "ConnectTimeoutError": ConnectionLost,
    "ReadTimeoutError": ConnectionLost,
    "ConnectionClosedError": ConnectionLost,
    "NoCredentialsError": CredentialsMissing,
    "ProfileNotFound": CredentialsMissing,
    "PartialCredentialsError": CredentialsMissing,
}


def error_for(code: str, message: str, operation: str = "", status: int | None = None) -> ServiceError:
    kind = ERROR_TABLE.get(code)
    if kind is None and status is not None and status >= 500:
        kind = ServerError
    return (kind or ServiceError)(code, message, operation, status)


def from_exception(exc: BaseException, operation: str = "") -> ServiceError:
    """Turn what boto3/botocore/urllib raised into our error (without importing botocore here)."""
    if isinstance(exc, ServiceError):
        return exc
    response: Any = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        err = response.get("Error") or {}
        code = str(err.get("Code") or "ServiceError")
        # Without a message botocore's text only repeats the code and the operation, which we show anyway.
        message = str(err.get("Message") or "")
        status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        status = status if isinstance(status, int) else None
        if code == "ServiceError" and status is not None:
            code = str(status)  # no code in the answer: its status says what kind of failure it was
        return error_for(code, message, operation, status)
    name = type(exc).__name__
    if name in ERROR_TABLE:
        return error_for(name, str(exc), operation)
    if isinstance(exc, (ConnectionError, TimeoutError)) or name in ("URLError",):
        return ConnectionLost("EndpointConnectionError", str(exc), operation)
    return ServiceError(name, str(exc), operation)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _phrase(status: int | None) -> str:
    try:
        return HTTPStatus(status or 0).phrase
    except ValueError:
        return ""


# --- a server's text as the window shows it --------------------------------------------------------
_PAGE = re.compile(r"<\s*(!doctype|html|head|body|title|h[1-6])\b", re.IGNORECASE)


class _PageText(HTMLParser):
    """The title, first heading and visible text of an HTML page (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.heading = ""
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("title", "script", "style") or re.fullmatch(r"h[1-6]", tag):
            self._in.append(tag)
        elif tag in ("br", "p", "div", "li", "tr"):
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[self._in.index(tag) :]

    def handle_data(self, data: str) -> None:
        if not self._in:
            self.text.append(data)
        elif self._in[-1] == "title":
            self.title += data
        elif self._in[-1].startswith("h") and not self.heading:
            self.heading = data
            self.text.append(data + " ")


def summarize(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """A server's message as plain text of at most ``limit`` characters on one line.

    An HTML error page (as a proxy or another implementation answers a failed call) is summed up by its
    <title>, or else its first heading, or else its text without tags.
    """
    if _PAGE.search(text):
        page = _PageText()
        page.feed(text)
        page.close()
        text = (
            page.title.strip()
            or page.heading.strip()
            or "".join(page.text).strip()
            or html.unescape(re.sub(r"<[^>]*>", " ", text))
        )
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip(" ,.;:") + "…"
