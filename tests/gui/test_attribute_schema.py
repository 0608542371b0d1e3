"""The attribute schema dialog against a real local Cognito: standard and custom attributes listed with their
type and limits, AWS's rules for AddCustomAttributes caught before the call, a custom attribute added."""

from __future__ import annotations

from typing import Any

from tests.conftest import unique


def test_schema_listed_and_rules_checked(qtbot: Any, aloop: Any, ctx: Any, demo: dict[str, str]) -> None:
    from console.views.attributes import SchemaDialog

    pool = aloop.run_until_complete(ctx.service.describe_pool(demo["pool_id"]))
    dialog = SchemaDialog(pool.name, pool.schema)
    qtbot.addWidget(dialog)
    names = [dialog.model.item(r, 0).text() for r in range(dialog.model.rowCount())]
    assert "email" in names and "sub" in names
    email = names.index("email")
    assert [dialog.model.item(email, c).text() for c in range(5)] == ["email", "String", "No", "Yes", "No"]
    dialog.ui.nameEdit.setText("a" * 21)
    assert "1 to 20" in (dialog.validate() or "")
    dialog.ui.nameEdit.setText("plan")
    dialog.ui.maxEdit.setText("3000")
    assert "2,048" in (dialog.validate() or "")
    dialog.ui.typeCombo.setCurrentText("Number")
    dialog.ui.minEdit.setText("10")
    dialog.ui.maxEdit.setText("5")
    assert "more than" in (dialog.validate() or "")
    dialog.ui.minEdit.setText("1")
    assert dialog.validate() is None
    assert dialog.attribute() == {
        "Name": "plan",
        "AttributeDataType": "Number",
        "Mutable": True,
        "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "5"},
    }
    dialog.grab().save("/tmp/j/schema_dialog.png")


def test_add_custom_attribute(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.pools import PoolsView

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName=unique("schema-"))["UserPool"]["Id"]
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    attribute = {
        "Name": "tier",
        "AttributeDataType": "String",
        "Mutable": False,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "16"},
    }
    aloop.run_until_complete(view.add_custom_attribute(pool_id, attribute))
    schema = {a["Name"]: a for a in client.describe_user_pool(UserPoolId=pool_id)["UserPool"]["SchemaAttributes"]}
    assert schema["custom:tier"]["Mutable"] is False
    assert schema["custom:tier"]["StringAttributeConstraints"] == {"MinLength": "1", "MaxLength": "16"}
