# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'threat_protection_dialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ThreatProtectionDialog(object):
    def setupUi(self, ThreatProtectionDialog):
        if not ThreatProtectionDialog.objectName():
            ThreatProtectionDialog.setObjectName(u"ThreatProtectionDialog")
        ThreatProtectionDialog.resize(640, 640)
        ThreatProtectionDialog.setModal(True)
        self.layout = QVBoxLayout(ThreatProtectionDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.scopeComboLabel = QLabel(ThreatProtectionDialog)
        self.scopeComboLabel.setObjectName(u"scopeComboLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.scopeComboLabel)

        self.scopeCombo = QComboBox(ThreatProtectionDialog)
        self.scopeCombo.setObjectName(u"scopeCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.scopeCombo)

        self.modeComboLabel = QLabel(ThreatProtectionDialog)
        self.modeComboLabel.setObjectName(u"modeComboLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.modeComboLabel)

        self.modeCombo = QComboBox(ThreatProtectionDialog)
        self.modeCombo.addItem("")
        self.modeCombo.addItem("")
        self.modeCombo.addItem("")
        self.modeCombo.setObjectName(u"modeCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.modeCombo)

        self.modeNote = QLabel(ThreatProtectionDialog)
        self.modeNote.setObjectName(u"modeNote")
        self.modeNote.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.modeNote)

        self.compromisedComboLabel = QLabel(ThreatProtectionDialog)
        self.compromisedComboLabel.setObjectName(u"compromisedComboLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.compromisedComboLabel)

        self.compromisedCombo = QComboBox(ThreatProtectionDialog)
        self.compromisedCombo.addItem("")
        self.compromisedCombo.addItem("")
        self.compromisedCombo.setObjectName(u"compromisedCombo")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.compromisedCombo)

        self.compromisedEvents = QHBoxLayout()
        self.compromisedEvents.setObjectName(u"compromisedEvents")
        self.signInCheck = QCheckBox(ThreatProtectionDialog)
        self.signInCheck.setObjectName(u"signInCheck")

        self.compromisedEvents.addWidget(self.signInCheck)

        self.signUpCheck = QCheckBox(ThreatProtectionDialog)
        self.signUpCheck.setObjectName(u"signUpCheck")

        self.compromisedEvents.addWidget(self.signUpCheck)

        self.passwordChangeCheck = QCheckBox(ThreatProtectionDialog)
        self.passwordChangeCheck.setObjectName(u"passwordChangeCheck")

        self.compromisedEvents.addWidget(self.passwordChangeCheck)


        self.form.setLayout(4, QFormLayout.ItemRole.SpanningRole, self.compromisedEvents)

        self.lowComboLabel = QLabel(ThreatProtectionDialog)
        self.lowComboLabel.setObjectName(u"lowComboLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.lowComboLabel)

        self.lowCombo = QComboBox(ThreatProtectionDialog)
        self.lowCombo.addItem("")
        self.lowCombo.addItem("")
        self.lowCombo.addItem("")
        self.lowCombo.addItem("")
        self.lowCombo.setObjectName(u"lowCombo")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.lowCombo)

        self.mediumComboLabel = QLabel(ThreatProtectionDialog)
        self.mediumComboLabel.setObjectName(u"mediumComboLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.mediumComboLabel)

        self.mediumCombo = QComboBox(ThreatProtectionDialog)
        self.mediumCombo.addItem("")
        self.mediumCombo.addItem("")
        self.mediumCombo.addItem("")
        self.mediumCombo.addItem("")
        self.mediumCombo.setObjectName(u"mediumCombo")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.mediumCombo)

        self.highComboLabel = QLabel(ThreatProtectionDialog)
        self.highComboLabel.setObjectName(u"highComboLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.highComboLabel)

        self.highCombo = QComboBox(ThreatProtectionDialog)
        self.highCombo.addItem("")
        self.highCombo.addItem("")
        self.highCombo.addItem("")
        self.highCombo.addItem("")
        self.highCombo.setObjectName(u"highCombo")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.highCombo)

        self.notifyRow = QHBoxLayout()
        self.notifyRow.setObjectName(u"notifyRow")
        self.notifyLowCheck = QCheckBox(ThreatProtectionDialog)
        self.notifyLowCheck.setObjectName(u"notifyLowCheck")

        self.notifyRow.addWidget(self.notifyLowCheck)

        self.notifyMediumCheck = QCheckBox(ThreatProtectionDialog)
        self.notifyMediumCheck.setObjectName(u"notifyMediumCheck")

        self.notifyRow.addWidget(self.notifyMediumCheck)

        self.notifyHighCheck = QCheckBox(ThreatProtectionDialog)
        self.notifyHighCheck.setObjectName(u"notifyHighCheck")

        self.notifyRow.addWidget(self.notifyHighCheck)


        self.form.setLayout(8, QFormLayout.ItemRole.SpanningRole, self.notifyRow)

        self.sourceArnEditLabel = QLabel(ThreatProtectionDialog)
        self.sourceArnEditLabel.setObjectName(u"sourceArnEditLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.sourceArnEditLabel)

        self.sourceArnEdit = QLineEdit(ThreatProtectionDialog)
        self.sourceArnEdit.setObjectName(u"sourceArnEdit")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.sourceArnEdit)

        self.fromEditLabel = QLabel(ThreatProtectionDialog)
        self.fromEditLabel.setObjectName(u"fromEditLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.fromEditLabel)

        self.fromEdit = QLineEdit(ThreatProtectionDialog)
        self.fromEdit.setObjectName(u"fromEdit")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.fromEdit)

        self.blockedEditLabel = QLabel(ThreatProtectionDialog)
        self.blockedEditLabel.setObjectName(u"blockedEditLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.blockedEditLabel)

        self.blockedEdit = QPlainTextEdit(ThreatProtectionDialog)
        self.blockedEdit.setObjectName(u"blockedEdit")
        self.blockedEdit.setMaximumSize(QSize(16777215, 60))
        self.blockedEdit.setTabChangesFocus(True)

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.blockedEdit)

        self.skippedEditLabel = QLabel(ThreatProtectionDialog)
        self.skippedEditLabel.setObjectName(u"skippedEditLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.skippedEditLabel)

        self.skippedEdit = QPlainTextEdit(ThreatProtectionDialog)
        self.skippedEdit.setObjectName(u"skippedEdit")
        self.skippedEdit.setMaximumSize(QSize(16777215, 60))
        self.skippedEdit.setTabChangesFocus(True)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.skippedEdit)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(ThreatProtectionDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(ThreatProtectionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.scopeComboLabel.setBuddy(self.scopeCombo)
        self.modeComboLabel.setBuddy(self.modeCombo)
        self.compromisedComboLabel.setBuddy(self.compromisedCombo)
        self.lowComboLabel.setBuddy(self.lowCombo)
        self.mediumComboLabel.setBuddy(self.mediumCombo)
        self.highComboLabel.setBuddy(self.highCombo)
        self.sourceArnEditLabel.setBuddy(self.sourceArnEdit)
        self.fromEditLabel.setBuddy(self.fromEdit)
        self.blockedEditLabel.setBuddy(self.blockedEdit)
        self.skippedEditLabel.setBuddy(self.skippedEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ThreatProtectionDialog)
    # setupUi

    def retranslateUi(self, ThreatProtectionDialog):
        ThreatProtectionDialog.setWindowTitle(QCoreApplication.translate("ThreatProtectionDialog", u"Threat protection", None))
        self.scopeComboLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Applies to", None))
#if QT_CONFIG(accessibility)
        self.scopeCombo.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"App client the settings apply to", None))
#endif // QT_CONFIG(accessibility)
        self.modeComboLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Threat protection", None))
        self.modeCombo.setItemText(0, QCoreApplication.translate("ThreatProtectionDialog", u"Off", None))
        self.modeCombo.setItemText(1, QCoreApplication.translate("ThreatProtectionDialog", u"Audit only", None))
        self.modeCombo.setItemText(2, QCoreApplication.translate("ThreatProtectionDialog", u"Full function (enforced)", None))

#if QT_CONFIG(accessibility)
        self.modeCombo.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Threat protection mode", None))
#endif // QT_CONFIG(accessibility)
        self.modeNote.setText("")
        self.compromisedComboLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Compromised credentials", None))
        self.compromisedCombo.setItemText(0, QCoreApplication.translate("ThreatProtectionDialog", u"Block use", None))
        self.compromisedCombo.setItemText(1, QCoreApplication.translate("ThreatProtectionDialog", u"Allow (no action)", None))

#if QT_CONFIG(accessibility)
        self.compromisedCombo.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Compromised credentials action", None))
#endif // QT_CONFIG(accessibility)
        self.signInCheck.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Sign-in", None))
        self.signUpCheck.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Sign-up", None))
        self.passwordChangeCheck.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Password change", None))
        self.lowComboLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Low risk", None))
        self.lowCombo.setItemText(0, QCoreApplication.translate("ThreatProtectionDialog", u"Block", None))
        self.lowCombo.setItemText(1, QCoreApplication.translate("ThreatProtectionDialog", u"Require MFA if the user has it", None))
        self.lowCombo.setItemText(2, QCoreApplication.translate("ThreatProtectionDialog", u"Require MFA", None))
        self.lowCombo.setItemText(3, QCoreApplication.translate("ThreatProtectionDialog", u"Allow (no action)", None))

#if QT_CONFIG(accessibility)
        self.lowCombo.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Low risk action", None))
#endif // QT_CONFIG(accessibility)
        self.mediumComboLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Medium risk", None))
        self.mediumCombo.setItemText(0, QCoreApplication.translate("ThreatProtectionDialog", u"Block", None))
        self.mediumCombo.setItemText(1, QCoreApplication.translate("ThreatProtectionDialog", u"Require MFA if the user has it", None))
        self.mediumCombo.setItemText(2, QCoreApplication.translate("ThreatProtectionDialog", u"Require MFA", None))
        self.mediumCombo.setItemText(3, QCoreApplication.translate("ThreatProtectionDialog", u"Allow (no action)", None))

#if QT_CONFIG(accessibility)
        self.mediumCombo.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Medium risk action", None))
#endif // QT_CONFIG(accessibility)
        self.highComboLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"High risk", None))
        self.highCombo.setItemText(0, QCoreApplication.translate("ThreatProtectionDialog", u"Block", None))
        self.highCombo.setItemText(1, QCoreApplication.translate("ThreatProtectionDialog", u"Require MFA if the user has it", None))
        self.highCombo.setItemText(2, QCoreApplication.translate("ThreatProtectionDialog", u"Require MFA", None))
        self.highCombo.setItemText(3, QCoreApplication.translate("ThreatProtectionDialog", u"Allow (no action)", None))

#if QT_CONFIG(accessibility)
        self.highCombo.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"High risk action", None))
