"""A user pool's domains: create a Cognito (prefix) or custom domain, switch between the classic hosted UI and
managed login (UpdateUserPoolDomain), delete."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from console.services.protocol import Domain

from ._generated.ui_domain_dialog import Ui_DomainDialog
from .dialogs import FormDialog

PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")  # DomainType in the service model
FQDN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Custom domains need an ACM certificate in us-east-1 (CloudFront's region).
CERTIFICATE_ARN = re.compile(r"^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate/[\w-]+$")
RESERVED = ("aws", "amazon", "cognito")
VERSIONS = (2, 1)  # the version combo's order: managed login first


@dataclass(frozen=True)
class DomainChange:
    """What the dialog asks for: create, update (ManagedLoginVersion, certificate) or delete a domain."""

    action: str  # create | update | delete
    domain: str
    managed_login_version: int = 2
    certificate_arn: str = ""


class DomainDialog(FormDialog):
    def __init__(self, pool_name: str, domains: list[Domain], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DomainDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Domains of {pool_name}")
        self.domains = domains
        self.deleting = False
        for d in domains:
            self.ui.existingCombo.addItem(f"{d.domain} ({'custom' if d.custom else 'prefix'})", d.domain)
        if len({d.custom for d in domains}) < 2:  # a pool has at most one prefix and one custom domain
            self.ui.existingCombo.addItem("New domain…", "")
        self.ui.existingCombo.currentIndexChanged.connect(self._existing_changed)
        self.ui.kindCombo.currentIndexChanged.connect(self._kind_changed)
        self.ui.deleteButton.clicked.connect(self._on_delete)
        self._existing_changed()

    def current(self) -> Domain | None:
        name = self.ui.existingCombo.currentData()
        return next((d for d in self.domains if d.domain == name), None)

    def _existing_changed(self, *_: Any) -> None:
        d = self.current()
        self.ui.deleteButton.setEnabled(d is not None)
        self.ui.domainEdit.setReadOnly(d is not None)
        self.ui.kindCombo.setEnabled(d is None)
        if d is None:
            taken = {x.custom for x in self.domains}
            self.ui.kindCombo.setCurrentIndex(1 if False in taken else 0)
            self.ui.domainEdit.clear()
            self.ui.certificateEdit.clear()
            self.ui.versionCombo.setCurrentIndex(0)
        else:
            self.ui.kindCombo.setCurrentIndex(1 if d.custom else 0)
            self.ui.domainEdit.setText(d.domain)
            self.ui.certificateEdit.setText(d.certificate_arn)
            self.ui.versionCombo.setCurrentIndex(
                VERSIONS.index(d.managed_login_version) if d.managed_login_version in VERSIONS else 0
            )
        self._kind_changed()

    def _kind_changed(self, *_: Any) -> None:
        custom = self.ui.kindCombo.currentIndex() == 1
        for w in (self.ui.certificateEdit, self.ui.certificateEditLabel):
            w.setVisible(custom)
        self.ui.domainEdit.setPlaceholderText("auth.example.com" if custom else "my-app")
        self.ui.hintLabel.setText(
            "A custom domain is a fully qualified name you own, with an ACM certificate in us-east-1; point its "
            "DNS at the CloudFront distribution AWS gives."
            if custom
            else "A prefix of 1 to 63 lower-case letters, numbers and hyphens: "
            "https://<prefix>.auth.<region>.amazoncognito.com."
        )

    def _on_delete(self) -> None:
        self.deleting = True
        self.accept()

    def validate(self) -> str | None:
        self.deleting = False
        existing = self.current()
        custom = existing.custom if existing is not None else self.ui.kindCombo.currentIndex() == 1
        name = self.ui.domainEdit.text().strip()
        if custom:
            if not FQDN.match(name):
                return "A custom domain is a fully qualified domain name such as auth.example.com."
            if not CERTIFICATE_ARN.match(self.ui.certificateEdit.text().strip()):
                return (
                    "A custom domain needs an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:…:certificate/…)."
                )
        else:
            if not PREFIX.match(name):
                return "A domain prefix has 1 to 63 lower-case letters, numbers and hyphens, not at either end."
            word = next((w for w in RESERVED if w in name), None)
            if word:
                return f"Domain cannot contain reserved word: {word}"
        return None

    def change(self) -> DomainChange:
        existing = self.current()
        version = VERSIONS[self.ui.versionCombo.currentIndex()]
        if existing is not None and self.deleting:
            return DomainChange("delete", existing.domain)
        custom = existing.custom if existing is not None else self.ui.kindCombo.currentIndex() == 1
        certificate = self.ui.certificateEdit.text().strip() if custom else ""
        if existing is not None:
            if existing.custom and certificate == existing.certificate_arn:
                certificate = ""
            return DomainChange("update", existing.domain, version, certificate)
        return DomainChange("create", self.ui.domainEdit.text().strip(), version, certificate)
