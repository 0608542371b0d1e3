# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'role_simulator_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTextBrowser, QVBoxLayout, QWidget)

class Ui_RoleSimulatorDialog(object):
    def setupUi(self, RoleSimulatorDialog):
        if not RoleSimulatorDialog.objectName():
            RoleSimulatorDialog.setObjectName(u"RoleSimulatorDialog")
        RoleSimulatorDialog.resize(720, 640)
        self.layout = QVBoxLayout(RoleSimulatorDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.sourceComboLabel = QLabel(RoleSimulatorDialog)
        self.sourceComboLabel.setObjectName(u"sourceComboLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.sourceComboLabel)

        self.sourceCombo = QComboBox(RoleSimulatorDialog)
        self.sourceCombo.addItem("")
        self.sourceCombo.addItem("")
        self.sourceCombo.addItem("")
        self.sourceCombo.setObjectName(u"sourceCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.sourceCombo)

        self.providerComboLabel = QLabel(RoleSimulatorDialog)
        self.providerComboLabel.setObjectName(u"providerComboLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.providerComboLabel)

        self.providerCombo = QComboBox(RoleSimulatorDialog)
        self.providerCombo.setObjectName(u"providerCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.providerCombo)

        self.usernameEditLabel = QLabel(RoleSimulatorDialog)
        self.usernameEditLabel.setObjectName(u"usernameEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.usernameEditLabel)

        self.usernameEdit = QLineEdit(RoleSimulatorDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.tokenEditLabel = QLabel(RoleSimulatorDialog)
        self.tokenEditLabel.setObjectName(u"tokenEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.tokenEditLabel)

        self.tokenEdit = QPlainTextEdit(RoleSimulatorDialog)
        self.tokenEdit.setObjectName(u"tokenEdit")
        self.tokenEdit.setMaximumSize(QSize(16777215, 80))
        self.tokenEdit.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.tokenEdit)

        self.actionEditLabel = QLabel(RoleSimulatorDialog)
        self.actionEditLabel.setObjectName(u"actionEditLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.actionEditLabel)

        self.actionEdit = QLineEdit(RoleSimulatorDialog)
        self.actionEdit.setObjectName(u"actionEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.actionEdit)

        self.resourceEditLabel = QLabel(RoleSimulatorDialog)
        self.resourceEditLabel.setObjectName(u"resourceEditLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.resourceEditLabel)

        self.resourceEdit = QLineEdit(RoleSimulatorDialog)
        self.resourceEdit.setObjectName(u"resourceEdit")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.resourceEdit)


        self.layout.addLayout(self.form)

        self.runRow = QHBoxLayout()
        self.runRow.setObjectName(u"runRow")
        self.runSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.runRow.addItem(self.runSpacer)

        self.simulateButton = QPushButton(RoleSimulatorDialog)
        self.simulateButton.setObjectName(u"simulateButton")

        self.runRow.addWidget(self.simulateButton)


        self.layout.addLayout(self.runRow)

        self.resultText = QTextBrowser(RoleSimulatorDialog)
        self.resultText.setObjectName(u"resultText")
        self.resultText.setOpenLinks(False)

        self.layout.addWidget(self.resultText)

        self.errorLabel = QLabel(RoleSimulatorDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(RoleSimulatorDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.sourceComboLabel.setBuddy(self.sourceCombo)
        self.providerComboLabel.setBuddy(self.providerCombo)
        self.usernameEditLabel.setBuddy(self.usernameEdit)
        self.tokenEditLabel.setBuddy(self.tokenEdit)
        self.actionEditLabel.setBuddy(self.actionEdit)
        self.resourceEditLabel.setBuddy(self.resourceEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RoleSimulatorDialog)

        self.simulateButton.setDefault(True)

    # setupUi

    def retranslateUi(self, RoleSimulatorDialog):
        RoleSimulatorDialog.setWindowTitle(QCoreApplication.translate("RoleSimulatorDialog", u"Role and policy simulator", None))
        self.sourceComboLabel.setText(QCoreApplication.translate("RoleSimulatorDialog", u"Who", None))
        self.sourceCombo.setItemText(0, QCoreApplication.translate("RoleSimulatorDialog", u"A user of a user pool", None))
        self.sourceCombo.setItemText(1, QCoreApplication.translate("RoleSimulatorDialog", u"A pasted ID token", None))
        self.sourceCombo.setItemText(2, QCoreApplication.translate("RoleSimulatorDialog", u"A guest (unauthenticated)", None))

#if QT_CONFIG(accessibility)
        self.sourceCombo.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"Who to simulate", None))
#endif // QT_CONFIG(accessibility)
        self.providerComboLabel.setText(QCoreApplication.translate("RoleSimulatorDialog", u"User pool app client", None))
#if QT_CONFIG(accessibility)
        self.providerCombo.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"User pool app client the user signs in through", None))
#endif // QT_CONFIG(accessibility)
        self.usernameEditLabel.setText(QCoreApplication.translate("RoleSimulatorDialog", u"Username", None))
#if QT_CONFIG(accessibility)
        self.usernameEdit.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"Username", None))
#endif // QT_CONFIG(accessibility)
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("RoleSimulatorDialog", u"the user's name, email or sub", None))
        self.tokenEditLabel.setText(QCoreApplication.translate("RoleSimulatorDialog", u"ID token", None))
#if QT_CONFIG(accessibility)
        self.tokenEdit.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"ID token", None))
#endif // QT_CONFIG(accessibility)
        self.tokenEdit.setPlaceholderText(QCoreApplication.translate("RoleSimulatorDialog", u"eyJraWQiOi\u2026", None))
        self.actionEditLabel.setText(QCoreApplication.translate("RoleSimulatorDialog", u"Action", None))
#if QT_CONFIG(accessibility)
        self.actionEdit.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"Action", None))
#endif // QT_CONFIG(accessibility)
        self.actionEdit.setPlaceholderText(QCoreApplication.translate("RoleSimulatorDialog", u"s3:GetObject", None))
        self.resourceEditLabel.setText(QCoreApplication.translate("RoleSimulatorDialog", u"Resource", None))
#if QT_CONFIG(accessibility)
        self.resourceEdit.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"Resource ARN", None))
#endif // QT_CONFIG(accessibility)
        self.resourceEdit.setPlaceholderText(QCoreApplication.translate("RoleSimulatorDialog", u"arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/photo.jpg", None))
        self.simulateButton.setText(QCoreApplication.translate("RoleSimulatorDialog", u"Simulate", None))
#if QT_CONFIG(accessibility)
        self.resultText.setAccessibleName(QCoreApplication.translate("RoleSimulatorDialog", u"Simulation result", None))
#endif // QT_CONFIG(accessibility)
        self.errorLabel.setText("")
    # retranslateUi

