"""User import end to end: create a job, PUT the CSV to its pre-signed URL, start it, read the results."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import make_client

ROLE = "arn:aws:iam::000000000000:role/CognitoImport"
HEADER = "cognito:username,name,email,email_verified,phone_number,phone_number_verified,cognito:mfa_enabled"


@pytest.fixture
def import_pool(idp: Any) -> Iterator[dict[str, Any]]:
    pool = idp.create_user_pool(
        PoolName=f"import {uuid.uuid4().hex[:6]}",
        AutoVerifiedAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
    )["UserPool"]
    yield pool
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=pool["Id"])


def wait_done(idp: Any, pool_id: str, job_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job = idp.describe_user_import_job(UserPoolId=pool_id, JobId=job_id)["UserImportJob"]
        if job["Status"] in ("Succeeded", "Failed", "Stopped"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.1)


def run_import(idp: Any, pool_id: str, csv_text: str) -> dict[str, Any]:
    job = idp.create_user_import_job(UserPoolId=pool_id, JobName="import-test", CloudWatchLogsRoleArn=ROLE)[
        "UserImportJob"
    ]
    r = httpx.put(job["PreSignedUrl"], content=csv_text.encode(), headers={"x-amz-server-side-encryption": "aws:kms"})
    assert r.status_code == 200, r.text
    started = idp.start_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])["UserImportJob"]
    assert started["Status"] in ("Pending", "InProgress")
    return wait_done(idp, pool_id, job["JobId"])


def test_csv_header(idp, import_pool):
    header = idp.get_csv_header(UserPoolId=import_pool["Id"])["CSVHeader"]
    assert "cognito:username" in header and "cognito:mfa_enabled" in header


def test_import_end_to_end(idp, import_pool, cognito):
    pool_id = import_pool["Id"]
    idp.admin_create_user(UserPoolId=pool_id, Username="existing", MessageAction="SUPPRESS")
    csv_text = "\n".join(
        [
            HEADER,
            r"ann,Ann Smith\, Jr.,ann@example.com,true,,false,false",  # 2: escaped comma
            "bob,Bob,bob@example.com,TRUE,+15555550100,true,false",  # 3: upper-case boolean
            "existing,Existing,existing@example.com,true,,false,false",  # 4: skipped
            "carol,Carol,carol@example.com,false,,false,false",  # 5: nothing auto-verified
            "dave,Dave,dave@example.com,maybe,,false,false",  # 6: bad boolean
            "eve,Eve,eve@example.com,true,,false",  # 7: too few values
            "",
            "frank,Frank,not-an-email,true,,false,false",  # 9: invalid email
            "  gina  ,Gina,gina@example.com,true,,false,false",  # 10: trimmed
        ]
    )
    job = run_import(idp, pool_id, csv_text)
    assert job["Status"] == "Succeeded", job
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (3, 1, 4)
    assert job["CompletionMessage"]
    assert job["StartDate"] >= job["CreationDate"] and job["CompletionDate"] >= job["StartDate"]

    ann = idp.admin_get_user(UserPoolId=pool_id, Username="ann")
    assert ann["UserStatus"] == "RESET_REQUIRED"
    attrs = {a["Name"]: a["Value"] for a in ann["UserAttributes"]}
    assert attrs["name"] == "Ann Smith, Jr."
    assert attrs["email_verified"] == "true"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="gina")["UserStatus"] == "RESET_REQUIRED"
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="carol")

    logs = make_client(cognito.base_url, "logs")
    group = f"/aws/cognito/userpools/{pool_id}/{import_pool['Name'].replace(' ', '-')}"
    streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    assert [s["logStreamName"] for s in streams] == [f"{job['JobId']}/import-test"]
    lines = [e["message"] for e in logs.filter_log_events(logGroupName=group)["events"]]
    assert "[SUCCEEDED] Line Number 2 - The import succeeded." in lines
    assert "[SKIPPED] Line Number 4 - The user already exists." in lines
    assert (
        "[FAILED] Line Number 5 - The User Record does not set any of the auto verified attributes to true."
        " (Example: email_verified to true)."
    ) in lines
    assert any(line.startswith("[FAILED] Line Number 6 - ") for line in lines)
    assert any(line.startswith("[FAILED] Line Number 9 - ") for line in lines)
    assert len(lines) == 8
    failed = logs.filter_log_events(logGroupName=group, filterPattern='"[FAILED]"')["events"]
    assert len(failed) == 4


def test_imported_user_cannot_sign_in_until_reset(idp, import_pool):
    pool_id = import_pool["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]
    job = run_import(idp, pool_id, HEADER + "\nhank,Hank,hank@example.com,true,,false,false\n")
    assert job["ImportedUsers"] == 1
    with pytest.raises(idp.exceptions.PasswordResetRequiredException):
        idp.initiate_auth(
            ClientId=client["ClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "hank", "PASSWORD": "Whatever-123"},
        )


def test_bad_header_fails_job(idp, import_pool):
    job = run_import(
        idp, import_pool["Id"], "cognito:username,email,email_verified,favourite_color\nx,x@e.com,true,red"
    )
    assert job["Status"] == "Failed"
    assert "cognito:mfa_enabled" in job["CompletionMessage"] or "favourite_color" in job["CompletionMessage"]
    assert job["ImportedUsers"] == 0


def test_bom_fails_job(idp, import_pool):
    job = run_import(idp, import_pool["Id"], "\ufeff" + HEADER + "\nzed,Zed,zed@example.com,true,,false,false")
    assert job["Status"] == "Failed"


def test_presigned_url_rules(idp, import_pool):
    pool_id = import_pool["Id"]
    job = idp.create_user_import_job(UserPoolId=pool_id, JobName="rules", CloudWatchLogsRoleArn=ROLE)["UserImportJob"]
    assert job["Status"] == "Created"
    tampered = job["PreSignedUrl"].replace("X-Amz-Signature=", "X-Amz-Signature=0")
    assert httpx.put(tampered, content=b"x").status_code == 403
    other = job["PreSignedUrl"].replace(job["JobId"], "import-AAAAAAAAAA")
    assert httpx.put(other, content=b"x").status_code == 403
    # Starting before the upload is refused.
    with pytest.raises(idp.exceptions.PreconditionNotMetException):
        idp.start_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])
    with pytest.raises(idp.exceptions.PreconditionNotMetException):
        idp.stop_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_import_job(UserPoolId=pool_id, JobId="import-nosuchjob1")


def test_pool_without_auto_verified_attributes_cannot_start(idp, pool):
    job = idp.create_user_import_job(UserPoolId=pool["Id"], JobName="noauto", CloudWatchLogsRoleArn=ROLE)[
        "UserImportJob"
    ]
    assert httpx.put(job["PreSignedUrl"], content=HEADER.encode()).status_code == 200
    with pytest.raises(idp.exceptions.PreconditionNotMetException):
        idp.start_user_import_job(UserPoolId=pool["Id"], JobId=job["JobId"])


def test_list_jobs_pages(idp, import_pool):
    pool_id = import_pool["Id"]
    made = [
        idp.create_user_import_job(UserPoolId=pool_id, JobName=f"job{i}", CloudWatchLogsRoleArn=ROLE)["UserImportJob"][
            "JobId"
        ]
        for i in range(3)
    ]
    first = idp.list_user_import_jobs(UserPoolId=pool_id, MaxResults=2)
    assert len(first["UserImportJobs"]) == 2 and "PaginationToken" in first
    second = idp.list_user_import_jobs(UserPoolId=pool_id, MaxResults=2, PaginationToken=first["PaginationToken"])
    listed = [j["JobId"] for j in first["UserImportJobs"] + second["UserImportJobs"]]
    assert sorted(listed) == sorted(made)
    assert "PaginationToken" not in second


def test_stop_large_job(idp, import_pool):
    pool_id = import_pool["Id"]
    rows = [HEADER] + [f"stop{i},User {i},stop{i}@example.com,true,,false,false" for i in range(20_000)]
    job = idp.create_user_import_job(UserPoolId=pool_id, JobName="stopme", CloudWatchLogsRoleArn=ROLE)["UserImportJob"]
    assert httpx.put(job["PreSignedUrl"], content="\n".join(rows).encode(), timeout=60).status_code == 200
    idp.start_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])
    stopped = idp.stop_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])["UserImportJob"]
    assert stopped["Status"] in ("Stopping", "Stopped")
    final = wait_done(idp, pool_id, job["JobId"])
    assert final["Status"] == "Stopped"
    assert final["ImportedUsers"] < 20_000
