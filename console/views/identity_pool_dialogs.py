"""The identity pool dialogs: the pool's configuration, its roles and role mappings, a role's policies, and the
role and policy simulator."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget
from qasync import asyncSlot

from console.services import policies, role_resolution
from console.services.errors import ServiceError
from console.services.protocol import (
    MATCH_TYPES,
    CognitoProviderRef,
    IamRole,
    IdentityPool,
    IdentityPoolRoles,
    MappingRule,
    RoleMapping,
)

from ._generated.ui_identity_pool_dialog import Ui_IdentityPoolDialog
from ._generated.ui_identity_pool_roles_dialog import Ui_IdentityPoolRolesDialog
from ._generated.ui_role_policy_dialog import Ui_RolePolicyDialog
from ._generated.ui_role_simulator_dialog import Ui_RoleSimulatorDialog
from .base import document, section
from .dialogs import ROLE_ARN, FormDialog, key_values, lines

# IdentityPoolName's pattern in the cognito-identity model; DeveloperProviderName's.
IDENTITY_POOL_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
DEVELOPER_PROVIDER = re.compile(r"^[\w._-]{1,128}$")
USER_POOL_ID = re.compile(r"^[\w-]+_[0-9a-zA-Z]+$")
CLIENT_ID = re.compile(r"^[\w]{1,128}$")
OIDC_ARN = re.compile(r"^arn:[\w+=/,.@-]+:iam::\d{12}:oidc-provider/\S+$")
SAML_ARN = re.compile(r"^arn:[\w+=/,.@-]+:iam::\d{12}:saml-provider/[\w+=,.@-]+$")
RULES_MAX = 25  # MappingRulesConfiguration's Rules: at most 25


def provider_name(region: str, user_pool_id: str) -> str:
    """CognitoIdentityProvider's ProviderName for a user pool, in AWS's form."""
    return f"cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def _stretch(table: QTableWidget) -> None:
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


class IdentityPoolDialog(FormDialog):
    """Create or edit an identity pool: guest access, the basic flow, and the providers whose users it trusts."""

    def __init__(
        self, parent: QWidget | None = None, pool: IdentityPool | None = None, region: str = "us-east-1"
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IdentityPoolDialog()
        self.ui.setupUi(self)
        self._wire()
        self.pool = pool
        self.region = region
        _stretch(self.ui.cognitoTable)
        self.ui.addCognitoButton.clicked.connect(lambda: self.add_cognito_provider())
        self.ui.removeCognitoButton.clicked.connect(self._remove_selected)
        if pool is None:
            self.setWindowTitle("Create identity pool")
            return
        self.setWindowTitle(f"Edit identity pool {pool.name}")
        self.ui.nameEdit.setText(pool.name)
        self.ui.guestCheck.setChecked(pool.allow_unauthenticated)
        self.ui.classicCheck.setChecked(pool.allow_classic_flow)
        self.ui.developerEdit.setText(pool.developer_provider)
        self.ui.developerEdit.setReadOnly(bool(pool.developer_provider))  # AWS: it cannot change once set
        self.ui.loginProvidersEdit.setPlainText("\n".join(f"{k} = {v}" for k, v in pool.login_providers.items()))
        self.ui.openIdEdit.setPlainText("\n".join(pool.openid_providers))
        self.ui.samlEdit.setPlainText("\n".join(pool.saml_providers))
        for ref in pool.cognito_providers:
            self.add_cognito_provider(ref.user_pool_id, ref.client_id, ref.server_side_token_check, ref.provider_name)

    def add_cognito_provider(
        self, user_pool_id: str = "", client_id: str = "", check: bool = False, name: str = ""
    ) -> None:
        table = self.ui.cognitoTable
        row = table.rowCount()
        table.insertRow(row)
        pool_item = QTableWidgetItem(user_pool_id)
        pool_item.setData(0x0100, name)  # Qt.UserRole: the provider name as AWS gave it (another region's form)
        table.setItem(row, 0, pool_item)
        table.setItem(row, 1, QTableWidgetItem(client_id))
        box = QCheckBox(table)
        box.setChecked(check)
        box.setAccessibleName("Server-side token check")
        table.setCellWidget(row, 2, box)
        if not user_pool_id:
            table.setCurrentCell(row, 0)
            table.editItem(table.item(row, 0))

    def _remove_selected(self) -> None:
        table = self.ui.cognitoTable
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    def cognito_providers(self) -> list[CognitoProviderRef]:
        table = self.ui.cognitoTable
        refs = []
        for row in range(table.rowCount()):
            pool_id, client_id = _text(table, row, 0), _text(table, row, 1)
            if not pool_id and not client_id:
                continue
            item = table.item(row, 0)
            given = item.data(0x0100) if item is not None else ""
            name = given if given and given.endswith("/" + pool_id) else provider_name(self.region, pool_id)
            box = table.cellWidget(row, 2)
            refs.append(CognitoProviderRef(name, client_id, isinstance(box, QCheckBox) and box.isChecked()))
        return refs

    def validate(self) -> str | None:
        if not IDENTITY_POOL_NAME.match(self.ui.nameEdit.text().strip()):
            return "Identity pool names have 1 to 128 letters, digits, spaces and + = , . @ -"
        developer = self.ui.developerEdit.text().strip()
        if developer and not DEVELOPER_PROVIDER.match(developer):
            return "The developer provider name has 1 to 128 letters, digits, dots, underscores and hyphens."
        try:
            key_values(self.ui.loginProvidersEdit.toPlainText())
        except ValueError as exc:
            return f"Social providers, one per line as provider = app ID. {exc}"
        for arn in lines(self.ui.openIdEdit.toPlainText()):
            if not OIDC_ARN.match(arn):
                return f"Not an IAM OpenID Connect provider ARN: {arn}"
        for arn in lines(self.ui.samlEdit.toPlainText()):
            if not SAML_ARN.match(arn):
                return f"Not an IAM SAML provider ARN: {arn}"
        table = self.ui.cognitoTable
        for row in range(table.rowCount()):
            pool_id, client_id = _text(table, row, 0), _text(table, row, 1)
            if not pool_id and not client_id:
                continue
            if not USER_POOL_ID.match(pool_id):
                return f"Row {row + 1}: {pool_id or 'the user pool ID'} is not a user pool ID (us-east-1_AbC123)."
            if not CLIENT_ID.match(client_id):
                return f"Row {row + 1}: the app client ID has letters, digits and underscores only."
        return None

    def value(self) -> IdentityPool:
        base = self.pool or IdentityPool(id="", name="")
        return replace(
            base,
            name=self.ui.nameEdit.text().strip(),
            allow_unauthenticated=self.ui.guestCheck.isChecked(),
            allow_classic_flow=self.ui.classicCheck.isChecked(),
            cognito_providers=tuple(self.cognito_providers()),
            login_providers=key_values(self.ui.loginProvidersEdit.toPlainText()),
            developer_provider=self.ui.developerEdit.text().strip(),
            openid_providers=tuple(lines(self.ui.openIdEdit.toPlainText())),
            saml_providers=tuple(lines(self.ui.samlEdit.toPlainText())),
        )


MAPPING_TYPES = ["", "Token", "Rules"]  # the order of mappingCombo
AMBIGUOUS = ["AuthenticatedRole", "Deny"]  # the order of ambiguousCombo
MATCH_ORDER = list(MATCH_TYPES)


def mapping_keys(pool: IdentityPool) -> list[str]:
    """The providers a role mapping can be keyed by: RoleMappings' keys are the Logins keys, and a user pool's
    is its provider name and app client ID joined by a colon."""
    keys = [f"{ref.provider_name}:{ref.client_id}" for ref in pool.cognito_providers]
    keys += list(pool.login_providers)
    keys += [arn.split(":oidc-provider/", 1)[-1] for arn in pool.openid_providers]
    keys += list(pool.saml_providers)
    return keys


class IdentityPoolRolesDialog(FormDialog):
    """The default roles and, per identity provider, how its users get a role: from their token or by rules
    (first match wins), and what happens when neither decides."""

    def __init__(
        self,
        parent: QWidget | None,
        pool: IdentityPool,
        roles: IdentityPoolRoles,
        role_arns: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IdentityPoolRolesDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Roles of {pool.name}")
        self.pool = pool
        self.roles = roles
        self.mappings: dict[str, RoleMapping] = {m.provider: m for m in roles.mappings}
        self.role_arns = list(dict.fromkeys([*role_arns, roles.authenticated, roles.unauthenticated]))
        for combo, current in (
            (self.ui.authRoleCombo, roles.authenticated),
            (self.ui.guestRoleCombo, roles.unauthenticated),
        ):
            combo.addItem("")
            combo.addItems([a for a in self.role_arns if a])
            combo.setCurrentText(current)
        self.ui.guestRoleCombo.setEnabled(pool.allow_unauthenticated or bool(roles.unauthenticated))
        _stretch(self.ui.rulesTable)
        self.current_provider = ""
        providers = list(dict.fromkeys([*mapping_keys(pool), *self.mappings]))
        self.ui.providerCombo.addItems(providers)
        self.ui.providerCombo.setEnabled(bool(providers))
        self.ui.providerCombo.currentTextChanged.connect(self._switch_provider)
        self.ui.mappingCombo.currentIndexChanged.connect(self._mapping_type_changed)
        self.ui.addRuleButton.clicked.connect(lambda: self.add_rule())
        self.ui.removeRuleButton.clicked.connect(self._remove_rule)
        self.ui.upRuleButton.clicked.connect(lambda: self._move_rule(-1))
        self.ui.downRuleButton.clicked.connect(lambda: self._move_rule(1))
        self._switch_provider(self.ui.providerCombo.currentText())

    # --- one provider's mapping at a time: kept in self.mappings while another is on show ----------------
    def _switch_provider(self, provider: str) -> None:
        if self.current_provider:
            self.mappings.pop(self.current_provider, None)
            shown = self.shown_mapping()
            if shown is not None:
                self.mappings[self.current_provider] = shown
        self.current_provider = provider
        mapping = self.mappings.get(provider)
        self.ui.rulesTable.setRowCount(0)
        self.ui.mappingCombo.setCurrentIndex(MAPPING_TYPES.index(mapping.type) if mapping else 0)
        self.ui.ambiguousCombo.setCurrentIndex(AMBIGUOUS.index(mapping.ambiguous) if mapping else 0)
        for rule in mapping.rules if mapping else ():
            self.add_rule(rule)
        self._mapping_type_changed()

    def _mapping_type_changed(self, *_: Any) -> None:
        kind = MAPPING_TYPES[self.ui.mappingCombo.currentIndex()]
        rules = kind == "Rules"
        for widget in (self.ui.rulesTable, self.ui.addRuleButton, self.ui.removeRuleButton, self.ui.upRuleButton,
                       self.ui.downRuleButton):  # fmt: skip
            widget.setVisible(rules)
        self.ui.ambiguousCombo.setEnabled(bool(kind))
        self.ui.mappingNote.setText(
            {
                "": "Users of this provider get the default authenticated role.",
                "Token": "The role comes from the user's token: cognito:preferred_role, else the only one in "
                "cognito:roles (the user pool groups' roles).",
                "Rules": "The first rule whose claim matches chooses the role; rules are tried in order.",
            }[kind]
        )

    def add_rule(self, rule: MappingRule | None = None) -> None:
        table = self.ui.rulesTable
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(rule.claim if rule else ""))
        match = QComboBox(table)
        match.setAccessibleName("Match type")
        match.addItems([MATCH_TYPES[m] for m in MATCH_ORDER])
        match.setCurrentIndex(MATCH_ORDER.index(rule.match_type) if rule and rule.match_type in MATCH_ORDER else 0)
        table.setCellWidget(row, 1, match)
        table.setItem(row, 2, QTableWidgetItem(rule.value if rule else ""))
        role = QComboBox(table)
        role.setEditable(True)
        role.setAccessibleName("Role ARN")
        role.addItems([a for a in self.role_arns if a])
        role.setCurrentText(rule.role_arn if rule else "")
        table.setCellWidget(row, 3, role)
        if rule is None:
            table.setCurrentCell(row, 0)
            table.editItem(table.item(row, 0))

    def _remove_rule(self) -> None:
        table = self.ui.rulesTable
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    def _move_rule(self, step: int) -> None:
        table = self.ui.rulesTable
        row = table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < table.rowCount():
            return
        rules = self.shown_rules()
        rules[row], rules[target] = rules[target], rules[row]
        table.setRowCount(0)
        for rule in rules:
            self.add_rule(rule)
        table.setCurrentCell(target, 0)

    def shown_rules(self) -> list[MappingRule]:
        table = self.ui.rulesTable
        rules = []
        for row in range(table.rowCount()):
            match = table.cellWidget(row, 1)
            role = table.cellWidget(row, 3)
            rules.append(
                MappingRule(
                    claim=_text(table, row, 0),
                    match_type=MATCH_ORDER[match.currentIndex()] if isinstance(match, QComboBox) else "Equals",
                    value=_text(table, row, 2),
                    role_arn=role.currentText().strip() if isinstance(role, QComboBox) else "",
                )
            )
        return rules

    def shown_mapping(self) -> RoleMapping | None:
        kind = MAPPING_TYPES[self.ui.mappingCombo.currentIndex()]
        if not kind or not self.current_provider:
            return None
        return RoleMapping(
            provider=self.current_provider,
            type=kind,
            ambiguous=AMBIGUOUS[self.ui.ambiguousCombo.currentIndex()],
            rules=tuple(self.shown_rules()) if kind == "Rules" else (),
        )

    def all_mappings(self) -> list[RoleMapping]:
        found = {k: v for k, v in self.mappings.items() if k != self.current_provider}
        shown = self.shown_mapping()
        if shown is not None:
            found[shown.provider] = shown
        return list(found.values())

    def validate(self) -> str | None:
        for label, combo in (("authenticated", self.ui.authRoleCombo), ("guest", self.ui.guestRoleCombo)):
            arn = combo.currentText().strip()
            if arn and not ROLE_ARN.match(arn):
                return f"The {label} role is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)."
        for mapping in self.all_mappings():
            if mapping.type != "Rules":
                continue
            if not mapping.rules:
                return f"{mapping.provider}: choosing a role with rules needs at least one rule."
            if len(mapping.rules) > RULES_MAX:
                return f"{mapping.provider}: at most {RULES_MAX} rules."
            for number, rule in enumerate(mapping.rules, 1):
                if not rule.claim or not rule.value:
                    return f"{mapping.provider}, rule {number}: a rule needs a claim and a value to match."
                if not ROLE_ARN.match(rule.role_arn):
                    return f"{mapping.provider}, rule {number}: the role is not an IAM role ARN."
        return None

    def value(self) -> IdentityPoolRoles:
        return IdentityPoolRoles(
            pool_id=self.roles.pool_id,
            authenticated=self.ui.authRoleCombo.currentText().strip(),
            unauthenticated=self.ui.guestRoleCombo.currentText().strip(),
            mappings=tuple(self.all_mappings()),
        )


TRUST = "Trust policy"
# What a new inline policy starts from: Cognito Sync for the identity, as the Developer Guide's example role.
NEW_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["cognito-sync:*"], "Resource": ["*"]}],
}


class RolePolicyDialog(FormDialog):
    """A role's trust policy and inline permission policies as JSON, checked as it is typed; a new inline
    policy is added under a name of its own. Managed policies are listed, not edited here."""

    def __init__(self, parent: QWidget | None, role: IamRole, identity_pool_id: str = "", authenticated: bool = True):
        super().__init__(parent)
        self.ui = Ui_RolePolicyDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Policies of {role.name}")
        self.role = role
        self.identity_pool_id = identity_pool_id
        self.authenticated = authenticated
        attached = ", ".join(name for name, _ in role.attached_policies) or "none"
        self.ui.roleLabel.setText(f"{role.arn}\nManaged policies attached: {attached}")
        self.drafts: dict[str, str] = {TRUST: pretty(role.trust_policy)}
        self.drafts.update({name: pretty(doc) for name, doc in role.inline_policies.items()})
        self.ui.documentCombo.addItems([*self.drafts, "New inline policy…"])
        self.current = TRUST
        self.ui.policyNameEdit.hide()
        self.ui.policyEdit.setPlainText(self.drafts[TRUST])
        self.ui.documentCombo.currentTextChanged.connect(self._switch)
        self.ui.policyEdit.textChanged.connect(self._check)
        self._check()

    def _switch(self, name: str) -> None:
        self.drafts[self.current] = self.ui.policyEdit.toPlainText()
        new = name not in self.drafts
        self.ui.policyNameEdit.setVisible(new)
        self.current = "" if new else name
        self.ui.policyEdit.setPlainText(self.drafts.get(name) or pretty(NEW_POLICY))

    def _check(self) -> None:
        problem = self.problem(self.current or "new", self.ui.policyEdit.toPlainText())
        self.ui.checkLabel.setText(f"⚠ {problem}" if problem else "✓ A valid policy document.")

    def problem(self, name: str, text: str) -> str | None:
        trust = name == TRUST
        try:
            document = policies.parse(text, trust=trust)
        except policies.PolicyProblem as exc:
            return str(exc)
        if trust and self.identity_pool_id:
            return policies.trusts_cognito(document, self.identity_pool_id, self.authenticated)
        return None

    def validate(self) -> str | None:
        self.drafts[self.current] = self.ui.policyEdit.toPlainText()
        if not self.current:
            name = self.ui.policyNameEdit.text().strip()
            if not re.fullmatch(r"[\w+=,.@-]{1,128}", name):
                return "A new inline policy needs a name: 1 to 128 letters, digits and + = , . @ - _"
            self.drafts[name] = self.drafts.pop("")
            self.current = name
        for name, text in self.drafts.items():
            try:
                policies.parse(text, trust=name == TRUST)
            except policies.PolicyProblem as exc:
                return f"{name}: {exc}"
        return None

    def changed(self) -> dict[str, dict[str, Any]]:
        """The documents that differ from the role's, by name (TRUST for the trust policy)."""
        out: dict[str, dict[str, Any]] = {}
        for name, text in self.drafts.items():
            document = json.loads(text)
            before = self.role.trust_policy if name == TRUST else self.role.inline_policies.get(name)
            if document != before:
                out[name] = document
        return out


