"""A user pool's Lambda triggers (LambdaConfig): every trigger of LambdaConfigType, the pre token generation
event version, custom SMS and email senders with their KMS key; ARNs checked before UpdateUserPool, which
replaces the whole configuration."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ._generated.ui_triggers_dialog import Ui_TriggersDialog
from .dialogs import FormDialog

LAMBDA_ARN = re.compile(r"^arn:aws[\w-]*:lambda:[a-z]{2,4}(-[a-z]+)+-\d+:\d{12}:function:[\w-]{1,64}(:[\w$-]{1,128})?$")
KMS_KEY_ARN = re.compile(r"^arn:aws[\w-]*:kms:[a-z]{2,4}(-[a-z]+)+-\d+:\d{12}:(key|alias)/[\w/+=,.@-]+$")
PLAIN = (
    "PreSignUp",
    "PostConfirmation",
    "PreAuthentication",
    "PostAuthentication",
    "CustomMessage",
    "DefineAuthChallenge",
    "CreateAuthChallenge",
    "VerifyAuthChallengeResponse",
    "UserMigration",
)
VERSIONED = ("CustomSMSSender", "CustomEmailSender", "InboundFederation")  # {LambdaArn, LambdaVersion V1_0}
PRE_TOKEN_VERSIONS = ("V1_0", "V2_0", "V3_0")


def _edit_name(key: str) -> str:
    return key[0].lower() + key[1:] + "Edit"


class TriggersDialog(FormDialog):
    def __init__(self, pool_name: str, config: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TriggersDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Lambda triggers of {pool_name}")
        self.original = dict(config)
        for key in PLAIN:
            self._edit(key).setText(str(config.get(key) or ""))
        pre_token = config.get("PreTokenGenerationConfig") or {}
        self.ui.preTokenGenerationEdit.setText(
            str(pre_token.get("LambdaArn") or config.get("PreTokenGeneration") or "")
        )
        version = pre_token.get("LambdaVersion", "V1_0")
        self.ui.preTokenVersionCombo.setCurrentIndex(
            PRE_TOKEN_VERSIONS.index(version) if version in PRE_TOKEN_VERSIONS else 0
        )
        for key in VERSIONED:
            self._edit(key).setText(str((config.get(key) or {}).get("LambdaArn") or ""))
        self.ui.kmsKeyEdit.setText(str(config.get("KMSKeyID") or ""))

    def _edit(self, key: str) -> Any:
        return getattr(self.ui, _edit_name(key))

    def _text(self, key: str) -> str:
        return str(self._edit(key).text()).strip()

    def validate(self) -> str | None:
        for key in (*PLAIN, "PreTokenGeneration", *VERSIONED):
            arn = self._text(key)
            if arn and not LAMBDA_ARN.match(arn):
                label = getattr(self.ui, _edit_name(key) + "Label").text()
                return f"{label}: not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)."
        kms = self.ui.kmsKeyEdit.text().strip()
        senders = [k for k in ("CustomSMSSender", "CustomEmailSender") if self._text(k)]
        if senders and not kms:
            return "Custom SMS and email senders need the ARN of the KMS key that encrypts the codes they receive."
        if kms and not KMS_KEY_ARN.match(kms):
            return "The KMS key is an ARN: arn:aws:kms:<region>:<account>:key/<key id>."
        return None

    def lambda_config(self) -> dict[str, Any]:
        """LambdaConfig for UpdateUserPool: what the form shows, nothing else (empty fields are removed)."""
        config: dict[str, Any] = {key: self._text(key) for key in PLAIN if self._text(key)}
        pre_token = self._text("PreTokenGeneration")
        if pre_token:
            config["PreTokenGeneration"] = pre_token
            config["PreTokenGenerationConfig"] = {
                "LambdaArn": pre_token,
                "LambdaVersion": PRE_TOKEN_VERSIONS[self.ui.preTokenVersionCombo.currentIndex()],
            }
        for key in VERSIONED:
            if self._text(key):
                config[key] = {"LambdaArn": self._text(key), "LambdaVersion": "V1_0"}
        if self.ui.kmsKeyEdit.text().strip():
            config["KMSKeyID"] = self.ui.kmsKeyEdit.text().strip()
        return config
