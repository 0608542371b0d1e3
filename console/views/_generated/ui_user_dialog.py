# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_UserDialog(object):
    def setupUi(self, UserDialog):
        if not UserDialog.objectName():
            UserDialog.setObjectName(u"UserDialog")
        UserDialog.resize(520, 520)
        UserDialog.setModal(True)
        self.layout = QVBoxLayout(UserDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.usernameEditLabel = QLabel(UserDialog)
        self.usernameEditLabel.setObjectName(u"usernameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameEditLabel)

        self.usernameEdit = QLineEdit(UserDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.emailEditLabel = QLabel(UserDialog)
        self.emailEditLabel.setObjectName(u"emailEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailEditLabel)

        self.emailEdit = QLineEdit(UserDialog)
        self.emailEdit.setObjectName(u"emailEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.emailVerifiedCheckLabel = QLabel(UserDialog)
        self.emailVerifiedCheckLabel.setObjectName(u"emailVerifiedCheckLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.emailVerifiedCheckLabel)

        self.emailVerifiedCheck = QCheckBox(UserDialog)
        self.emailVerifiedCheck.setObjectName(u"emailVerifiedCheck")
        self.emailVerifiedCheck.setChecked(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.emailVerifiedCheck)

        self.phoneEditLabel = QLabel(UserDialog)
        self.phoneEditLabel.setObjectName(u"phoneEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.phoneEditLabel)

        self.phoneEdit = QLineEdit(UserDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.nameEditLabel = QLabel(UserDialog)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(UserDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.passwordComboLabel = QLabel(UserDialog)
        self.passwordComboLabel.setObjectName(u"passwordComboLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.passwordComboLabel)

        self.passwordCombo = QComboBox(UserDialog)
        self.passwordCombo.addItem("")
        self.passwordCombo.addItem("")
        self.passwordCombo.setObjectName(u"passwordCombo")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.passwordCombo)

        self.passwordEditLabel = QLabel(UserDialog)
        self.passwordEditLabel.setObjectName(u"passwordEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.passwordEditLabel)

        self.passwordEdit = QLineEdit(UserDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.inviteCheckLabel = QLabel(UserDialog)
        self.inviteCheckLabel.setObjectName(u"inviteCheckLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.inviteCheckLabel)

        self.inviteCheck = QCheckBox(UserDialog)
        self.inviteCheck.setObjectName(u"inviteCheck")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.inviteCheck)

        self.attributesLabel = QLabel(UserDialog)
        self.attributesLabel.setObjectName(u"attributesLabel")
        self.attributesLabel.setWordWrap(True)

        self.form.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.attributesLabel)

        self.attributesEdit = QPlainTextEdit(UserDialog)
        self.attributesEdit.setObjectName(u"attributesEdit")
        self.attributesEdit.setMinimumSize(QSize(0, 90))

        self.form.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.attributesEdit)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(UserDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(UserDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.usernameEditLabel.setBuddy(self.usernameEdit)
        self.emailEditLabel.setBuddy(self.emailEdit)
        self.emailVerifiedCheckLabel.setBuddy(self.emailVerifiedCheck)
        self.phoneEditLabel.setBuddy(self.phoneEdit)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.passwordComboLabel.setBuddy(self.passwordCombo)
        self.passwordEditLabel.setBuddy(self.passwordEdit)
        self.inviteCheckLabel.setBuddy(self.inviteCheck)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserDialog)
    # setupUi

    def retranslateUi(self, UserDialog):
        UserDialog.setWindowTitle(QCoreApplication.translate("UserDialog", u"Create user", None))
        self.usernameEditLabel.setText(QCoreApplication.translate("UserDialog", u"User name", None))
        self.emailEditLabel.setText(QCoreApplication.translate("UserDialog", u"Email address", None))
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"name@example.com", None))
        self.emailVerifiedCheckLabel.setText("")
        self.emailVerifiedCheck.setText(QCoreApplication.translate("UserDialog", u"Mark email address as verified", None))
        self.phoneEditLabel.setText(QCoreApplication.translate("UserDialog", u"Phone number", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"+15555550100", None))
        self.nameEditLabel.setText(QCoreApplication.translate("UserDialog", u"Name", None))
        self.passwordComboLabel.setText(QCoreApplication.translate("UserDialog", u"Temporary password", None))
        self.passwordCombo.setItemText(0, QCoreApplication.translate("UserDialog", u"Generate a password", None))
        self.passwordCombo.setItemText(1, QCoreApplication.translate("UserDialog", u"Set a password", None))

        self.passwordEditLabel.setText(QCoreApplication.translate("UserDialog", u"Password", None))
        self.inviteCheckLabel.setText(QCoreApplication.translate("UserDialog", u"Invitation", None))
        self.inviteCheck.setText(QCoreApplication.translate("UserDialog", u"Send an invitation message", None))
        self.attributesLabel.setText(QCoreApplication.translate("UserDialog", u"Other attributes (name = value, one per line; custom attributes as custom:name):", None))
#if QT_CONFIG(accessibility)
        self.attributesEdit.setAccessibleName(QCoreApplication.translate("UserDialog", u"Other attributes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.attributesEdit.setAccessibleDescription(QCoreApplication.translate("UserDialog", u"name = value, one per line; custom attributes as custom:name", None))
#endif // QT_CONFIG(accessibility)
        self.attributesEdit.setPlaceholderText(QCoreApplication.translate("UserDialog", u"custom:department = engineering", None))
        self.errorLabel.setText("")
    # retranslateUi

