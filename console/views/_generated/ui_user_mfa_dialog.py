# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_mfa_dialog.ui'
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
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_UserMfaDialog(object):
    def setupUi(self, UserMfaDialog):
        if not UserMfaDialog.objectName():
            UserMfaDialog.setObjectName(u"UserMfaDialog")
        UserMfaDialog.resize(460, 260)
        UserMfaDialog.setModal(True)
        self.layout = QVBoxLayout(UserMfaDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.smsCheck = QCheckBox(UserMfaDialog)
        self.smsCheck.setObjectName(u"smsCheck")

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.smsCheck)

        self.emailCheck = QCheckBox(UserMfaDialog)
        self.emailCheck.setObjectName(u"emailCheck")

        self.form.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.emailCheck)

        self.totpCheck = QCheckBox(UserMfaDialog)
        self.totpCheck.setObjectName(u"totpCheck")

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.totpCheck)

        self.preferredComboLabel = QLabel(UserMfaDialog)
        self.preferredComboLabel.setObjectName(u"preferredComboLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.preferredComboLabel)

        self.preferredCombo = QComboBox(UserMfaDialog)
        self.preferredCombo.addItem("")
        self.preferredCombo.addItem("")
        self.preferredCombo.addItem("")
        self.preferredCombo.addItem("")
        self.preferredCombo.setObjectName(u"preferredCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.preferredCombo)

        self.hintLabel = QLabel(UserMfaDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.hintLabel)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(UserMfaDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(UserMfaDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.preferredComboLabel.setBuddy(self.preferredCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserMfaDialog)
    # setupUi

    def retranslateUi(self, UserMfaDialog):
        UserMfaDialog.setWindowTitle(QCoreApplication.translate("UserMfaDialog", u"MFA settings", None))
        self.smsCheck.setText(QCoreApplication.translate("UserMfaDialog", u"SMS message", None))
#if QT_CONFIG(accessibility)
        self.smsCheck.setAccessibleName(QCoreApplication.translate("UserMfaDialog", u"SMS MFA enabled", None))
#endif // QT_CONFIG(accessibility)
        self.emailCheck.setText(QCoreApplication.translate("UserMfaDialog", u"Email message", None))
#if QT_CONFIG(accessibility)
        self.emailCheck.setAccessibleName(QCoreApplication.translate("UserMfaDialog", u"Email MFA enabled", None))
#endif // QT_CONFIG(accessibility)
        self.totpCheck.setText(QCoreApplication.translate("UserMfaDialog", u"Authenticator app (TOTP)", None))
#if QT_CONFIG(accessibility)
        self.totpCheck.setAccessibleName(QCoreApplication.translate("UserMfaDialog", u"TOTP MFA enabled", None))
#endif // QT_CONFIG(accessibility)
        self.preferredComboLabel.setText(QCoreApplication.translate("UserMfaDialog", u"Preferred method", None))
        self.preferredCombo.setItemText(0, QCoreApplication.translate("UserMfaDialog", u"None", None))
        self.preferredCombo.setItemText(1, QCoreApplication.translate("UserMfaDialog", u"SMS message", None))
        self.preferredCombo.setItemText(2, QCoreApplication.translate("UserMfaDialog", u"Email message", None))
        self.preferredCombo.setItemText(3, QCoreApplication.translate("UserMfaDialog", u"Authenticator app (TOTP)", None))

#if QT_CONFIG(accessibility)
        self.preferredCombo.setAccessibleName(QCoreApplication.translate("UserMfaDialog", u"Preferred MFA method", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.hintLabel.setAccessibleName(QCoreApplication.translate("UserMfaDialog", u"MFA help", None))
#endif // QT_CONFIG(accessibility)
        self.hintLabel.setText(QCoreApplication.translate("UserMfaDialog", u"A method is offered at sign-in only when the user pool allows it. TOTP can be turned on only for a user who has set up an authenticator app.", None))
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("UserMfaDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

