"""Dialogs over the Designer forms: they validate what the rules say before any call is made."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QWidget

from console.models.keyvalue import KeyValueModel
from console.services.errors import ConnectionLost, ServiceError
from console.services.protocol import (
    AppClient,
    Connection,
    ConnectionKind,
    Group,
    IdentityProvider,
    Pool,
)

from ._generated.ui_app_client_dialog import Ui_AppClientDialog
from ._generated.ui_attributes_dialog import Ui_AttributesDialog
from ._generated.ui_connection_dialog import Ui_ConnectionDialog
from ._generated.ui_group_dialog import Ui_GroupDialog
from ._generated.ui_idp_dialog import Ui_IdentityProviderDialog
from ._generated.ui_pool_dialog import Ui_PoolDialog
from ._generated.ui_user_dialog import Ui_UserDialog
from .base import accepted

POOL_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
GROUP_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
ROLE_ARN = re.compile(r"^arn:[\w+=/,.@-]+:iam::\d{12}:role/[\w+=/,.@-]+$")
ATTRIBUTE_NAME = re.compile(r"^(custom:|dev:)?[\w.:-]{1,32}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
METADATA_FILE_MAX = 131072  # ProviderDetails values are StringType: at most 131,072 characters
PHONE = re.compile(r"^\+\d{4,15}$")


def valid_url(url: str, allow_http_localhost: bool = True) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.netloc:
        return not parsed.fragment
    # AWS allows http only for localhost callback URLs
    return allow_http_localhost and parsed.scheme == "http" and (parsed.hostname or "") in ("localhost", "127.0.0.1")


def lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"[\n,]+", text) if line.strip()]


def key_values(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        if "=" not in line:
            raise ValueError(f"Expected name = value: {line.strip()!r}")
        key, value = line.split("=", 1)
        out[key.strip()] = value.strip()
    return out


class FormDialog(QDialog):
    """OK runs ``validate``; a message shows under the form and the dialog stays open."""

    ui: Any

    def _wire(self) -> None:
        self.ui.buttons.accepted.connect(self._on_ok)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.errorLabel.setObjectName("errorLabel")

    def showEvent(self, event: Any) -> None:
        # Designer sizes are generous for the largest tab; open no taller than the content needs.
        if not getattr(self, "_fitted", False):
            self._fitted = True
            self.resize(self.width(), min(self.height(), self.sizeHint().height()))
        super().showEvent(event)

    def validate(self) -> str | None:
        return None

    def _on_ok(self) -> None:
        problem = self.validate()
        self.ui.errorLabel.setText(problem or "")
        if problem is None:
            self.accept()

    def ok_button(self) -> Any:
        return self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def refused(self, exc: ServiceError) -> None:
        """AWS refused what the dialog asked: its message and code, under the form."""
        self.ui.errorLabel.setText(f"{exc.message} ({exc.label})")


async def until_saved(dialog: FormDialog, save: Callable[[], Awaitable[Any]]) -> bool:
    """Show the dialog until ``save`` succeeds or the user cancels: a refused call reopens it with AWS's message
    under the form and the values as typed. A lost connection goes on to the window."""
    while await accepted(dialog):
        try:
            await save()
        except ConnectionLost:
            raise
        except ServiceError as exc:
            dialog.refused(exc)
            continue
        return True
    return False


# --- user pools ---------------------------------------------------------------------------------
SIGN_IN = [
    {},
    {"UsernameAttributes": ["email"]},
    {"UsernameAttributes": ["phone_number"]},
    {"UsernameAttributes": ["email", "phone_number"]},
    {"AliasAttributes": ["email", "preferred_username"]},
    {"AliasAttributes": ["email", "phone_number", "preferred_username"]},
]
VERIFY = [["email"], ["phone_number"], ["email", "phone_number"], []]
MFA = ["OFF", "OPTIONAL", "ON"]
RECOVERY = [
    [("verified_email", 1)],
    [("verified_email", 1), ("verified_phone_number", 2)],
    [("verified_phone_number", 1), ("verified_email", 2)],
    [("verified_phone_number", 1)],
    [("admin_only", 1)],
]


class PoolDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, pool: Pool | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PoolDialog()
        self.ui.setupUi(self)
        self._wire()
        self.pool = pool
        for check in (self.ui.upperCheck, self.ui.lowerCheck, self.ui.numberCheck, self.ui.symbolCheck):
            check.setChecked(True)
        self.ui.recoveryCombo.setCurrentIndex(0)
        if pool is not None:
            self.setWindowTitle(f"Edit user pool {pool.name}")
            self.ui.nameEdit.setText(pool.name)
            # Sign-in identifiers are fixed once a pool exists (AWS refuses to change them).
            for w in (self.ui.signInCombo, self.ui.caseSensitiveCheck):
                w.setEnabled(False)
            raw = pool.raw
            sign = {k: raw[k] for k in ("UsernameAttributes", "AliasAttributes") if raw.get(k)}
            self.ui.signInCombo.setCurrentIndex(SIGN_IN.index(sign) if sign in SIGN_IN else 0)
            self.ui.caseSensitiveCheck.setChecked(bool((raw.get("UsernameConfiguration") or {}).get("CaseSensitive")))
            self.ui.selfSignUpCheck.setChecked(
                not (raw.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly")
            )
            auto = sorted(pool.auto_verified)
            self.ui.verifyCombo.setCurrentIndex(next((i for i, v in enumerate(VERIFY) if sorted(v) == auto), 3))
            policy = pool.password_policy
            self.ui.minLengthSpin.setValue(int(policy.get("MinimumLength", 8)))
            self.ui.upperCheck.setChecked(bool(policy.get("RequireUppercase")))
            self.ui.lowerCheck.setChecked(bool(policy.get("RequireLowercase")))
            self.ui.numberCheck.setChecked(bool(policy.get("RequireNumbers")))
            self.ui.symbolCheck.setChecked(bool(policy.get("RequireSymbols")))
            self.ui.tempDaysSpin.setValue(int(policy.get("TemporaryPasswordValidityDays", 7)))
            self.ui.reuseSpin.setValue(int(policy.get("PasswordHistorySize") or 0))
            self.ui.mfaCombo.setCurrentIndex(MFA.index(pool.mfa) if pool.mfa in MFA else 0)
            self.ui.deletionCheck.setChecked(pool.deletion_protection == "ACTIVE")
            self.ui.tagsEdit.setPlainText("\n".join(f"{k}={v}" for k, v in sorted(pool.tags.items())))
            self.ui.smsCheck.setChecked("SMS" in pool.mfa_methods)
            self.ui.totpCheck.setChecked(pool.mfa == "OFF" or "TOTP" in pool.mfa_methods)
            mechanisms = (raw.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms") or []
            recovery = [(m.get("Name"), m.get("Priority")) for m in mechanisms]
            if recovery in RECOVERY:
                self.ui.recoveryCombo.setCurrentIndex(RECOVERY.index(recovery))
        # An edit leaves account recovery alone unless the user picks another choice (it may be one the
        # combo does not list).
        self._initial_recovery = self.ui.recoveryCombo.currentIndex()

    def validate(self) -> str | None:
        name = self.ui.nameEdit.text().strip()
        if not POOL_NAME.match(name):
            return "User pool names have 1 to 128 letters, numbers, spaces and + = , . @ - characters."
        if not 6 <= self.ui.minLengthSpin.value() <= 99:
            return "The minimum password length is between 6 and 99 characters."
        if self.ui.mfaCombo.currentIndex() != 0 and not (self.ui.totpCheck.isChecked() or self.ui.smsCheck.isChecked()):
            return "Choose at least one MFA method: authenticator apps (TOTP) or SMS messages."
        if self.ui.mfaCombo.currentIndex() != 0 and self.ui.smsCheck.isChecked():
            return (
                "SMS MFA needs an SNS role (SmsConfiguration) that this dialog does not set up: "
                "choose authenticator apps (TOTP) only, or add SMS in the AWS console."
            )
        # The ranges of PasswordPolicyType in the service model.
        if not 0 <= self.ui.tempDaysSpin.value() <= 365:
            return "Temporary passwords expire after 0 to 365 days."
        if not 0 <= self.ui.reuseSpin.value() <= 24:
            return "Password history keeps 0 to 24 previous passwords."
        try:
            tags = key_values(self.ui.tagsEdit.toPlainText())
        except ValueError as exc:
            return str(exc)
        if len(tags) > 50:
            return "A user pool has at most 50 tags."
        return None

    def _policy(self) -> dict[str, Any]:
        policy: dict[str, Any] = {
            "MinimumLength": self.ui.minLengthSpin.value(),
            "RequireUppercase": self.ui.upperCheck.isChecked(),
            "RequireLowercase": self.ui.lowerCheck.isChecked(),
            "RequireNumbers": self.ui.numberCheck.isChecked(),
            "RequireSymbols": self.ui.symbolCheck.isChecked(),
            "TemporaryPasswordValidityDays": self.ui.tempDaysSpin.value(),
        }
        if self.ui.reuseSpin.value():
            policy["PasswordHistorySize"] = self.ui.reuseSpin.value()
        return {"PasswordPolicy": policy}

    def _common(self) -> dict[str, Any]:
        recovery = RECOVERY[self.ui.recoveryCombo.currentIndex()]
        return {
            "Policies": self._policy(),
            "AutoVerifiedAttributes": VERIFY[self.ui.verifyCombo.currentIndex()],
            "MfaConfiguration": MFA[self.ui.mfaCombo.currentIndex()],
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": not self.ui.selfSignUpCheck.isChecked()},
            "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": n, "Priority": p} for n, p in recovery]},
            "DeletionProtection": "ACTIVE" if self.ui.deletionCheck.isChecked() else "INACTIVE",
            "UserPoolTags": key_values(self.ui.tagsEdit.toPlainText()),
        }

    def request(self) -> dict[str, Any]:
        """CreateUserPool's request."""
        req = {
            "PoolName": self.ui.nameEdit.text().strip(),
            **SIGN_IN[self.ui.signInCombo.currentIndex()],
            "UsernameConfiguration": {"CaseSensitive": self.ui.caseSensitiveCheck.isChecked()},
            **self._common(),
        }
        # CreateUserPool can only turn MFA on with an SMS configuration; TOTP-only MFA is set right after
        # creation with SetUserPoolMfaConfig (see mfa()), so the pool is created with MFA off.
        req["MfaConfiguration"] = "OFF"
        return req

    def mfa(self) -> tuple[str, bool] | None:
        """(MfaConfiguration, TOTP enabled) for SetUserPoolMfaConfig, or None when nothing changes."""
        mode = MFA[self.ui.mfaCombo.currentIndex()]
        totp = self.ui.totpCheck.isChecked() and mode != "OFF"
        if self.pool is None:
            return None if mode == "OFF" else (mode, totp)
        current_totp = "TOTP" in self.pool.mfa_methods
        if mode == self.pool.mfa and (mode == "OFF" or totp == current_totp):
            return None
        return mode, totp

    def changes(self) -> dict[str, Any]:
        """UpdateUserPool's changes (merged over the current settings by the service)."""
        changes = self._common()
        changes.pop("MfaConfiguration")
        if self.pool is not None:
            # Keep what the dialog does not show: the invitation message, unused-account validity, the
            # sign-in policy (UpdateUserPool resets each nested field it is not given).
            raw = self.pool.raw
            for key in ("AdminCreateUserConfig", "Policies"):
                changes[key] = {**(raw.get(key) or {}), **changes[key]}
            if self.ui.recoveryCombo.currentIndex() == self._initial_recovery:
                changes.pop("AccountRecoverySetting")
        if self.pool is not None and self.ui.nameEdit.text().strip() != self.pool.name:
            changes["PoolName"] = self.ui.nameEdit.text().strip()
        return changes


