# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'messages_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_MessagesDialog(object):
    def setupUi(self, MessagesDialog):
        if not MessagesDialog.objectName():
            MessagesDialog.setObjectName(u"MessagesDialog")
        MessagesDialog.resize(640, 640)
        MessagesDialog.setModal(True)
        self.layout = QVBoxLayout(MessagesDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.verificationHeading = QLabel(MessagesDialog)
        self.verificationHeading.setObjectName(u"verificationHeading")

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.verificationHeading)

        self.verificationTypeComboLabel = QLabel(MessagesDialog)
        self.verificationTypeComboLabel.setObjectName(u"verificationTypeComboLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.verificationTypeComboLabel)

        self.verificationTypeCombo = QComboBox(MessagesDialog)
        self.verificationTypeCombo.addItem("")
        self.verificationTypeCombo.addItem("")
        self.verificationTypeCombo.setObjectName(u"verificationTypeCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.verificationTypeCombo)

        self.emailSubjectEditLabel = QLabel(MessagesDialog)
        self.emailSubjectEditLabel.setObjectName(u"emailSubjectEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.emailSubjectEditLabel)

        self.emailSubjectEdit = QLineEdit(MessagesDialog)
        self.emailSubjectEdit.setObjectName(u"emailSubjectEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.emailSubjectEdit)

        self.emailMessageEditLabel = QLabel(MessagesDialog)
        self.emailMessageEditLabel.setObjectName(u"emailMessageEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.emailMessageEditLabel)

        self.emailMessageEdit = QPlainTextEdit(MessagesDialog)
        self.emailMessageEdit.setObjectName(u"emailMessageEdit")
        self.emailMessageEdit.setMaximumSize(QSize(16777215, 70))

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.emailMessageEdit)

        self.smsMessageEditLabel = QLabel(MessagesDialog)
        self.smsMessageEditLabel.setObjectName(u"smsMessageEditLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.smsMessageEditLabel)

        self.smsMessageEdit = QLineEdit(MessagesDialog)
        self.smsMessageEdit.setObjectName(u"smsMessageEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.smsMessageEdit)

        self.invitationHeading = QLabel(MessagesDialog)
        self.invitationHeading.setObjectName(u"invitationHeading")

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.invitationHeading)

        self.inviteSubjectEditLabel = QLabel(MessagesDialog)
        self.inviteSubjectEditLabel.setObjectName(u"inviteSubjectEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.inviteSubjectEditLabel)

        self.inviteSubjectEdit = QLineEdit(MessagesDialog)
        self.inviteSubjectEdit.setObjectName(u"inviteSubjectEdit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.inviteSubjectEdit)

        self.inviteEmailEditLabel = QLabel(MessagesDialog)
        self.inviteEmailEditLabel.setObjectName(u"inviteEmailEditLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.inviteEmailEditLabel)

        self.inviteEmailEdit = QPlainTextEdit(MessagesDialog)
        self.inviteEmailEdit.setObjectName(u"inviteEmailEdit")
        self.inviteEmailEdit.setMaximumSize(QSize(16777215, 70))

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.inviteEmailEdit)

        self.inviteSmsEditLabel = QLabel(MessagesDialog)
        self.inviteSmsEditLabel.setObjectName(u"inviteSmsEditLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.inviteSmsEditLabel)

        self.inviteSmsEdit = QLineEdit(MessagesDialog)
        self.inviteSmsEdit.setObjectName(u"inviteSmsEdit")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.inviteSmsEdit)

        self.mfaHeading = QLabel(MessagesDialog)
        self.mfaHeading.setObjectName(u"mfaHeading")

        self.form.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.mfaHeading)

        self.mfaSmsEditLabel = QLabel(MessagesDialog)
        self.mfaSmsEditLabel.setObjectName(u"mfaSmsEditLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.mfaSmsEditLabel)

        self.mfaSmsEdit = QLineEdit(MessagesDialog)
        self.mfaSmsEdit.setObjectName(u"mfaSmsEdit")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.mfaSmsEdit)

        self.hintLabel = QLabel(MessagesDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.form.setWidget(11, QFormLayout.ItemRole.SpanningRole, self.hintLabel)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(MessagesDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(MessagesDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.verificationTypeComboLabel.setBuddy(self.verificationTypeCombo)
        self.emailSubjectEditLabel.setBuddy(self.emailSubjectEdit)
        self.emailMessageEditLabel.setBuddy(self.emailMessageEdit)
        self.smsMessageEditLabel.setBuddy(self.smsMessageEdit)
        self.inviteSubjectEditLabel.setBuddy(self.inviteSubjectEdit)
        self.inviteEmailEditLabel.setBuddy(self.inviteEmailEdit)
        self.inviteSmsEditLabel.setBuddy(self.inviteSmsEdit)
        self.mfaSmsEditLabel.setBuddy(self.mfaSmsEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MessagesDialog)
    # setupUi

    def retranslateUi(self, MessagesDialog):
        MessagesDialog.setWindowTitle(QCoreApplication.translate("MessagesDialog", u"Message templates", None))
        self.verificationHeading.setText(QCoreApplication.translate("MessagesDialog", u"Verification message", None))
#if QT_CONFIG(accessibility)
        self.verificationHeading.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Verification message", None))
#endif // QT_CONFIG(accessibility)
        self.verificationHeading.setStyleSheet(QCoreApplication.translate("MessagesDialog", u"font-weight:600; margin-top:6px", None))
        self.verificationTypeComboLabel.setText(QCoreApplication.translate("MessagesDialog", u"Verification type", None))
        self.verificationTypeCombo.setItemText(0, QCoreApplication.translate("MessagesDialog", u"Code", None))
        self.verificationTypeCombo.setItemText(1, QCoreApplication.translate("MessagesDialog", u"Link", None))

#if QT_CONFIG(accessibility)
        self.verificationTypeCombo.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Verification type", None))
#endif // QT_CONFIG(accessibility)
        self.emailSubjectEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"Email subject", None))
#if QT_CONFIG(accessibility)
        self.emailSubjectEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Verification email subject", None))
#endif // QT_CONFIG(accessibility)
        self.emailSubjectEdit.setPlaceholderText("")
        self.emailMessageEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"Email message", None))
#if QT_CONFIG(accessibility)
        self.emailMessageEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Verification email message", None))
#endif // QT_CONFIG(accessibility)
        self.smsMessageEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"SMS message", None))
#if QT_CONFIG(accessibility)
        self.smsMessageEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Verification SMS message", None))
#endif // QT_CONFIG(accessibility)
        self.smsMessageEdit.setPlaceholderText(QCoreApplication.translate("MessagesDialog", u"Your verification code is {####}", None))
        self.invitationHeading.setText(QCoreApplication.translate("MessagesDialog", u"Invitation message (AdminCreateUser)", None))
#if QT_CONFIG(accessibility)
        self.invitationHeading.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Invitation message (AdminCreateUser)", None))
#endif // QT_CONFIG(accessibility)
        self.invitationHeading.setStyleSheet(QCoreApplication.translate("MessagesDialog", u"font-weight:600; margin-top:6px", None))
        self.inviteSubjectEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"Email subject", None))
#if QT_CONFIG(accessibility)
        self.inviteSubjectEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Invitation email subject", None))
#endif // QT_CONFIG(accessibility)
        self.inviteSubjectEdit.setPlaceholderText("")
        self.inviteEmailEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"Email message", None))
