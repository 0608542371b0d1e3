"""User import jobs and the users CSV export against a real local Cognito: the CSV template from GetCSVHeader,
an export of one pool imported into another through a job (upload to the pre-signed URL, start, progress),
per-line failures read from the job's CloudWatch log, Stop, and the file rules caught before a job is made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import unique


def _pool(client: Any) -> tuple[str, str]:
    name = unique("import-")
    pool = client.create_user_pool(
        PoolName=name,
        AutoVerifiedAttributes=["email"],
        Schema=[{"Name": "plan", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]
    return pool["Id"], name


def test_template_and_file_rules(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.services.user_import import check_csv
    from console.views.user_import import UserImportDialog

    client = aloop.run_until_complete(ctx.service.client())
    pool_id, name = _pool(client)
    dialog = UserImportDialog(ctx, pool_id, name)
    qtbot.addWidget(dialog)
    header = aloop.run_until_complete(dialog.save_template(tmp_path / "template.csv"))
    assert (tmp_path / "template.csv").read_text() == ",".join(header) + "\n"
    assert {"cognito:username", "cognito:mfa_enabled", "email_verified", "custom:plan"} <= set(header)
    assert "byte order mark" in (check_csv(b"\xef\xbb\xbfcognito:username\n", header) or "")
    assert "cognito:username" in (check_csv(b"email\nx@example.com\n", header) or "")
    assert "shoe_size" in (check_csv(b"cognito:username,shoe_size\na,1\n", header) or "")
    assert check_csv(b"cognito:username,email\na,a@example.com\n", header) is None
    dialog.ui.jobNameEdit.setText("bad/name")
    assert "Job names" in (dialog.validate() or "")
    dialog.ui.jobNameEdit.setText("ok")
    dialog.ui.roleArnEdit.setText("role")
    assert "IAM role ARN" in (dialog.validate() or "")


def test_export_reimports_through_a_job(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.views.user_import import UserImportDialog
    from console.views.users import UsersView

    client = aloop.run_until_complete(ctx.service.client())
    source, _ = _pool(client)
    target, target_name = _pool(client)
    names = [unique("imp-") for _ in range(3)]
    for i, n in enumerate(names):
        client.admin_create_user(
            UserPoolId=source,
            Username=n,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": f"{n}@example.com"},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "name", "Value": "=cmd|' /C calc'!A0" if i == 0 else f"Person, {i}"},
                {"Name": "phone_number", "Value": "+15555550100"},
                {"Name": "custom:plan", "Value": "gold"},
            ],
        )
    ctx.pool_id = source
    users = UsersView(ctx)
    qtbot.addWidget(users)
    out = tmp_path / "users.csv"
    assert aloop.run_until_complete(users.export(out)) == 3
    body = out.read_bytes()
    assert b"'=cmd|" in body and b"Person\\, 1" in body and b",+15555550100," in body
    # One row that breaks the rules: nothing auto-verified is true.
    header = body.decode().splitlines()[0].split(",")
    bad = {c: "" for c in header} | {"cognito:username": "bad-row", "email": "bad@example.com"}
    bad |= {"email_verified": "false", "cognito:mfa_enabled": "false"}
    body += (",".join(bad[c] for c in header) + "\n").encode()

    dialog = UserImportDialog(ctx, target, target_name)
    qtbot.addWidget(dialog)
    job = aloop.run_until_complete(dialog.run_import(body, "round-trip", "arn:aws:iam::000000000000:role/Import"))
    assert job is not None, dialog.ui.statusLabel.text()
    assert (job["Status"], job["ImportedUsers"], job["FailedUsers"]) == ("Succeeded", 3, 1)
    assert "4 of 4 rows" in dialog.ui.statusLabel.text()
    assert dialog.ui.progressBar.value() == 4
    log = dialog.ui.logEdit.toPlainText()
    assert "[FAILED]" in log and "Line Number 5" in log and "[SUCCEEDED]" not in log
    imported = client.admin_get_user(UserPoolId=target, Username=names[1])
    attrs = {a["Name"]: a["Value"] for a in imported["UserAttributes"]}
    assert attrs["name"] == "Person, 1" and attrs["custom:plan"] == "gold" and attrs["phone_number"] == "+15555550100"
    dialog.grab().save("/tmp/j/import_dialog.png")


def test_refused_start_is_said_in_the_dialog(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A pool without auto-verified attributes cannot import users: AWS's refusal shows in the dialog."""
    from console.views.user_import import UserImportDialog

    client = aloop.run_until_complete(ctx.service.client())
    name = unique("noverify-")
    pool_id = client.create_user_pool(PoolName=name)["UserPool"]["Id"]
    dialog = UserImportDialog(ctx, pool_id, name)
    qtbot.addWidget(dialog)
    body = b"cognito:username,email,email_verified,cognito:mfa_enabled\nu1,u1@example.com,true,false\n"
    assert aloop.run_until_complete(dialog.run_import(body, "refused", "arn:aws:iam::000000000000:role/I")) is None
    assert "PreconditionNotMetException" in dialog.ui.statusLabel.text()
    assert dialog.ui.startButton.isEnabled()


def test_stop_import(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Stop import while a large job runs: StopUserImportJob, and the job ends Stopped with the rows so far."""
    import asyncio

    from console.views.user_import import UserImportDialog

    client = aloop.run_until_complete(ctx.service.client())
    pool_id, name = _pool(client)
    rows = "".join(f"stop{i},stop{i}@example.com,true,false\n" for i in range(5000))
    body = ("cognito:username,email,email_verified,cognito:mfa_enabled\n" + rows).encode()
    dialog = UserImportDialog(ctx, pool_id, name)
    qtbot.addWidget(dialog)

    async def drive() -> Any:
        task = asyncio.ensure_future(dialog.run_import(body, "stopped", "arn:aws:iam::000000000000:role/Import"))
        while not dialog.ui.stopButton.isEnabled():
            await asyncio.sleep(0.005)
        await dialog.stop()
        return await task

    job = aloop.run_until_complete(drive())
    assert job is not None and job["Status"] == "Stopped", job
    assert job["ImportedUsers"] < 5000
    assert "Stopped:" in dialog.ui.statusLabel.text() and "of 5000 rows" in dialog.ui.statusLabel.text()