# --- users ----------------------------------------------------------------------------------------
class UserDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UserDialog()
        self.ui.setupUi(self)
        self._wire()
        # The password field is there only when the admin types one (a disabled field reads as broken).
        self.ui.passwordCombo.currentIndexChanged.connect(self._password_mode)
        self._password_mode(self.ui.passwordCombo.currentIndex())

    def _password_mode(self, index: int) -> None:
        for widget in (self.ui.passwordEdit, self.ui.passwordEditLabel):
            widget.setVisible(index == 1)
        self.ui.passwordEdit.setEnabled(index == 1)

    def validate(self) -> str | None:
        username = self.ui.usernameEdit.text().strip()
        if not username or len(username) > 128 or any(c.isspace() for c in username):
            return "User names have 1 to 128 characters and no spaces."
        email = self.ui.emailEdit.text().strip()
        if email and not EMAIL.match(email):
            return "Invalid email address format."
        phone = self.ui.phoneEdit.text().strip()
        if phone and not PHONE.match(phone):
            return "Phone numbers are in E.164 format: + and the country code, e.g. +15555550100."
        if self.ui.passwordCombo.currentIndex() == 1 and not self.ui.passwordEdit.text():
            return "Type a temporary password or let Cognito generate one."
        try:
            extra = key_values(self.ui.attributesEdit.toPlainText())
        except ValueError as exc:
            return str(exc)
        bad = [k for k in extra if not ATTRIBUTE_NAME.match(k)]
        if bad:
            return f"Invalid attribute name: {bad[0]}"
        return None

    def values(self) -> tuple[str, dict[str, str], str | None, bool]:
        attrs: dict[str, str] = {}
        if self.ui.emailEdit.text().strip():
            attrs["email"] = self.ui.emailEdit.text().strip()
            if self.ui.emailVerifiedCheck.isChecked():
                attrs["email_verified"] = "true"
        if self.ui.phoneEdit.text().strip():
            attrs["phone_number"] = self.ui.phoneEdit.text().strip()
        if self.ui.nameEdit.text().strip():
            attrs["name"] = self.ui.nameEdit.text().strip()
        attrs.update(key_values(self.ui.attributesEdit.toPlainText()))
        password = self.ui.passwordEdit.text() if self.ui.passwordCombo.currentIndex() == 1 else None
        return self.ui.usernameEdit.text().strip(), attrs, password, not self.ui.inviteCheck.isChecked()


