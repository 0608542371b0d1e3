"""The identity pools view against a real local Cognito: the list, create, edit and delete, the roles and
their role mappings, and a role's policies edited as JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox

from console.services import policies
from console.services.protocol import CognitoProviderRef, IdentityPool, IdentityPoolRoles, MappingRule, RoleMapping
from tests.conftest import make_client, unique


@pytest.fixture
def view(qtbot: Any, aloop: Any, ctx: Any) -> Any:
    from console.views.identity_pools import IdentityPoolsView

    widget = IdentityPoolsView(ctx)
    qtbot.addWidget(widget)
    return widget


def details(view: Any) -> str:
    return str(view.ui.details.toPlainText())


def make_role(cognito: Any, pool_id: str, authenticated: bool = True) -> str:
    iam = make_client(cognito.base_url, "iam")
    role = iam.create_role(
        RoleName=unique("role"),
        AssumeRolePolicyDocument=json.dumps(policies.cognito_trust_policy(pool_id, authenticated)),
    )["Role"]
    iam.put_role_policy(
        RoleName=role["RoleName"],
        PolicyName="sync",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cognito-sync:*", "Resource": "*"}]}
        ),
    )
    return str(role["Arn"])


def test_identity_pools_are_created_listed_edited_and_deleted(view: Any, aloop: Any, ctx: Any, demo: Any) -> None:
    name = unique("ip")
    dialog_value = IdentityPool(id="", name=name, allow_unauthenticated=True)
    saved = aloop.run_until_complete(view.save(dialog_value, create=True))
    assert saved.id.startswith("us-east-1:")
    aloop.run_until_complete(view.load())
    assert view.model.row_of(saved.id) >= 0

    from console.views.identity_pool_dialogs import IdentityPoolDialog

    dialog = IdentityPoolDialog(view, saved, "us-east-1")
    dialog.add_cognito_provider(demo["pool_id"], "client1abc", True)
    dialog.ui.classicCheck.setChecked(True)
    dialog.ui.loginProvidersEdit.setPlainText("accounts.google.com = 123.apps.googleusercontent.com")
    assert dialog.validate() is None
    edited = aloop.run_until_complete(view.save(dialog.value(), create=False))
    assert edited.allow_classic_flow and edited.allow_unauthenticated
    assert [r.provider_name for r in edited.cognito_providers] == [
        f"cognito-idp.us-east-1.amazonaws.com/{demo['pool_id']}"
    ]
    assert edited.cognito_providers[0].server_side_token_check
    assert edited.login_providers == {"accounts.google.com": "123.apps.googleusercontent.com"}

    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of(saved.id))))
    shown = details(view)
    assert "Guest access" in shown and "Allowed" in shown
    assert demo["pool_id"] in shown and "server-side token check" in shown

    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of(saved.id))))
    assert view.model.row_of(saved.id) < 0
    aloop.run_until_complete(view.load())
    assert view.model.row_of(saved.id) < 0


@pytest.mark.parametrize(
    ("fill", "said"),
    [
        (lambda d: d.ui.nameEdit.setText(""), "Identity pool names"),
        (lambda d: d.ui.loginProvidersEdit.setPlainText("accounts.google.com"), "provider = app ID"),
        (lambda d: d.ui.openIdEdit.setPlainText("https://issuer.example.com"), "OpenID Connect provider ARN"),
        (lambda d: d.add_cognito_provider("not a pool", "abc"), "is not a user pool ID"),
        (lambda d: d.add_cognito_provider("us-east-1_abc", "bad id!"), "app client ID"),
    ],
)
def test_the_identity_pool_dialog_says_what_aws_would_refuse(qtbot: Any, fill: Any, said: str) -> None:
    from console.views.identity_pool_dialogs import IdentityPoolDialog

    dialog = IdentityPoolDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("ok")
    fill(dialog)
    dialog.ui.buttons.accepted.emit()
    assert said in dialog.ui.errorLabel.text()
    assert dialog.result() == 0  # still open


def test_roles_and_rule_mappings_are_saved_and_shown(view: Any, aloop: Any, cognito: Any, demo: Any) -> None:
    from console.views.identity_pool_dialogs import IdentityPoolRolesDialog

    pool = aloop.run_until_complete(view.save(IdentityPool(id="", name=unique("ip"), allow_unauthenticated=True), True))
    pool = aloop.run_until_complete(
        view.save(
            IdentityPool(
                id=pool.id,
                name=pool.name,
                allow_unauthenticated=True,
                login_providers={"accounts.google.com": "123.apps.googleusercontent.com"},
            ),
            False,
        )
    )
    authenticated, guest, admins = (
        make_role(cognito, pool.id),
        make_role(cognito, pool.id, False),
        make_role(cognito, pool.id),
    )

    roles = IdentityPoolRoles(pool.id, authenticated, guest)
    dialog = IdentityPoolRolesDialog(None, pool, roles, [admins])
    assert dialog.ui.providerCombo.currentText() == "accounts.google.com"
    dialog.ui.mappingCombo.setCurrentIndex(2)  # rules
    dialog.ui.ambiguousCombo.setCurrentIndex(1)  # deny
    dialog.add_rule(MappingRule("hd", "Equals", "example.com", admins))
    assert dialog.validate() is None
    value = dialog.value()
    assert value.mappings == (
        RoleMapping("accounts.google.com", "Rules", "Deny", (MappingRule("hd", "Equals", "example.com", admins),)),
    )
    aloop.run_until_complete(view.save_roles(value))

    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of(pool.id))))
    shown = details(view)
    assert authenticated in shown and guest in shown
    assert f"1. hd equals “example.com” → {admins}" in shown
    assert "No rule matches: deny" in shown
    assert "Trusts this identity pool's authenticated identities" in shown
    assert "Trusts this identity pool's guest identities" in shown
    assert "sync: Allow cognito-sync:* on *" in shown


def test_a_rule_without_a_role_is_refused_in_the_dialog(qtbot: Any) -> None:
    from console.views.identity_pool_dialogs import IdentityPoolRolesDialog

    pool = IdentityPool("us-east-1:x", "p", login_providers={"graph.facebook.com": "1"})
    dialog = IdentityPoolRolesDialog(None, pool, IdentityPoolRoles(pool.id))
    qtbot.addWidget(dialog)
    dialog.ui.mappingCombo.setCurrentIndex(2)
    dialog.add_rule(MappingRule("email", "Contains", "@example.com", ""))
    assert "the role is not an IAM role ARN" in (dialog.validate() or "")


def test_a_roles_trust_policy_is_edited_as_json_and_checked_against_the_pool(
    view: Any, aloop: Any, cognito: Any
) -> None:
    from console.views.identity_pool_dialogs import TRUST, RolePolicyDialog

    pool = aloop.run_until_complete(view.save(IdentityPool(id="", name=unique("ip")), True))
    arn = make_role(cognito, pool.id)
    aloop.run_until_complete(view.save_roles(IdentityPoolRoles(pool.id, arn)))
    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of(pool.id))))
    role = view.role_docs[arn]

    dialog = RolePolicyDialog(None, role, pool.id, authenticated=True)
    assert "A valid policy document" in dialog.ui.checkLabel.text()
    wrong = policies.cognito_trust_policy("us-east-1:another-pool", authenticated=True)
    dialog.ui.policyEdit.setPlainText(json.dumps(wrong))
    assert "does not limit cognito-identity.amazonaws.com:aud" in dialog.ui.checkLabel.text()
    dialog.ui.policyEdit.setPlainText("{ not json")
    assert "Not valid JSON" in dialog.ui.checkLabel.text()
    assert "Trust policy: Not valid JSON" in (dialog.validate() or "")

    dialog.ui.policyEdit.setPlainText(json.dumps(wrong))
    assert dialog.validate() is None  # a warning, not a refusal: the trust may be meant for another pool
    changed = dialog.changed()
    assert list(changed) == [TRUST]
    aloop.run_until_complete(view.save_policies(role, changed))
    assert "does not limit cognito-identity.amazonaws.com:aud" in details(view)
    assert isinstance(view.ui.details, object)
    combo = dialog.ui.documentCombo
    assert isinstance(combo, QComboBox) and combo.findText("sync") >= 0


def test_the_simulator_says_which_role_a_user_gets_and_what_it_may_do(
    view: Any, aloop: Any, cognito: Any, qtbot: Any
) -> None:
    idp, iam = make_client(cognito.base_url), make_client(cognito.base_url, "iam")
    user_pool = idp.create_user_pool(PoolName=unique("sim"))["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=user_pool, ClientName="app")["UserPoolClient"]["ClientId"]
    pool = aloop.run_until_complete(
        view.save(
            IdentityPool(
                id="",
                name=unique("ip"),
                cognito_providers=(CognitoProviderRef(f"cognito-idp.us-east-1.amazonaws.com/{user_pool}", client_id),),
            ),
            True,
        )
    )
    authenticated, admin = make_role(cognito, pool.id), make_role(cognito, pool.id)
    iam.put_role_policy(
        RoleName=admin.rsplit("/", 1)[-1],
        PolicyName="photos",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*",
                    }
                ],
            }
        ),
    )
    idp.create_group(UserPoolId=user_pool, GroupName="admins", RoleArn=admin, Precedence=1)
    for name in ("ann", "bob"):
        idp.admin_create_user(UserPoolId=user_pool, Username=name, MessageAction="SUPPRESS")
    idp.admin_add_user_to_group(UserPoolId=user_pool, Username="ann", GroupName="admins")
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool}:{client_id}"
    aloop.run_until_complete(
        view.save_roles(
            IdentityPoolRoles(pool.id, authenticated, "", (RoleMapping(provider, "Token", "AuthenticatedRole"),))
        )
    )
    aloop.run_until_complete(view.load())
    view.ui.table.selectRow(view.proxy.mapFromSource(view.model.index(view.model.row_of(pool.id), 0)).row())

    dialog = aloop.run_until_complete(view.simulator(view.current()))
    qtbot.addWidget(dialog)
    dialog.ui.usernameEdit.setText("ann")
    dialog.ui.actionEdit.setText("s3:GetObject")
    dialog.ui.resourceEdit.setText("arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/cat.jpg")
    aloop.run_until_complete(dialog.simulate())
    result = dialog.ui.resultText.toPlainText()
    assert admin in result and "cognito:preferred_role" in result
    assert "Allowed" in result and "photos" in result
    ann_sub = idp.admin_get_user(UserPoolId=user_pool, Username="ann")["UserAttributes"]
    sub = next(a["Value"] for a in ann_sub if a["Name"] == "sub")
    assert f"arn:aws:s3:::photos/us-east-1:{sub}/cat.jpg" in result  # the policy variable substituted

    dialog.ui.usernameEdit.setText("bob")
    aloop.run_until_complete(dialog.simulate())
    result = dialog.ui.resultText.toPlainText()
    assert authenticated in result and "default authenticated role" in result
    assert "no statement allows it" in result

    dialog.ui.sourceCombo.setCurrentIndex(2)  # a guest, on a pool without guest access
    aloop.run_until_complete(dialog.simulate())
    assert "Guest access is off" in dialog.ui.resultText.toPlainText()
