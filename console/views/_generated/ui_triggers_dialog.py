# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'triggers_dialog.ui'
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
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_TriggersDialog(object):
    def setupUi(self, TriggersDialog):
        if not TriggersDialog.objectName():
            TriggersDialog.setObjectName(u"TriggersDialog")
        TriggersDialog.resize(680, 620)
        TriggersDialog.setModal(True)
        self.layout = QVBoxLayout(TriggersDialog)
        self.layout.setObjectName(u"layout")
        self.hintLabel = QLabel(TriggersDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.layout.addWidget(self.hintLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.preSignUpEditLabel = QLabel(TriggersDialog)
        self.preSignUpEditLabel.setObjectName(u"preSignUpEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.preSignUpEditLabel)

        self.preSignUpEdit = QLineEdit(TriggersDialog)
        self.preSignUpEdit.setObjectName(u"preSignUpEdit")
        self.preSignUpEdit.setClearButtonEnabled(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.preSignUpEdit)

        self.postConfirmationEditLabel = QLabel(TriggersDialog)
        self.postConfirmationEditLabel.setObjectName(u"postConfirmationEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.postConfirmationEditLabel)

        self.postConfirmationEdit = QLineEdit(TriggersDialog)
        self.postConfirmationEdit.setObjectName(u"postConfirmationEdit")
        self.postConfirmationEdit.setClearButtonEnabled(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.postConfirmationEdit)

        self.preAuthenticationEditLabel = QLabel(TriggersDialog)
        self.preAuthenticationEditLabel.setObjectName(u"preAuthenticationEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.preAuthenticationEditLabel)

        self.preAuthenticationEdit = QLineEdit(TriggersDialog)
        self.preAuthenticationEdit.setObjectName(u"preAuthenticationEdit")
        self.preAuthenticationEdit.setClearButtonEnabled(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.preAuthenticationEdit)

        self.postAuthenticationEditLabel = QLabel(TriggersDialog)
        self.postAuthenticationEditLabel.setObjectName(u"postAuthenticationEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.postAuthenticationEditLabel)

        self.postAuthenticationEdit = QLineEdit(TriggersDialog)
        self.postAuthenticationEdit.setObjectName(u"postAuthenticationEdit")
        self.postAuthenticationEdit.setClearButtonEnabled(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.postAuthenticationEdit)

        self.customMessageEditLabel = QLabel(TriggersDialog)
        self.customMessageEditLabel.setObjectName(u"customMessageEditLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.customMessageEditLabel)

        self.customMessageEdit = QLineEdit(TriggersDialog)
        self.customMessageEdit.setObjectName(u"customMessageEdit")
        self.customMessageEdit.setClearButtonEnabled(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.customMessageEdit)

        self.defineAuthChallengeEditLabel = QLabel(TriggersDialog)
        self.defineAuthChallengeEditLabel.setObjectName(u"defineAuthChallengeEditLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.defineAuthChallengeEditLabel)

        self.defineAuthChallengeEdit = QLineEdit(TriggersDialog)
        self.defineAuthChallengeEdit.setObjectName(u"defineAuthChallengeEdit")
        self.defineAuthChallengeEdit.setClearButtonEnabled(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.defineAuthChallengeEdit)

        self.createAuthChallengeEditLabel = QLabel(TriggersDialog)
        self.createAuthChallengeEditLabel.setObjectName(u"createAuthChallengeEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.createAuthChallengeEditLabel)

        self.createAuthChallengeEdit = QLineEdit(TriggersDialog)
        self.createAuthChallengeEdit.setObjectName(u"createAuthChallengeEdit")
        self.createAuthChallengeEdit.setClearButtonEnabled(True)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.createAuthChallengeEdit)

        self.verifyAuthChallengeResponseEditLabel = QLabel(TriggersDialog)
        self.verifyAuthChallengeResponseEditLabel.setObjectName(u"verifyAuthChallengeResponseEditLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.verifyAuthChallengeResponseEditLabel)

        self.verifyAuthChallengeResponseEdit = QLineEdit(TriggersDialog)
        self.verifyAuthChallengeResponseEdit.setObjectName(u"verifyAuthChallengeResponseEdit")
        self.verifyAuthChallengeResponseEdit.setClearButtonEnabled(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.verifyAuthChallengeResponseEdit)

        self.userMigrationEditLabel = QLabel(TriggersDialog)
        self.userMigrationEditLabel.setObjectName(u"userMigrationEditLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.userMigrationEditLabel)

        self.userMigrationEdit = QLineEdit(TriggersDialog)
        self.userMigrationEdit.setObjectName(u"userMigrationEdit")
        self.userMigrationEdit.setClearButtonEnabled(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.userMigrationEdit)

        self.preTokenGenerationEditLabel = QLabel(TriggersDialog)
        self.preTokenGenerationEditLabel.setObjectName(u"preTokenGenerationEditLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.preTokenGenerationEditLabel)

        self.preTokenGenerationEdit = QLineEdit(TriggersDialog)
        self.preTokenGenerationEdit.setObjectName(u"preTokenGenerationEdit")
        self.preTokenGenerationEdit.setClearButtonEnabled(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.preTokenGenerationEdit)

        self.preTokenVersionComboLabel = QLabel(TriggersDialog)
        self.preTokenVersionComboLabel.setObjectName(u"preTokenVersionComboLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.preTokenVersionComboLabel)

        self.preTokenVersionCombo = QComboBox(TriggersDialog)
        self.preTokenVersionCombo.addItem("")
        self.preTokenVersionCombo.addItem("")
        self.preTokenVersionCombo.addItem("")
        self.preTokenVersionCombo.setObjectName(u"preTokenVersionCombo")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.preTokenVersionCombo)

        self.customSMSSenderEditLabel = QLabel(TriggersDialog)
        self.customSMSSenderEditLabel.setObjectName(u"customSMSSenderEditLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.customSMSSenderEditLabel)

        self.customSMSSenderEdit = QLineEdit(TriggersDialog)
        self.customSMSSenderEdit.setObjectName(u"customSMSSenderEdit")
        self.customSMSSenderEdit.setClearButtonEnabled(True)

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.customSMSSenderEdit)

        self.customEmailSenderEditLabel = QLabel(TriggersDialog)
        self.customEmailSenderEditLabel.setObjectName(u"customEmailSenderEditLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.customEmailSenderEditLabel)

        self.customEmailSenderEdit = QLineEdit(TriggersDialog)
        self.customEmailSenderEdit.setObjectName(u"customEmailSenderEdit")
        self.customEmailSenderEdit.setClearButtonEnabled(True)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.customEmailSenderEdit)

        self.inboundFederationEditLabel = QLabel(TriggersDialog)
        self.inboundFederationEditLabel.setObjectName(u"inboundFederationEditLabel")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.inboundFederationEditLabel)

        self.inboundFederationEdit = QLineEdit(TriggersDialog)
        self.inboundFederationEdit.setObjectName(u"inboundFederationEdit")
        self.inboundFederationEdit.setClearButtonEnabled(True)

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.inboundFederationEdit)

        self.kmsKeyEditLabel = QLabel(TriggersDialog)
        self.kmsKeyEditLabel.setObjectName(u"kmsKeyEditLabel")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.kmsKeyEditLabel)

        self.kmsKeyEdit = QLineEdit(TriggersDialog)
        self.kmsKeyEdit.setObjectName(u"kmsKeyEdit")
        self.kmsKeyEdit.setClearButtonEnabled(True)

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.kmsKeyEdit)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(TriggersDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(TriggersDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.preSignUpEditLabel.setBuddy(self.preSignUpEdit)
        self.postConfirmationEditLabel.setBuddy(self.postConfirmationEdit)
        self.preAuthenticationEditLabel.setBuddy(self.preAuthenticationEdit)
        self.postAuthenticationEditLabel.setBuddy(self.postAuthenticationEdit)
        self.customMessageEditLabel.setBuddy(self.customMessageEdit)
        self.defineAuthChallengeEditLabel.setBuddy(self.defineAuthChallengeEdit)
        self.createAuthChallengeEditLabel.setBuddy(self.createAuthChallengeEdit)
        self.verifyAuthChallengeResponseEditLabel.setBuddy(self.verifyAuthChallengeResponseEdit)
        self.userMigrationEditLabel.setBuddy(self.userMigrationEdit)
        self.preTokenGenerationEditLabel.setBuddy(self.preTokenGenerationEdit)
        self.preTokenVersionComboLabel.setBuddy(self.preTokenVersionCombo)
        self.customSMSSenderEditLabel.setBuddy(self.customSMSSenderEdit)
        self.customEmailSenderEditLabel.setBuddy(self.customEmailSenderEdit)
        self.inboundFederationEditLabel.setBuddy(self.inboundFederationEdit)
        self.kmsKeyEditLabel.setBuddy(self.kmsKeyEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TriggersDialog)
    # setupUi

    def retranslateUi(self, TriggersDialog):
        TriggersDialog.setWindowTitle(QCoreApplication.translate("TriggersDialog", u"Lambda triggers", None))
#if QT_CONFIG(accessibility)
        self.hintLabel.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Lambda triggers help", None))
#endif // QT_CONFIG(accessibility)
        self.hintLabel.setText(QCoreApplication.translate("TriggersDialog", u"Leave a trigger empty to remove it. Saving replaces the user pool's whole Lambda configuration. Custom SMS and email senders need a KMS key that encrypts the codes they receive.", None))
        self.preSignUpEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Pre sign-up", None))
#if QT_CONFIG(accessibility)
        self.preSignUpEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Pre sign-up Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.preSignUpEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.postConfirmationEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Post confirmation", None))
#if QT_CONFIG(accessibility)
        self.postConfirmationEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Post confirmation Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.postConfirmationEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.preAuthenticationEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Pre authentication", None))
#if QT_CONFIG(accessibility)
        self.preAuthenticationEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Pre authentication Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.preAuthenticationEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.postAuthenticationEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Post authentication", None))
#if QT_CONFIG(accessibility)
        self.postAuthenticationEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Post authentication Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.postAuthenticationEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.customMessageEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Custom message", None))
#if QT_CONFIG(accessibility)
        self.customMessageEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Custom message Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.customMessageEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.defineAuthChallengeEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Define auth challenge", None))
#if QT_CONFIG(accessibility)
        self.defineAuthChallengeEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Define auth challenge Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.defineAuthChallengeEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.createAuthChallengeEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Create auth challenge", None))
#if QT_CONFIG(accessibility)
        self.createAuthChallengeEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Create auth challenge Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.createAuthChallengeEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.verifyAuthChallengeResponseEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Verify auth challenge response", None))
#if QT_CONFIG(accessibility)
        self.verifyAuthChallengeResponseEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Verify auth challenge response Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.verifyAuthChallengeResponseEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.userMigrationEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"User migration", None))
#if QT_CONFIG(accessibility)
        self.userMigrationEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"User migration Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.userMigrationEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.preTokenGenerationEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Pre token generation", None))
#if QT_CONFIG(accessibility)
        self.preTokenGenerationEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Pre token generation Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.preTokenGenerationEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.preTokenVersionComboLabel.setText(QCoreApplication.translate("TriggersDialog", u"Pre token generation event version", None))
        self.preTokenVersionCombo.setItemText(0, QCoreApplication.translate("TriggersDialog", u"V1_0: ID token claims", None))
        self.preTokenVersionCombo.setItemText(1, QCoreApplication.translate("TriggersDialog", u"V2_0: ID and access token claims and scopes", None))
        self.preTokenVersionCombo.setItemText(2, QCoreApplication.translate("TriggersDialog", u"V3_0: V2_0 and machine-to-machine tokens", None))

#if QT_CONFIG(accessibility)
        self.preTokenVersionCombo.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Pre token generation event version", None))
#endif // QT_CONFIG(accessibility)
        self.customSMSSenderEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Custom SMS sender", None))
#if QT_CONFIG(accessibility)
        self.customSMSSenderEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Custom SMS sender Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.customSMSSenderEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.customEmailSenderEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Custom email sender", None))
#if QT_CONFIG(accessibility)
        self.customEmailSenderEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Custom email sender Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.customEmailSenderEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.inboundFederationEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"Inbound federation", None))
#if QT_CONFIG(accessibility)
        self.inboundFederationEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Inbound federation Lambda function ARN", None))
#endif // QT_CONFIG(accessibility)
        self.inboundFederationEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:lambda:us-east-1:123456789012:function:name", None))
        self.kmsKeyEditLabel.setText(QCoreApplication.translate("TriggersDialog", u"KMS key ARN (custom senders)", None))
#if QT_CONFIG(accessibility)
        self.kmsKeyEdit.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"KMS key ARN for custom senders", None))
#endif // QT_CONFIG(accessibility)
        self.kmsKeyEdit.setPlaceholderText(QCoreApplication.translate("TriggersDialog", u"arn:aws:kms:us-east-1:123456789012:key/\u2026", None))
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("TriggersDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