class AttributesDialog(FormDialog):
    """Edit a user's attributes as name = value lines; a removed line deletes its attribute."""

    def __init__(self, username: str, attributes: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AttributesDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Edit attributes of {username}")
        # sub is Cognito's own and immutable: not offered for editing.
        self.original = {k: v for k, v in attributes.items() if k != "sub"}
        self.ui.attributesEdit.setPlainText("\n".join(f"{k} = {v}" for k, v in sorted(self.original.items())))

    def validate(self) -> str | None:
        try:
            values = key_values(self.ui.attributesEdit.toPlainText())
        except ValueError as exc:
            return str(exc)
        bad = [k for k in values if not ATTRIBUTE_NAME.match(k)]
        if bad:
            return f"Invalid attribute name: {bad[0]}"
        if "email" in values and values["email"] and not EMAIL.match(values["email"]):
            return "Invalid email address format."
        return None

    def changes(self) -> tuple[dict[str, str], list[str]]:
        values = key_values(self.ui.attributesEdit.toPlainText())
        update = {k: v for k, v in values.items() if self.original.get(k) != v}
        delete = [k for k in self.original if k not in values]
        return update, delete


# --- groups ---------------------------------------------------------------------------------------
# UpdateGroup's RoleArn is an ArnType (at least 20 characters): "" is refused and an absent RoleArn keeps the
# role, so the API has no way to take a role off a group.
ROLE_NOT_REMOVABLE = (
    "Amazon Cognito cannot remove a group's IAM role: it can only be replaced by another role ARN. "
    "To drop the role, delete the group and create it again."
)


class GroupDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, group: Group | None = None, members: Any = None) -> None:
        super().__init__(parent)
        self.ui = Ui_GroupDialog()
        self.ui.setupUi(self)
        self._wire()
        self.group = group
        if members is not None:
            self.ui.membersTable.setModel(members)
        else:
            self.ui.membersLabel.hide()
            self.ui.membersTable.hide()
            self.resize(self.width(), 300)
        if group is not None:
            self.setWindowTitle(f"Edit group {group.name}")
            self.ui.nameEdit.setText(group.name)
            self.ui.nameEdit.setReadOnly(True)
            self.ui.descriptionEdit.setPlainText(group.description)
            self.ui.precedenceSpin.setValue(-1 if group.precedence is None else group.precedence)
            self.ui.roleEdit.setText(group.role_arn)
            if group.role_arn:
                self.ui.roleEdit.setToolTip(ROLE_NOT_REMOVABLE)
        else:
            self.setWindowTitle("Create group")

    def validate(self) -> str | None:
        if not GROUP_NAME.match(self.ui.nameEdit.text().strip()):
            return "Group names have 1 to 128 letters, numbers, spaces and + = , . @ - characters."
        if len(self.ui.descriptionEdit.toPlainText()) > 2048:
            return "Descriptions have at most 2048 characters."
        role = self.ui.roleEdit.text().strip()
        if not role and self.group is not None and self.group.role_arn:
            return ROLE_NOT_REMOVABLE
        if role and not ROLE_ARN.match(role):
            return "The IAM role ARN looks like arn:aws:iam::123456789012:role/RoleName."
        return None

    def value(self, pool_id: str) -> Group:
        precedence = self.ui.precedenceSpin.value()
        return Group(
            name=self.ui.nameEdit.text().strip(),
            pool_id=pool_id,
            description=self.ui.descriptionEdit.toPlainText().strip(),
            precedence=None if precedence < 0 else precedence,
            role_arn=self.ui.roleEdit.text().strip(),
        )


