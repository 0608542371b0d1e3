"""Import users from a CSV file: the CSV template (GetCSVHeader), a user import job created, its file uploaded
to the pre-signed URL and started, progress as "n of m" rows, Stop, and the job's per-line results."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget
from qasync import asyncSlot

from console.services import user_import
from console.services.boto import run_blocking
from console.services.errors import ServiceError
from console.services.protocol import ConnectionKind

from ._generated.ui_user_import_dialog import Ui_UserImportDialog
from .base import accepted
from .context import AppContext

ROLE_ARN = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")
JOB_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")  # UserImportJobNameType
LOCAL_ROLE = "arn:aws:iam::000000000000:role/CognitoUserImport"
POLL_SECONDS = 1.0


def count_rows(body: bytes) -> int:
    """The users a file holds: its lines after the header, empty ones left out."""
    return sum(1 for line in body.decode("utf-8", "replace").splitlines()[1:] if line.strip())


class UserImportDialog(QDialog):
    """Not a form with OK: it runs a job while it is open, and Close leaves a running job running."""

    def __init__(self, ctx: AppContext, pool_id: str, pool_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UserImportDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.pool_id = pool_id
        self.pool_name = pool_name
        self.job: dict[str, Any] | None = None
        self.total = 0
        self.setWindowTitle(f"Import users into {pool_name}")
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.ui.templateButton.clicked.connect(self.on_template_clicked)
        self.ui.fileButton.clicked.connect(self.on_file_clicked)
        self.ui.startButton.clicked.connect(self.on_start_clicked)
        self.ui.stopButton.clicked.connect(self.on_stop_clicked)
        self.ui.stopButton.setEnabled(False)
        self.ui.progressBar.setRange(0, 1)
        self.ui.progressBar.setValue(0)
        service = ctx.service
        if service is not None and service.connection.kind is ConnectionKind.LOCAL:
            self.ui.roleArnEdit.setText(LOCAL_ROLE)  # the local Cognito writes the log without assuming it

    def say(self, text: str) -> None:
        self.ui.statusLabel.setText(text)

    # --- the CSV template ------------------------------------------------------------------------------
    @asyncSlot()
    async def on_template_clicked(self) -> None:
        dialog = QFileDialog(self, "Save CSV template", f"{self.pool_name}-import.csv", "CSV (*.csv)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        chosen = await accepted(dialog)
        paths = dialog.selectedFiles()
        dialog.deleteLater()
        if chosen and paths:
            await self.save_template(Path(paths[0]))

    async def save_template(self, path: Path) -> list[str]:
        header: list[str] = []
        try:
            header = await self.ctx.require().csv_header(self.pool_id)
            await run_blocking(path.write_text, user_import.template(header), encoding="utf-8", newline="")
        except ServiceError as exc:
            self.say(f"{exc.message} ({exc.label})")
            return []
        except OSError as exc:
            self.say(f"Cannot write {path}: {exc}")
            return []
        self.say(f"Saved the CSV template ({len(header)} columns) to {path}.")
        return header

    def on_file_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "CSV file of users", "", "CSV (*.csv);;All files (*)")
        if path:
            self.ui.fileEdit.setText(path)

    # --- the job ---------------------------------------------------------------------------------------
    def validate(self) -> str | None:
        if not JOB_NAME.match(self.ui.jobNameEdit.text().strip()):
            return "Job names have 1 to 128 letters, numbers, spaces and + = , . @ - characters."
        if not ROLE_ARN.match(self.ui.roleArnEdit.text().strip()):
            return "The CloudWatch Logs role is an IAM role ARN: arn:aws:iam::<account>:role/<name>."
        if not self.ui.fileEdit.text():
            return "Choose the CSV file to import."
        return None

    @asyncSlot()
    async def on_start_clicked(self) -> None:
        problem = self.validate()
        if problem:
            self.say(problem)
            return
        try:
            body = await run_blocking(Path(self.ui.fileEdit.text()).read_bytes)
        except OSError as exc:
            self.say(f"Cannot read {self.ui.fileEdit.text()}: {exc}")
            return
        await self.run_import(body, self.ui.jobNameEdit.text().strip(), self.ui.roleArnEdit.text().strip())

    async def run_import(self, body: bytes, name: str, role_arn: str) -> dict[str, Any] | None:
        """Check the file, create the job, upload the file, start the job and follow it to its end; the final
        job, or None when a step was refused (said in the dialog)."""
        self.ui.startButton.setEnabled(False)
        self.ui.logEdit.clear()
        service = self.ctx.require()
        try:
            header = await service.csv_header(self.pool_id)
            problem = user_import.check_csv(body, header)
            if problem:
                self.say(problem)
                return None
            self.total = count_rows(body)
            self.ui.progressBar.setRange(0, self.total)
            self.ui.progressBar.setValue(0)
            self.say("Creating the import job…")
            self.job = await service.create_import_job(self.pool_id, name, role_arn)
            self.say(f"Uploading {len(body):,} bytes…")
            await service.upload_import_csv(self.job["PreSignedUrl"], body)
            self.job = await service.start_import_job(self.pool_id, self.job["JobId"])
            self.ui.stopButton.setEnabled(True)
            while self.job["Status"] not in user_import.FINISHED:
                self.show_progress(self.job)
                await asyncio.sleep(POLL_SECONDS)
                self.job = await service.describe_import_job(self.pool_id, self.job["JobId"])
            self.show_progress(self.job)
            await self.show_results(self.job)
            return self.job
        except ServiceError as exc:
            self.say(f"{exc.message} ({exc.label})")
            return None
        finally:
            self.ui.stopButton.setEnabled(False)
            self.ui.startButton.setEnabled(True)

    def show_progress(self, job: Mapping[str, Any]) -> None:
        imported, skipped, failed = (int(job.get(k) or 0) for k in ("ImportedUsers", "SkippedUsers", "FailedUsers"))
        done = imported + skipped + failed
        self.ui.progressBar.setRange(0, max(self.total, done, 1))
        self.ui.progressBar.setValue(done)
        text = f"{job.get('Status')}: {done} of {self.total} rows"
        text += f" · {imported} imported, {skipped} skipped, {failed} failed"
        if job.get("CompletionMessage"):
            text += f"\n{job['CompletionMessage']}"
        self.say(text)

    async def show_results(self, job: dict[str, Any]) -> list[str]:
        """The job's lines that did not succeed, from its CloudWatch log (all of them when none failed)."""
        try:
            lines = await self.ctx.require().import_job_log(self.pool_id, self.pool_name, job)
        except ServiceError as exc:
            self.ui.logEdit.setPlainText(f"The job's log could not be read: {exc.message} ({exc.label})")
            return []
        problems = [line for line in lines if "[SUCCEEDED]" not in line]
        self.ui.logEdit.setPlainText("\n".join(problems or lines))
        return problems

    @asyncSlot()
    async def on_stop_clicked(self) -> None:
        await self.stop()

    async def stop(self) -> None:
        if self.job is None:
            return
        self.ui.stopButton.setEnabled(False)
        try:
            self.job = await self.ctx.require().stop_import_job(self.pool_id, self.job["JobId"])
            self.say("Stopping the import job…")
        except ServiceError as exc:
            self.say(f"{exc.message} ({exc.label})")
