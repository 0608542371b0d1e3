"""User import jobs: the CSV template from GetCSVHeader, the upload to a job's pre-signed URL, and the rules
AWS applies to an import file, checked before a job is created."""

from __future__ import annotations

import csv
import io
import urllib.error
import urllib.request
from collections.abc import Sequence

from . import errors

MAX_FILE_BYTES = 100 * 1024 * 1024  # AWS: an import file is at most 100 MB
MAX_ROW_CHARS = 16000
JOB_NAME_MAX = 128
FINISHED = ("Succeeded", "Failed", "Stopped", "Expired")


def template(header: Sequence[str]) -> str:
    """The CSV template: GetCSVHeader's columns, one header line."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(header)
    return out.getvalue()


def check_csv(body: bytes, header: Sequence[str]) -> str | None:
    """Why AWS would refuse this file outright, or None: UTF-8 without a BOM, a header of known columns that
    names cognito:username, rows of at most 16,000 characters, at most 100 MB."""
    if len(body) > MAX_FILE_BYTES:
        return "The CSV file is larger than 100 MB, the most a user import job accepts."
    if body.startswith(b"\xef\xbb\xbf"):
        return "The CSV file starts with a byte order mark: save it as UTF-8 without a BOM."
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"The CSV file is not UTF-8 text: {exc}"
    lines = text.splitlines()
    if not lines:
        return "The CSV file is empty: it needs the header line of the CSV template and a row per user."
    columns = [c.strip() for c in lines[0].split(",")]
    if "cognito:username" not in columns:
        return "The header line must name cognito:username (start from the CSV template)."
    unknown = [c for c in columns if c not in header]
    if unknown:
        return f"The header names {unknown[0]}, which is not a column of this user pool's CSV template."
    for number, line in enumerate(lines[1:], start=2):
        if len(line) > MAX_ROW_CHARS:
            return f"Line {number} is longer than {MAX_ROW_CHARS:,} characters."
    if len(lines) < 2:
        return "The CSV file has a header line but no users."
    return None


def put_csv(url: str, body: bytes, timeout: float = 120) -> None:
    """PUT the file to the pre-signed URL, as AWS's guide does with curl -T (blocking: run it on the executor)."""
    if not url.startswith(("https://", "http://")):
        raise errors.InvalidInput("InvalidParameterException", f"Not an upload URL: {url}")
    req = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=body, method="PUT", headers={"Content-Type": "text/csv", "x-amz-server-side-encryption": "aws:kms"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - scheme checked above
            resp.read()
    except urllib.error.HTTPError as exc:
        text = exc.read(4096).decode("utf-8", "replace")
        raise errors.error_for(f"HTTP{exc.code}", text or str(exc.reason), "UploadCSV", exc.code) from exc
    except OSError as exc:
        raise errors.ConnectionLost("EndpointConnectionError", f"{url.split('?')[0]}: {exc}", "UploadCSV") from exc
