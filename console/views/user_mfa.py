"""A user's MFA settings (AdminSetUserMFAPreference): SMS, email and TOTP turned on or off, and the preferred one."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from console.services.protocol import User

from ._generated.ui_user_mfa_dialog import Ui_UserMfaDialog
from .dialogs import FormDialog

METHODS = ("SMS", "EMAIL", "TOTP")  # the preferred combo's order after "None"
SETTING_NAMES = {"SMS_MFA": "SMS", "EMAIL_OTP": "EMAIL", "SOFTWARE_TOKEN_MFA": "TOTP"}


class UserMfaDialog(FormDialog):
    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UserMfaDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"MFA settings of {user.username}")
        enabled = {SETTING_NAMES.get(m, m) for m in user.mfa}
        for method, check in zip(METHODS, self._checks(), strict=True):
            check.setChecked(method in enabled)
        preferred = SETTING_NAMES.get(user.preferred_mfa or "", "")
        self.ui.preferredCombo.setCurrentIndex(METHODS.index(preferred) + 1 if preferred in METHODS else 0)

    def _checks(self) -> tuple[QCheckBox, ...]:
        return (self.ui.smsCheck, self.ui.emailCheck, self.ui.totpCheck)

    def validate(self) -> str | None:
        index = self.ui.preferredCombo.currentIndex()
        if index and not self._checks()[index - 1].isChecked():
            return "The preferred method must be one that is turned on."
        return None

    def settings(self) -> dict[str, dict[str, bool]]:
        """AdminSetUserMFAPreference's settings by method."""
        preferred = self.ui.preferredCombo.currentIndex()
        return {
            method: {"Enabled": check.isChecked(), "PreferredMfa": preferred == i + 1}
            for i, (method, check) in enumerate(zip(METHODS, self._checks(), strict=True))
        }