# --- app clients ------------------------------------------------------------------------------------
FLOW_CHECKS = {
    "flowSrp": "ALLOW_USER_SRP_AUTH",
    "flowPassword": "ALLOW_USER_PASSWORD_AUTH",
    "flowAdmin": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "flowCustom": "ALLOW_CUSTOM_AUTH",
    "flowUserAuth": "ALLOW_USER_AUTH",
    "flowRefresh": "ALLOW_REFRESH_TOKEN_AUTH",
}
GRANT_CHECKS = {"grantCode": "code", "grantImplicit": "implicit", "grantClient": "client_credentials"}


class AppClientDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, client: AppClient | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AppClientDialog()
        self.ui.setupUi(self)
        self._wire()
        self.client = client
        raw: Mapping[str, Any] = client.raw if client else {}
        flows = set(raw.get("ExplicitAuthFlows") or ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        for name, flow in FLOW_CHECKS.items():
            getattr(self.ui, name).setChecked(flow in flows)
        grants = set(raw.get("AllowedOAuthFlows") or ["code"])
        for name, grant in GRANT_CHECKS.items():
            getattr(self.ui, name).setChecked(grant in grants)
        self.ui.oauthCheck.setChecked(bool(raw.get("AllowedOAuthFlowsUserPoolClient")))
        self.ui.scopesEdit.setText(" ".join(raw.get("AllowedOAuthScopes") or ["openid", "email", "profile"]))
        self.ui.callbacksEdit.setPlainText("\n".join(raw.get("CallbackURLs") or []))
        self.ui.logoutsEdit.setPlainText("\n".join(raw.get("LogoutURLs") or []))
        self.ui.providersEdit.setText(", ".join(raw.get("SupportedIdentityProviders") or ["COGNITO"]))
        self.ui.preventCombo.setCurrentText(raw.get("PreventUserExistenceErrors") or "ENABLED")
        self.ui.revocationCheck.setChecked(bool(raw.get("EnableTokenRevocation", True)))
        units = raw.get("TokenValidityUnits") or {}
        self.ui.accessSpin.setValue(_minutes(raw.get("AccessTokenValidity"), units.get("AccessToken", "hours"), 60))
        self.ui.idSpin.setValue(_minutes(raw.get("IdTokenValidity"), units.get("IdToken", "hours"), 60))
        self.ui.refreshSpin.setValue(_days(raw.get("RefreshTokenValidity"), units.get("RefreshToken", "days"), 30))
        self.ui.authSessionSpin.setValue(int(raw.get("AuthSessionValidity") or 3))
        # The spin boxes count whole minutes and days; what they show may be rounded (12 hours reads as
        # 1 day), so an unchanged box sends back the client's own value and unit.
        self._loaded_validity = {
            "AccessToken": self.ui.accessSpin.value(),
            "IdToken": self.ui.idSpin.value(),
            "RefreshToken": self.ui.refreshSpin.value(),
        }
        if client is not None:
            self.setWindowTitle(f"Edit app client {client.name}")
            self.ui.nameEdit.setText(client.name)
            self.ui.secretCheck.setChecked(bool(client.secret))
            self.ui.secretCheck.setEnabled(False)  # a secret is chosen when the client is created
        else:
            self.setWindowTitle("Create app client")

    def validate(self) -> str | None:
        name = self.ui.nameEdit.text().strip()
        if not re.match(r"^[\w\s+=,.@-]{1,128}$", name):
            return "App client names have 1 to 128 letters, numbers, spaces and + = , . @ - characters."
        for url in lines(self.ui.callbacksEdit.toPlainText()) + lines(self.ui.logoutsEdit.toPlainText()):
            if not valid_url(url):
                return f"{url} is not a valid URL: use https (http only for localhost) and no fragment."
        if self.ui.oauthCheck.isChecked():
            grants = [g for n, g in GRANT_CHECKS.items() if getattr(self.ui, n).isChecked()]
            if not grants:
                return "Choose at least one OAuth grant type."
            if "client_credentials" in grants and len(grants) > 1:
                return "Client credentials cannot be combined with other grant types."
            if (
                "client_credentials" in grants
                and not (self.client and self.client.secret)
                and not self.ui.secretCheck.isChecked()
            ):
                return "Client credentials need a client secret."
            if ("code" in grants or "implicit" in grants) and not lines(self.ui.callbacksEdit.toPlainText()):
                return "Authorization code and implicit grants need at least one callback URL."
        if not any(getattr(self.ui, n).isChecked() for n in FLOW_CHECKS):
            return "Choose at least one authentication flow."
        return None

    def request(self) -> dict[str, Any]:
        req: dict[str, Any] = {
            "ClientName": self.ui.nameEdit.text().strip(),
            "ExplicitAuthFlows": [f for n, f in FLOW_CHECKS.items() if getattr(self.ui, n).isChecked()],
            "PreventUserExistenceErrors": self.ui.preventCombo.currentText(),
            "EnableTokenRevocation": self.ui.revocationCheck.isChecked(),
            "AccessTokenValidity": self.ui.accessSpin.value(),
            "IdTokenValidity": self.ui.idSpin.value(),
            "RefreshTokenValidity": self.ui.refreshSpin.value(),
            "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
            "AuthSessionValidity": self.ui.authSessionSpin.value(),
            "CallbackURLs": lines(self.ui.callbacksEdit.toPlainText()),
            "LogoutURLs": lines(self.ui.logoutsEdit.toPlainText()),
            "SupportedIdentityProviders": lines(self.ui.providersEdit.text()),
            "AllowedOAuthFlowsUserPoolClient": self.ui.oauthCheck.isChecked(),
        }
        if self.client is not None:
            raw = self.client.raw
            raw_units = raw.get("TokenValidityUnits") or {}
            for token, spin, default_unit in (
                ("AccessToken", self.ui.accessSpin, "hours"),
                ("IdToken", self.ui.idSpin, "hours"),
                ("RefreshToken", self.ui.refreshSpin, "days"),
            ):
                key = f"{token}Validity"
                if raw.get(key) and spin.value() == self._loaded_validity[token]:
                    req[key] = raw[key]
                    req["TokenValidityUnits"][token] = raw_units.get(token, default_unit)
        if self.ui.oauthCheck.isChecked():
            req["AllowedOAuthFlows"] = [g for n, g in GRANT_CHECKS.items() if getattr(self.ui, n).isChecked()]
            req["AllowedOAuthScopes"] = self.ui.scopesEdit.text().split()
        else:
            req["AllowedOAuthFlows"] = []
            req["AllowedOAuthScopes"] = []
        if self.client is None:
            req["GenerateSecret"] = self.ui.secretCheck.isChecked()
        return req


def _minutes(value: Any, unit: str, default: int) -> int:
    if not value:
        return default
    return int(value) * {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 1440}.get(unit, 60)  # type: ignore[return-value]


def _days(value: Any, unit: str, default: int) -> int:
    if not value:
        return default
    factor = {"seconds": 1 / 86400, "minutes": 1 / 1440, "hours": 1 / 24, "days": 1}.get(unit, 1)
    return max(1, int(int(value) * factor))


# --- identity providers -----------------------------------------------------------------------------
PROVIDER_FIELDS = {
    "OIDC": ("clientIdEdit", "clientSecretEdit", "issuerEdit", "methodCombo", "scopesEdit"),
    "SAML": ("metadataUrlEdit", "metadataFileButton"),
    "Google": ("clientIdEdit", "clientSecretEdit", "scopesEdit"),
    "Facebook": ("clientIdEdit", "clientSecretEdit", "scopesEdit"),
    "LoginWithAmazon": ("clientIdEdit", "clientSecretEdit", "scopesEdit"),
    "SignInWithApple": ("clientIdEdit", "teamEdit", "keyIdEdit", "privateKeyEdit", "scopesEdit"),
}
DEFAULT_SCOPES = {
    "OIDC": "openid email profile",
    "Google": "profile email openid",
    "Facebook": "public_profile,email",
    "LoginWithAmazon": "profile postal_code",
    "SignInWithApple": "email name",
}
ALL_FIELDS = ("clientIdEdit", "clientSecretEdit", "issuerEdit", "methodCombo", "scopesEdit", "teamEdit",
              "keyIdEdit", "privateKeyEdit", "metadataUrlEdit", "metadataFileButton")  # fmt: skip


class IdentityProviderDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, idp: IdentityProvider | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IdentityProviderDialog()
        self.ui.setupUi(self)
        self._wire()
        self.idp = idp
        self.metadata_file: str | None = None
        self.metadata_text: str | None = None  # the file's content, read by validate()
        self.mapping = KeyValueModel(("User pool attribute", "Provider attribute"), editable=True, parent=self)
        self.ui.mappingTable.setModel(self.mapping)
        self.ui.mappingTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ui.addMappingButton.clicked.connect(self._add_mapping)
        self.ui.removeMappingButton.clicked.connect(self._remove_mapping)
        self.ui.metadataFileButton.clicked.connect(self._choose_metadata)
        self.ui.typeCombo.currentTextChanged.connect(self._type_changed)
        if idp is not None:
            self.setWindowTitle(f"Edit identity provider {idp.name}")
            self.ui.typeCombo.setCurrentText(idp.type)
            self.ui.typeCombo.setEnabled(False)
            self.ui.nameEdit.setText(idp.name)
            self.ui.nameEdit.setReadOnly(True)
            d = idp.details
            self.ui.clientIdEdit.setText(d.get("client_id", ""))
            self.ui.clientSecretEdit.setText(d.get("client_secret", ""))
            self.ui.issuerEdit.setText(d.get("oidc_issuer", ""))
            self.ui.methodCombo.setCurrentText(d.get("attributes_request_method", "GET"))
            self.ui.scopesEdit.setText(d.get("authorize_scopes", ""))
            self.ui.teamEdit.setText(d.get("team_id", ""))
            self.ui.keyIdEdit.setText(d.get("key_id", ""))
            self.ui.metadataUrlEdit.setText(d.get("MetadataURL", ""))
            self.ui.identifiersEdit.setText(", ".join(idp.identifiers))
            self.mapping.set_mapping(idp.attribute_mapping)
            self._type_changed(idp.type)
        else:
            self.setWindowTitle("Add identity provider")
            self._type_changed(self.ui.typeCombo.currentText())

    def _type_changed(self, kind: str) -> None:
        shown = set(PROVIDER_FIELDS.get(kind, ()))
        for name in ALL_FIELDS:
            widget = getattr(self.ui, name)
            label = getattr(self.ui, name + "Label", None)
            widget.setVisible(name in shown)
            if label is not None:
                label.setVisible(name in shown)
        self.ui.metadataFileLabel.setVisible(kind == "SAML")
        if self.idp is None:
            if kind not in ("OIDC", "SAML"):
                self.ui.nameEdit.setText(kind)
            self.ui.nameEdit.setReadOnly(kind not in ("OIDC", "SAML"))
            self.ui.scopesEdit.setText(DEFAULT_SCOPES.get(kind, ""))
            if not self.mapping.rowCount():
                self.mapping.set_mapping({"email": "email"} if kind != "SAML" else {})

    def _add_mapping(self) -> None:
        row = self.mapping.add_row()
        self.ui.mappingTable.edit(self.mapping.index(row, 0))

    def _remove_mapping(self) -> None:
        rows = sorted({i.row() for i in self.ui.mappingTable.selectionModel().selectedIndexes()}, reverse=True)
        for row in rows:
            self.mapping.remove_row(row)

    def _choose_metadata(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "SAML metadata", "", "XML (*.xml);;All files (*)")
        if path:
            self.metadata_file = path
            self.ui.metadataFileButton.setText(path.rsplit("/", 1)[-1])

    def validate(self) -> str | None:
        kind = self.ui.typeCombo.currentText()
        name = self.ui.nameEdit.text().strip()
        if not (1 <= len(name) <= 32) or name.startswith("_") or any(c.isspace() for c in name):
            return "Provider names have 1 to 32 characters, no spaces, and do not start with _."
        if kind == "OIDC":
            if not self.ui.clientIdEdit.text().strip():
                return "OIDC providers need a client ID."
            issuer = self.ui.issuerEdit.text().strip()
            if not valid_url(issuer, allow_http_localhost=True):
                return "The issuer URL must be an https URL."
            if "openid" not in self.ui.scopesEdit.text().split():
                return "OIDC authorized scopes must include openid."
        elif kind == "SAML":
            url = self.ui.metadataUrlEdit.text().strip()
            if not url and not self.metadata_file and not (self.idp and self.idp.details.get("MetadataFile")):
                return "SAML providers need a metadata document URL or file."
            if url and not valid_url(url):
                return "The metadata document URL must be an https URL."
            if not url and self.metadata_file:
                # Read here so that a file we cannot read is said in the dialog, which stays open.
                try:
                    with open(self.metadata_file, encoding="utf-8") as f:
                        text = f.read(METADATA_FILE_MAX + 1)
                except (OSError, UnicodeDecodeError) as exc:
                    return f"Cannot read the metadata file {self.metadata_file} as UTF-8 text: {exc}"
                if len(text) > METADATA_FILE_MAX:
                    self.metadata_text = None
                    return (
                        f"The metadata file {self.metadata_file} is longer than {METADATA_FILE_MAX:,} characters, "
                        "the most Amazon Cognito accepts: give its metadata document URL instead."
                    )
                self.metadata_text = text
        elif not self.ui.clientIdEdit.text().strip():
            return f"{kind} needs a client ID."
        for key, value in self.mapping.rows():
            if not key or not value:
                return "Every attribute mapping needs both a user pool attribute and a provider attribute."
            if not ATTRIBUTE_NAME.match(key):
                return f"Invalid user pool attribute name: {key}"
        if len(lines(self.ui.identifiersEdit.text())) > 50:
            return "A provider has at most 50 identifiers."
        return None

    def details(self) -> dict[str, str]:
        kind = self.ui.typeCombo.currentText()
        u = self.ui
        if kind == "SAML":
            d: dict[str, str] = {}
            if u.metadataUrlEdit.text().strip():
                d["MetadataURL"] = u.metadataUrlEdit.text().strip()
            elif self.metadata_file and self.metadata_text is not None:
                d["MetadataFile"] = self.metadata_text
            elif self.idp:
                d["MetadataFile"] = self.idp.details.get("MetadataFile", "")
            return d
        d = {"client_id": u.clientIdEdit.text().strip(), "authorize_scopes": u.scopesEdit.text().strip()}
        if kind == "OIDC":
            d.update(
                client_secret=u.clientSecretEdit.text(),
                oidc_issuer=u.issuerEdit.text().strip(),
                attributes_request_method=u.methodCombo.currentText(),
            )
        elif kind == "SignInWithApple":
            d.update(team_id=u.teamEdit.text().strip(), key_id=u.keyIdEdit.text().strip())
            if u.privateKeyEdit.toPlainText().strip():
                d["private_key"] = u.privateKeyEdit.toPlainText().strip()
        else:
            d["client_secret"] = u.clientSecretEdit.text()
        return {k: v for k, v in d.items() if v != ""}

    def value(self, pool_id: str) -> IdentityProvider:
        return IdentityProvider(
            name=self.ui.nameEdit.text().strip(),
            type=self.ui.typeCombo.currentText(),
            pool_id=pool_id,
            details=self.details(),
            attribute_mapping=self.mapping.mapping(),
            identifiers=tuple(lines(self.ui.identifiersEdit.text())),
        )


# --- connections --------------------------------------------------------------------------------------
KINDS = [ConnectionKind.LOCAL, ConnectionKind.PROFILE, ConnectionKind.KEYS]


DEFAULT_REGION = "us-east-1"
# Region names as AWS forms them (us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1): one that botocore does
# not list yet can still be typed.
REGION = re.compile(r"^[a-z]{2,4}(-[a-z]+)+-\d+$")


class ConnectionDialog(FormDialog):
    """Choose, add or remove a connection. The regions and AWS profiles it offers come from the service layer
    (botocore's endpoint data and ~/.aws), given by whoever opens it."""

    def __init__(
        self,
        connections: list[Connection],
        current: Connection,
        keyring_persistent: bool,
        regions: Sequence[str],
        profiles: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ConnectionDialog()
        self.ui.setupUi(self)
        self._wire()
        self.connections = connections
        self.removed: list[str] = []
        self.ui.savedCombo.addItem("New connection…", None)
        for c in connections:
            self.ui.savedCombo.addItem(c.name, c.name)
        self.ui.regionCombo.addItems(list(regions))
        self.ui.profileCombo.addItems(list(profiles))
        self.ui.secretHint.setText(
            "The secret access key is stored in your system keyring, never in settings files."
            if keyring_persistent
            else "No keyring backend: the secret access key is kept for this session only."
        )
        self.ui.kindCombo.currentIndexChanged.connect(self._kind_changed)
        self.ui.savedCombo.currentIndexChanged.connect(self._saved_changed)
        self.ui.removeButton.clicked.connect(self._remove)
        self.ui.savedCombo.setCurrentIndex(max(0, self.ui.savedCombo.findData(current.name)))
        self._saved_changed()

    def _saved_changed(self, *_: Any) -> None:
        name = self.ui.savedCombo.currentData()
        c = next((c for c in self.connections if c.name == name), None)
        self.ui.removeButton.setEnabled(c is not None and c.kind is not ConnectionKind.LOCAL)
        if c is None:
            self.ui.nameEdit.setText("")
            self.ui.regionCombo.setCurrentText(DEFAULT_REGION)
            self.ui.kindCombo.setCurrentIndex(1)
            self._kind_changed(1)
            return
        self.ui.nameEdit.setText(c.name)
        self.ui.kindCombo.setCurrentIndex(KINDS.index(c.kind))
        self.ui.portSpin.setValue(c.port)
        self.ui.profileCombo.setCurrentText(c.profile or "default")
        self.ui.regionCombo.setCurrentText(c.region)
        self.ui.accessKeyEdit.setText(c.access_key_id or "")
        self.ui.secretKeyEdit.clear()
        self.ui.secretKeyEdit.setPlaceholderText("(stored; type to replace)" if c.kind is ConnectionKind.KEYS else "")
        self._kind_changed(KINDS.index(c.kind))

    def _kind_changed(self, index: int) -> None:
        kind = KINDS[index]
        visible = {
            "portSpin": kind is ConnectionKind.LOCAL,
            "profileCombo": kind is ConnectionKind.PROFILE,
            "regionCombo": kind is not ConnectionKind.LOCAL,
            "accessKeyEdit": kind is ConnectionKind.KEYS,
            "secretKeyEdit": kind is ConnectionKind.KEYS,
            "secretHint": kind is ConnectionKind.KEYS,
        }
        for name, show in visible.items():
            getattr(self.ui, name).setVisible(show)
            label = getattr(self.ui, name + "Label", None)
            if label is not None:
                label.setVisible(show)

    def _remove(self) -> None:
        name = self.ui.savedCombo.currentData()
        if name:
            self.removed.append(name)
            self.connections = [c for c in self.connections if c.name != name]
            self.ui.savedCombo.removeItem(self.ui.savedCombo.currentIndex())

    def validate(self) -> str | None:
        name = self.ui.nameEdit.text().strip()
        if not name:
            return "Name the connection."
        kind = KINDS[self.ui.kindCombo.currentIndex()]
        region = self.ui.regionCombo.currentText().strip()
        if kind is not ConnectionKind.LOCAL and not REGION.match(region):
            return "Choose an AWS region such as us-east-1."
        if kind is ConnectionKind.KEYS:
            if not re.match(r"^(AKIA|ASIA)[A-Z0-9]{12,}$", self.ui.accessKeyEdit.text().strip()):
                return "Access key IDs start with AKIA or ASIA followed by letters and digits."
            existing = next((c for c in self.connections if c.name == name), None)
            if not self.ui.secretKeyEdit.text() and not (existing and existing.kind is ConnectionKind.KEYS):
                return "Type the secret access key."
        return None

    def value(self) -> tuple[Connection, str | None]:
        kind = KINDS[self.ui.kindCombo.currentIndex()]
        conn = Connection(
            name=self.ui.nameEdit.text().strip(),
            kind=kind,
            region=DEFAULT_REGION if kind is ConnectionKind.LOCAL else self.ui.regionCombo.currentText().strip(),
            profile=self.ui.profileCombo.currentText().strip() if kind is ConnectionKind.PROFILE else None,
            access_key_id=self.ui.accessKeyEdit.text().strip() if kind is ConnectionKind.KEYS else None,
            port=self.ui.portSpin.value(),
        )
        return conn, (self.ui.secretKeyEdit.text() or None) if kind is ConnectionKind.KEYS else None