#if QT_CONFIG(accessibility)
        self.inviteEmailEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Invitation email message", None))
#endif // QT_CONFIG(accessibility)
        self.inviteSmsEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"SMS message", None))
#if QT_CONFIG(accessibility)
        self.inviteSmsEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Invitation SMS message", None))
#endif // QT_CONFIG(accessibility)
        self.inviteSmsEdit.setPlaceholderText(QCoreApplication.translate("MessagesDialog", u"Your username is {username} and temporary password is {####}", None))
        self.mfaHeading.setText(QCoreApplication.translate("MessagesDialog", u"MFA message", None))
#if QT_CONFIG(accessibility)
        self.mfaHeading.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"MFA message", None))
#endif // QT_CONFIG(accessibility)
        self.mfaHeading.setStyleSheet(QCoreApplication.translate("MessagesDialog", u"font-weight:600; margin-top:6px", None))
        self.mfaSmsEditLabel.setText(QCoreApplication.translate("MessagesDialog", u"SMS message", None))
#if QT_CONFIG(accessibility)
        self.mfaSmsEdit.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"MFA SMS message", None))
#endif // QT_CONFIG(accessibility)
        self.mfaSmsEdit.setPlaceholderText(QCoreApplication.translate("MessagesDialog", u"Your authentication code is {####}", None))
#if QT_CONFIG(accessibility)
        self.hintLabel.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Placeholder rules", None))
#endif // QT_CONFIG(accessibility)
        self.hintLabel.setText(QCoreApplication.translate("MessagesDialog", u"{####} is the code (or temporary password); {username} the user name; a link message holds {##Click here##}. Empty fields keep Cognito's default.", None))
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("MessagesDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

