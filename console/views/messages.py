"""A user pool's message templates: verification (code or link; email subject and body, SMS), the invitation
AdminCreateUser sends, and the MFA SMS, with AWS's placeholder rules and lengths checked before UpdateUserPool."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ._generated.ui_messages_dialog import Ui_MessagesDialog
from .dialogs import FormDialog

CODE = "{####}"
USERNAME = "{username}"
LINK = re.compile(r"\{##.*##\}", re.S)
EMAIL_MAX = 20000
SMS_MAX = 140
SUBJECT_MAX = 140
OPTIONS = ("CONFIRM_WITH_CODE", "CONFIRM_WITH_LINK")


def check_message(label: str, text: str, low: int, high: int, needs: tuple[str, ...] = ()) -> str | None:
    """Why AWS would refuse this template, or None: its length and the placeholders it must hold."""
    if not low <= len(text) <= high:
        return f"The {label} has {low} to {high:,} characters (it has {len(text):,})."
    missing = [p for p in needs if p not in text]
    if missing:
        return f"The {label} must contain {' and '.join(missing)}."
    return None


class MessagesDialog(FormDialog):
    def __init__(self, pool_name: str, raw: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MessagesDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Message templates of {pool_name}")
        self.raw = raw
        template = raw.get("VerificationMessageTemplate") or {}
        self.template = dict(template)
        link = template.get("DefaultEmailOption") == "CONFIRM_WITH_LINK"
        self.ui.verificationTypeCombo.setCurrentIndex(1 if link else 0)
        self._show_verification(1 if link else 0)
        self.ui.verificationTypeCombo.currentIndexChanged.connect(self._type_changed)
        self.ui.smsMessageEdit.setText(template.get("SmsMessage") or raw.get("SmsVerificationMessage") or "")
        invite = (raw.get("AdminCreateUserConfig") or {}).get("InviteMessageTemplate") or {}
        self.ui.inviteSubjectEdit.setText(invite.get("EmailSubject", ""))
        self.ui.inviteEmailEdit.setPlainText(invite.get("EmailMessage", ""))
        self.ui.inviteSmsEdit.setText(invite.get("SMSMessage", ""))
        self.ui.mfaSmsEdit.setText(raw.get("SmsAuthenticationMessage") or "")

    def _show_verification(self, index: int) -> None:
        link = index == 1
        t = self.template
        self.ui.emailSubjectEdit.setText(t.get("EmailSubjectByLink" if link else "EmailSubject") or "")
        self.ui.emailMessageEdit.setPlainText(t.get("EmailMessageByLink" if link else "EmailMessage") or "")
        self.ui.emailMessageEdit.setPlaceholderText(
            "Please click the link below to verify your email address. {##Verify Email##}"
            if link
            else "Your verification code is {####}."
        )

    def _type_changed(self, index: int) -> None:
        # Keep what was typed for the other type, then show this type's subject and message.
        other = 1 - index
        self._keep(other)
        self._show_verification(index)

    def _keep(self, index: int) -> None:
        link = index == 1
        self.template["EmailSubjectByLink" if link else "EmailSubject"] = self.ui.emailSubjectEdit.text().strip()
        self.template["EmailMessageByLink" if link else "EmailMessage"] = self.ui.emailMessageEdit.toPlainText()

    def validate(self) -> str | None:
        link = self.ui.verificationTypeCombo.currentIndex() == 1
        subject = self.ui.emailSubjectEdit.text().strip()
        body = self.ui.emailMessageEdit.toPlainText()
        checks: list[str | None] = []
        if subject:
            checks.append(check_message("verification email subject", subject, 1, SUBJECT_MAX))
        if body:
            if link:
                checks.append(check_message("verification email message", body, 6, EMAIL_MAX))
                if not LINK.search(body):
                    checks.append("The verification email message must contain a link: {##Verify Email##}.")
            else:
                checks.append(check_message("verification email message", body, 6, EMAIL_MAX, (CODE,)))
        sms = self.ui.smsMessageEdit.text()
        if sms:
            checks.append(check_message("verification SMS message", sms, 6, SMS_MAX, (CODE,)))
        invite_subject = self.ui.inviteSubjectEdit.text().strip()
        if invite_subject:
            checks.append(check_message("invitation email subject", invite_subject, 1, SUBJECT_MAX))
        invite_email = self.ui.inviteEmailEdit.toPlainText()
        if invite_email:
            checks.append(check_message("invitation email message", invite_email, 6, EMAIL_MAX, (USERNAME, CODE)))
        invite_sms = self.ui.inviteSmsEdit.text()
        if invite_sms:
            checks.append(check_message("invitation SMS message", invite_sms, 6, SMS_MAX, (USERNAME, CODE)))
        mfa = self.ui.mfaSmsEdit.text()
        if mfa:
            checks.append(check_message("MFA SMS message", mfa, 6, SMS_MAX, (CODE,)))
        return next((c for c in checks if c), None)

    def changes(self) -> dict[str, Any]:
        """UpdateUserPool's changes: the verification template (and the older fields AWS keeps equal to it), the
        invitation inside the current AdminCreateUserConfig, and the MFA message."""
        index = self.ui.verificationTypeCombo.currentIndex()
        self._keep(index)
        template: dict[str, Any] = {k: v for k, v in self.template.items() if v}
        template["DefaultEmailOption"] = OPTIONS[index]
        sms = self.ui.smsMessageEdit.text()
        if sms:
            template["SmsMessage"] = sms
        else:
            template.pop("SmsMessage", None)
        changes: dict[str, Any] = {"VerificationMessageTemplate": template}
        for old, new in (
            ("EmailVerificationMessage", "EmailMessage"),
            ("EmailVerificationSubject", "EmailSubject"),
            ("SmsVerificationMessage", "SmsMessage"),
        ):
            if template.get(new):
                changes[old] = template[new]
        invite = {
            "EmailSubject": self.ui.inviteSubjectEdit.text().strip(),
            "EmailMessage": self.ui.inviteEmailEdit.toPlainText(),
            "SMSMessage": self.ui.inviteSmsEdit.text(),
        }
        admin = dict(self.raw.get("AdminCreateUserConfig") or {})
        admin.pop("UnusedAccountValidityDays", None)  # deprecated: PasswordPolicy's TemporaryPasswordValidityDays
        admin["InviteMessageTemplate"] = {k: v for k, v in invite.items() if v}
        changes["AdminCreateUserConfig"] = admin
        if self.ui.mfaSmsEdit.text():
            changes["SmsAuthenticationMessage"] = self.ui.mfaSmsEdit.text()
        return changes
