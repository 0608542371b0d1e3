# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'identity_pool_roles_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_IdentityPoolRolesDialog(object):
    def setupUi(self, IdentityPoolRolesDialog):
        if not IdentityPoolRolesDialog.objectName():
            IdentityPoolRolesDialog.setObjectName(u"IdentityPoolRolesDialog")
        IdentityPoolRolesDialog.resize(720, 600)
        IdentityPoolRolesDialog.setModal(True)
        self.layout = QVBoxLayout(IdentityPoolRolesDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.authRoleComboLabel = QLabel(IdentityPoolRolesDialog)
        self.authRoleComboLabel.setObjectName(u"authRoleComboLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.authRoleComboLabel)

        self.authRoleCombo = QComboBox(IdentityPoolRolesDialog)
        self.authRoleCombo.setObjectName(u"authRoleCombo")
        self.authRoleCombo.setEditable(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.authRoleCombo)

        self.guestRoleComboLabel = QLabel(IdentityPoolRolesDialog)
        self.guestRoleComboLabel.setObjectName(u"guestRoleComboLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.guestRoleComboLabel)

        self.guestRoleCombo = QComboBox(IdentityPoolRolesDialog)
        self.guestRoleCombo.setObjectName(u"guestRoleCombo")
        self.guestRoleCombo.setEditable(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.guestRoleCombo)

        self.providerComboLabel = QLabel(IdentityPoolRolesDialog)
        self.providerComboLabel.setObjectName(u"providerComboLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.providerComboLabel)

        self.providerCombo = QComboBox(IdentityPoolRolesDialog)
        self.providerCombo.setObjectName(u"providerCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.providerCombo)

        self.mappingComboLabel = QLabel(IdentityPoolRolesDialog)
        self.mappingComboLabel.setObjectName(u"mappingComboLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.mappingComboLabel)

        self.mappingCombo = QComboBox(IdentityPoolRolesDialog)
        self.mappingCombo.addItem("")
        self.mappingCombo.addItem("")
        self.mappingCombo.addItem("")
        self.mappingCombo.setObjectName(u"mappingCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.mappingCombo)

        self.ambiguousComboLabel = QLabel(IdentityPoolRolesDialog)
        self.ambiguousComboLabel.setObjectName(u"ambiguousComboLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.ambiguousComboLabel)

        self.ambiguousCombo = QComboBox(IdentityPoolRolesDialog)
        self.ambiguousCombo.addItem("")
        self.ambiguousCombo.addItem("")
        self.ambiguousCombo.setObjectName(u"ambiguousCombo")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.ambiguousCombo)


        self.layout.addLayout(self.form)

        self.mappingNote = QLabel(IdentityPoolRolesDialog)
        self.mappingNote.setObjectName(u"mappingNote")
        self.mappingNote.setWordWrap(True)

        self.layout.addWidget(self.mappingNote)

        self.rulesTable = QTableWidget(IdentityPoolRolesDialog)
        if (self.rulesTable.columnCount() < 4):
            self.rulesTable.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.rulesTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.rulesTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.rulesTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.rulesTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.rulesTable.setObjectName(u"rulesTable")
        self.rulesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rulesTable.setMinimumSize(QSize(0, 120))
        self.rulesTable.horizontalHeader().setStretchLastSection(True)
        self.rulesTable.verticalHeader().setVisible(False)

        self.layout.addWidget(self.rulesTable)

        self.ruleButtons = QHBoxLayout()
        self.ruleButtons.setObjectName(u"ruleButtons")
        self.addRuleButton = QPushButton(IdentityPoolRolesDialog)
        self.addRuleButton.setObjectName(u"addRuleButton")

        self.ruleButtons.addWidget(self.addRuleButton)

        self.removeRuleButton = QPushButton(IdentityPoolRolesDialog)
        self.removeRuleButton.setObjectName(u"removeRuleButton")

        self.ruleButtons.addWidget(self.removeRuleButton)

        self.upRuleButton = QPushButton(IdentityPoolRolesDialog)
        self.upRuleButton.setObjectName(u"upRuleButton")

        self.ruleButtons.addWidget(self.upRuleButton)

        self.downRuleButton = QPushButton(IdentityPoolRolesDialog)
        self.downRuleButton.setObjectName(u"downRuleButton")

        self.ruleButtons.addWidget(self.downRuleButton)

        self.ruleButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.ruleButtons.addItem(self.ruleButtonsSpacer)


        self.layout.addLayout(self.ruleButtons)

        self.errorLabel = QLabel(IdentityPoolRolesDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(IdentityPoolRolesDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.authRoleComboLabel.setBuddy(self.authRoleCombo)
        self.guestRoleComboLabel.setBuddy(self.guestRoleCombo)
        self.providerComboLabel.setBuddy(self.providerCombo)
        self.mappingComboLabel.setBuddy(self.mappingCombo)
        self.ambiguousComboLabel.setBuddy(self.ambiguousCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IdentityPoolRolesDialog)
    # setupUi

    def retranslateUi(self, IdentityPoolRolesDialog):
        IdentityPoolRolesDialog.setWindowTitle(QCoreApplication.translate("IdentityPoolRolesDialog", u"Roles and role mappings", None))
        self.authRoleComboLabel.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Authenticated role", None))
#if QT_CONFIG(accessibility)
        self.authRoleCombo.setAccessibleName(QCoreApplication.translate("IdentityPoolRolesDialog", u"Authenticated role ARN", None))
#endif // QT_CONFIG(accessibility)
        self.guestRoleComboLabel.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Guest role", None))
#if QT_CONFIG(accessibility)
        self.guestRoleCombo.setAccessibleName(QCoreApplication.translate("IdentityPoolRolesDialog", u"Guest role ARN", None))
#endif // QT_CONFIG(accessibility)
        self.providerComboLabel.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Identity provider", None))
#if QT_CONFIG(accessibility)
        self.providerCombo.setAccessibleName(QCoreApplication.translate("IdentityPoolRolesDialog", u"Identity provider of the role mapping", None))
#endif // QT_CONFIG(accessibility)
        self.mappingComboLabel.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Role selection", None))
        self.mappingCombo.setItemText(0, QCoreApplication.translate("IdentityPoolRolesDialog", u"Use the default authenticated role", None))
        self.mappingCombo.setItemText(1, QCoreApplication.translate("IdentityPoolRolesDialog", u"Choose a role from the token", None))
        self.mappingCombo.setItemText(2, QCoreApplication.translate("IdentityPoolRolesDialog", u"Choose a role with rules", None))

#if QT_CONFIG(accessibility)
        self.mappingCombo.setAccessibleName(QCoreApplication.translate("IdentityPoolRolesDialog", u"Role selection", None))
#endif // QT_CONFIG(accessibility)
        self.ambiguousComboLabel.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"When no role is chosen", None))
        self.ambiguousCombo.setItemText(0, QCoreApplication.translate("IdentityPoolRolesDialog", u"Use the default authenticated role", None))
        self.ambiguousCombo.setItemText(1, QCoreApplication.translate("IdentityPoolRolesDialog", u"Deny the request", None))

#if QT_CONFIG(accessibility)
        self.ambiguousCombo.setAccessibleName(QCoreApplication.translate("IdentityPoolRolesDialog", u"Role resolution", None))
#endif // QT_CONFIG(accessibility)
        self.mappingNote.setText("")
        ___qtablewidgetitem = self.rulesTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Claim", None))
        ___qtablewidgetitem1 = self.rulesTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Match type", None))
        ___qtablewidgetitem2 = self.rulesTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Value", None))
        ___qtablewidgetitem3 = self.rulesTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Role ARN", None))
#if QT_CONFIG(accessibility)
        self.rulesTable.setAccessibleName(QCoreApplication.translate("IdentityPoolRolesDialog", u"Role mapping rules, first match wins", None))
#endif // QT_CONFIG(accessibility)
        self.addRuleButton.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Add rule", None))
        self.removeRuleButton.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Remove", None))
        self.upRuleButton.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Move up", None))
        self.downRuleButton.setText(QCoreApplication.translate("IdentityPoolRolesDialog", u"Move down", None))
        self.errorLabel.setText("")
    # retranslateUi