#endif // QT_CONFIG(accessibility)
        self.notifyLowCheck.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Notify users at low risk", None))
        self.notifyMediumCheck.setText(QCoreApplication.translate("ThreatProtectionDialog", u"medium", None))
        self.notifyHighCheck.setText(QCoreApplication.translate("ThreatProtectionDialog", u"high", None))
        self.sourceArnEditLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Notification sender (SES ARN)", None))
#if QT_CONFIG(accessibility)
        self.sourceArnEdit.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"SES identity ARN for notifications", None))
#endif // QT_CONFIG(accessibility)
        self.sourceArnEdit.setPlaceholderText(QCoreApplication.translate("ThreatProtectionDialog", u"arn:aws:ses:us-east-1:123456789012:identity/security@example.com", None))
        self.fromEditLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"From", None))
#if QT_CONFIG(accessibility)
        self.fromEdit.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Notification From address", None))
#endif // QT_CONFIG(accessibility)
        self.blockedEditLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Always block IP ranges", None))
#if QT_CONFIG(accessibility)
        self.blockedEdit.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Blocked IP ranges", None))
#endif // QT_CONFIG(accessibility)
        self.blockedEdit.setPlaceholderText(QCoreApplication.translate("ThreatProtectionDialog", u"CIDR ranges, one per line: 192.0.2.0/24", None))
        self.skippedEditLabel.setText(QCoreApplication.translate("ThreatProtectionDialog", u"Never assess IP ranges", None))
#if QT_CONFIG(accessibility)
        self.skippedEdit.setAccessibleName(QCoreApplication.translate("ThreatProtectionDialog", u"Skipped IP ranges", None))
#endif // QT_CONFIG(accessibility)
        self.skippedEdit.setPlaceholderText(QCoreApplication.translate("ThreatProtectionDialog", u"CIDR ranges, one per line", None))
        self.errorLabel.setText("")
    # retranslateUi