def pretty(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2)


class RoleSimulatorDialog(QDialog):
    """Pick a user (or paste an ID token, or be a guest): which role the identity pool gives them and why, and
    what IAM's policy simulator says of an action on a resource, policy variables substituted."""

    SOURCES = ("user", "token", "guest")

    def __init__(self, parent: QWidget | None, ctx: Any, pool: IdentityPool, roles: IdentityPoolRoles, region: str):
        super().__init__(parent)
        self.ui = Ui_RoleSimulatorDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(f"Simulate {pool.name}")
        self.ctx = ctx
        self.pool = pool
        self.roles = roles
        self.region = region
        self.outcome: str = ""  # the last result, as the pane shows it
        for ref in pool.cognito_providers:
            self.ui.providerCombo.addItem(f"{ref.user_pool_id} · app client {ref.client_id}", ref)
        self.ui.actionEdit.setText("cognito-sync:ListRecords")
        self.ui.resourceEdit.setText(
            f"arn:aws:cognito-sync:{region}:*:identitypool/{pool.id}/identity/${{cognito-identity.amazonaws.com:sub}}/*"
        )
        self.ui.resourceEdit.setCursorPosition(0)  # the ARN read from its start, not scrolled to its end
        self.ui.sourceCombo.currentIndexChanged.connect(self._source_changed)
        self.ui.simulateButton.clicked.connect(self.on_simulate_clicked)
        self.ui.buttons.rejected.connect(self.reject)
        self._source_changed()

    def source(self) -> str:
        return self.SOURCES[self.ui.sourceCombo.currentIndex()]

    def _source_changed(self, *_: Any) -> None:
        source = self.source()
        for name, shown in (
            ("providerCombo", source == "user"),
            ("usernameEdit", source == "user"),
            ("tokenEdit", source == "token"),
        ):
            getattr(self.ui, name).setVisible(shown)
            getattr(self.ui, name + "Label").setVisible(shown)

    @asyncSlot()
    async def on_simulate_clicked(self) -> None:
        self.ui.simulateButton.setEnabled(False)
        try:
            await self.simulate()
        finally:
            self.ui.simulateButton.setEnabled(True)

    async def simulate(self) -> None:
        """Resolve the role and run the policy simulator; the outcome goes to the pane, a refusal under it."""
        self.ui.errorLabel.setText("")
        action = self.ui.actionEdit.text().strip()
        if ":" not in action:
            self.ui.errorLabel.setText("The action is service:Operation, like s3:GetObject.")
            return
        try:
            choice, claims, authenticated = await self.choose_role()
        except (ValueError, ServiceError) as exc:
            self.ui.errorLabel.setText(str(exc))
            return
        identity_id = f"{self.region}:{claims.get('sub') or '00000000-0000-0000-0000-000000000000'}"
        context = role_resolution.cognito_context(self.pool.id, identity_id, authenticated)
        resource = substitute(self.ui.resourceEdit.text().strip() or "*", context)
        parts = [
            section(
                "Role", [("Role", choice.role_arn or "None: no credentials"), *[("Why", r) for r in choice.reasons]]
            )
        ]
        parts.append(section("Condition keys (policy variables)", {k: ", ".join(v) for k, v in context.items()}))
        if not choice.denied:
            try:
                simulation = await self.ctx.require().simulate_role_policy(choice.role_arn, action, resource, context)
            except ServiceError as exc:
                self.ui.errorLabel.setText(f"{exc.code}: {exc.message}")
                return
            decision = {"allowed": "Allowed", "explicitDeny": "Denied by a Deny statement"}.get(
                simulation.decision, "Denied: no statement allows it"
            )
            rows = [("Action", action), ("Resource", resource), ("Decision", decision)]
            rows += [("Decided by", statement) for statement in simulation.statements]
            rows += [("Missing condition key", key) for key in simulation.missing_context]
            parts.append(section("Policy simulator", rows))
        self.outcome = document(
            f"{self.source_label()} gets {choice.role_arn.rsplit('/', 1)[-1] if choice.role_arn else 'no role'}",
            f"Identity ID (simulated): {identity_id}",
            *parts,
        )
        self.ui.resultText.setHtml(self.outcome)

    def source_label(self) -> str:
        source = self.source()
        if source == "guest":
            return "A guest"
        if source == "token":
            return "The token's user"
        return self.ui.usernameEdit.text().strip() or "The user"

    async def choose_role(self) -> tuple[role_resolution.RoleChoice, dict[str, Any], bool]:
        source = self.source()
        if source == "guest":
            if not self.pool.allow_unauthenticated:
                return role_resolution.RoleChoice("", ("Guest access is off for this identity pool.",)), {}, False
            role = self.roles.unauthenticated
            reason = "Guests get the pool's guest role." if role else "The pool has no guest role: no credentials."
            return role_resolution.RoleChoice(role, (reason,)), {}, False
        if source == "token":
            claims = role_resolution.token_claims(self.ui.tokenEdit.toPlainText())
            provider = role_resolution.provider_key(claims)
        else:
            ref = self.ui.providerCombo.currentData()
            username = self.ui.usernameEdit.text().strip()
            if not isinstance(ref, CognitoProviderRef):
                raise ValueError("The identity pool trusts no user pool app client: add one, or paste a token.")
            if not username:
                raise ValueError("Type the user's username.")
            claims = await self.ctx.require().user_token_claims(ref.user_pool_id, username)
            claims["aud"] = ref.client_id
            provider = f"{ref.provider_name}:{ref.client_id}"
        return role_resolution.resolve_role(self.roles, provider, claims), claims, True


def substitute(text: str, context: Mapping[str, Sequence[str]]) -> str:
    """``${key}`` policy variables in ``text`` replaced by the context's (first) value, as IAM substitutes them."""
    for key, values in context.items():
        if values:
            text = text.replace("${" + key + "}", values[0])
    return text
