# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'pool_dialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QSpinBox, QTabWidget, QVBoxLayout,
    QWidget)

class Ui_PoolDialog(object):
    def setupUi(self, PoolDialog):
        if not PoolDialog.objectName():
            PoolDialog.setObjectName(u"PoolDialog")
        PoolDialog.resize(560, 520)
        PoolDialog.setModal(True)
        self.layout = QVBoxLayout(PoolDialog)
        self.layout.setObjectName(u"layout")
        self.tabs = QTabWidget(PoolDialog)
        self.tabs.setObjectName(u"tabs")
        self.page0 = QWidget()
        self.page0.setObjectName(u"page0")
        self.page0Layout = QVBoxLayout(self.page0)
        self.page0Layout.setObjectName(u"page0Layout")
        self.form0 = QFormLayout()
        self.form0.setObjectName(u"form0")
        self.form0.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.nameEditLabel = QLabel(self.page0)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form0.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(self.page0)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form0.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.signInHint = QLabel(self.page0)
        self.signInHint.setObjectName(u"signInHint")
        self.signInHint.setWordWrap(True)

        self.form0.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.signInHint)

        self.signInComboLabel = QLabel(self.page0)
        self.signInComboLabel.setObjectName(u"signInComboLabel")

        self.form0.setWidget(2, QFormLayout.ItemRole.LabelRole, self.signInComboLabel)

        self.signInCombo = QComboBox(self.page0)
        self.signInCombo.addItem("")
        self.signInCombo.addItem("")
        self.signInCombo.addItem("")
        self.signInCombo.addItem("")
        self.signInCombo.addItem("")
        self.signInCombo.addItem("")
        self.signInCombo.setObjectName(u"signInCombo")

        self.form0.setWidget(2, QFormLayout.ItemRole.FieldRole, self.signInCombo)

        self.caseSensitiveCheckLabel = QLabel(self.page0)
        self.caseSensitiveCheckLabel.setObjectName(u"caseSensitiveCheckLabel")

        self.form0.setWidget(3, QFormLayout.ItemRole.LabelRole, self.caseSensitiveCheckLabel)

        self.caseSensitiveCheck = QCheckBox(self.page0)
        self.caseSensitiveCheck.setObjectName(u"caseSensitiveCheck")

        self.form0.setWidget(3, QFormLayout.ItemRole.FieldRole, self.caseSensitiveCheck)

        self.selfSignUpCheckLabel = QLabel(self.page0)
        self.selfSignUpCheckLabel.setObjectName(u"selfSignUpCheckLabel")

        self.form0.setWidget(4, QFormLayout.ItemRole.LabelRole, self.selfSignUpCheckLabel)

        self.selfSignUpCheck = QCheckBox(self.page0)
        self.selfSignUpCheck.setObjectName(u"selfSignUpCheck")
        self.selfSignUpCheck.setChecked(True)

        self.form0.setWidget(4, QFormLayout.ItemRole.FieldRole, self.selfSignUpCheck)

        self.verifyComboLabel = QLabel(self.page0)
        self.verifyComboLabel.setObjectName(u"verifyComboLabel")

        self.form0.setWidget(5, QFormLayout.ItemRole.LabelRole, self.verifyComboLabel)

        self.verifyCombo = QComboBox(self.page0)
        self.verifyCombo.addItem("")
        self.verifyCombo.addItem("")
        self.verifyCombo.addItem("")
        self.verifyCombo.addItem("")
        self.verifyCombo.setObjectName(u"verifyCombo")

        self.form0.setWidget(5, QFormLayout.ItemRole.FieldRole, self.verifyCombo)


        self.page0Layout.addLayout(self.form0)

        self.page0Spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page0Layout.addItem(self.page0Spacer)

        self.tabs.addTab(self.page0, "")
        self.page1 = QWidget()
        self.page1.setObjectName(u"page1")
        self.page1Layout = QVBoxLayout(self.page1)
        self.page1Layout.setObjectName(u"page1Layout")
        self.form1 = QFormLayout()
        self.form1.setObjectName(u"form1")
        self.form1.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.minLengthSpinLabel = QLabel(self.page1)
        self.minLengthSpinLabel.setObjectName(u"minLengthSpinLabel")

        self.form1.setWidget(0, QFormLayout.ItemRole.LabelRole, self.minLengthSpinLabel)

        self.minLengthSpin = QSpinBox(self.page1)
        self.minLengthSpin.setObjectName(u"minLengthSpin")
        self.minLengthSpin.setMinimum(6)
        self.minLengthSpin.setMaximum(99)
        self.minLengthSpin.setValue(8)

        self.form1.setWidget(0, QFormLayout.ItemRole.FieldRole, self.minLengthSpin)

        self.requireGridLabel = QLabel(self.page1)
        self.requireGridLabel.setObjectName(u"requireGridLabel")

        self.form1.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requireGridLabel)

        self.requireGrid = QGridLayout()
        self.requireGrid.setObjectName(u"requireGrid")
        self.upperCheck = QCheckBox(self.page1)
        self.upperCheck.setObjectName(u"upperCheck")

        self.requireGrid.addWidget(self.upperCheck, 0, 0, 1, 1)

        self.lowerCheck = QCheckBox(self.page1)
        self.lowerCheck.setObjectName(u"lowerCheck")

        self.requireGrid.addWidget(self.lowerCheck, 0, 1, 1, 1)

        self.numberCheck = QCheckBox(self.page1)
        self.numberCheck.setObjectName(u"numberCheck")

        self.requireGrid.addWidget(self.numberCheck, 1, 0, 1, 1)

        self.symbolCheck = QCheckBox(self.page1)
        self.symbolCheck.setObjectName(u"symbolCheck")

        self.requireGrid.addWidget(self.symbolCheck, 1, 1, 1, 1)


        self.form1.setLayout(1, QFormLayout.ItemRole.FieldRole, self.requireGrid)

        self.tempDaysSpinLabel = QLabel(self.page1)
        self.tempDaysSpinLabel.setObjectName(u"tempDaysSpinLabel")

        self.form1.setWidget(2, QFormLayout.ItemRole.LabelRole, self.tempDaysSpinLabel)

        self.tempDaysSpin = QSpinBox(self.page1)
        self.tempDaysSpin.setObjectName(u"tempDaysSpin")
        self.tempDaysSpin.setMinimum(0)
        self.tempDaysSpin.setMaximum(365)
        self.tempDaysSpin.setValue(7)

        self.form1.setWidget(2, QFormLayout.ItemRole.FieldRole, self.tempDaysSpin)

        self.reuseSpinLabel = QLabel(self.page1)
        self.reuseSpinLabel.setObjectName(u"reuseSpinLabel")

        self.form1.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reuseSpinLabel)

        self.reuseSpin = QSpinBox(self.page1)
        self.reuseSpin.setObjectName(u"reuseSpin")
        self.reuseSpin.setMinimum(0)
        self.reuseSpin.setMaximum(24)
        self.reuseSpin.setValue(0)

        self.form1.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reuseSpin)


        self.page1Layout.addLayout(self.form1)

        self.page1Spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page1Layout.addItem(self.page1Spacer)

        self.tabs.addTab(self.page1, "")
        self.page2 = QWidget()
        self.page2.setObjectName(u"page2")
        self.page2Layout = QVBoxLayout(self.page2)
        self.page2Layout.setObjectName(u"page2Layout")
        self.form2 = QFormLayout()
        self.form2.setObjectName(u"form2")
        self.form2.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.mfaComboLabel = QLabel(self.page2)
        self.mfaComboLabel.setObjectName(u"mfaComboLabel")

        self.form2.setWidget(0, QFormLayout.ItemRole.LabelRole, self.mfaComboLabel)

        self.mfaCombo = QComboBox(self.page2)
        self.mfaCombo.addItem("")
        self.mfaCombo.addItem("")
        self.mfaCombo.addItem("")
        self.mfaCombo.setObjectName(u"mfaCombo")

        self.form2.setWidget(0, QFormLayout.ItemRole.FieldRole, self.mfaCombo)

        self.totpCheckLabel = QLabel(self.page2)
        self.totpCheckLabel.setObjectName(u"totpCheckLabel")

        self.form2.setWidget(1, QFormLayout.ItemRole.LabelRole, self.totpCheckLabel)

        self.totpCheck = QCheckBox(self.page2)
        self.totpCheck.setObjectName(u"totpCheck")
        self.totpCheck.setChecked(True)

        self.form2.setWidget(1, QFormLayout.ItemRole.FieldRole, self.totpCheck)

        self.smsCheckLabel = QLabel(self.page2)
        self.smsCheckLabel.setObjectName(u"smsCheckLabel")

        self.form2.setWidget(2, QFormLayout.ItemRole.LabelRole, self.smsCheckLabel)

        self.smsCheck = QCheckBox(self.page2)
        self.smsCheck.setObjectName(u"smsCheck")

        self.form2.setWidget(2, QFormLayout.ItemRole.FieldRole, self.smsCheck)

        self.recoveryComboLabel = QLabel(self.page2)
        self.recoveryComboLabel.setObjectName(u"recoveryComboLabel")

        self.form2.setWidget(3, QFormLayout.ItemRole.LabelRole, self.recoveryComboLabel)

        self.recoveryCombo = QComboBox(self.page2)
        self.recoveryCombo.addItem("")
        self.recoveryCombo.addItem("")
        self.recoveryCombo.addItem("")
        self.recoveryCombo.addItem("")
        self.recoveryCombo.addItem("")
        self.recoveryCombo.setObjectName(u"recoveryCombo")

        self.form2.setWidget(3, QFormLayout.ItemRole.FieldRole, self.recoveryCombo)


        self.page2Layout.addLayout(self.form2)

        self.page2Spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page2Layout.addItem(self.page2Spacer)

        self.tabs.addTab(self.page2, "")
        self.page3 = QWidget()
        self.page3.setObjectName(u"page3")
        self.page3Layout = QVBoxLayout(self.page3)
        self.page3Layout.setObjectName(u"page3Layout")
        self.form3 = QFormLayout()
        self.form3.setObjectName(u"form3")
        self.form3.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.deletionCheckLabel = QLabel(self.page3)
        self.deletionCheckLabel.setObjectName(u"deletionCheckLabel")

        self.form3.setWidget(0, QFormLayout.ItemRole.LabelRole, self.deletionCheckLabel)

        self.deletionCheck = QCheckBox(self.page3)
        self.deletionCheck.setObjectName(u"deletionCheck")

        self.form3.setWidget(0, QFormLayout.ItemRole.FieldRole, self.deletionCheck)

        self.tagsEditLabel = QLabel(self.page3)
        self.tagsEditLabel.setObjectName(u"tagsEditLabel")

        self.form3.setWidget(1, QFormLayout.ItemRole.LabelRole, self.tagsEditLabel)

        self.tagsEdit = QPlainTextEdit(self.page3)
        self.tagsEdit.setObjectName(u"tagsEdit")
        self.tagsEdit.setMaximumSize(QSize(16777215, 90))

        self.form3.setWidget(1, QFormLayout.ItemRole.FieldRole, self.tagsEdit)


        self.page3Layout.addLayout(self.form3)

        self.page3Spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page3Layout.addItem(self.page3Spacer)

        self.tabs.addTab(self.page3, "")

        self.layout.addWidget(self.tabs)

        self.errorLabel = QLabel(PoolDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(PoolDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.signInComboLabel.setBuddy(self.signInCombo)
        self.caseSensitiveCheckLabel.setBuddy(self.caseSensitiveCheck)
        self.selfSignUpCheckLabel.setBuddy(self.selfSignUpCheck)
        self.verifyComboLabel.setBuddy(self.verifyCombo)
        self.minLengthSpinLabel.setBuddy(self.minLengthSpin)
        self.tempDaysSpinLabel.setBuddy(self.tempDaysSpin)
        self.reuseSpinLabel.setBuddy(self.reuseSpin)
        self.mfaComboLabel.setBuddy(self.mfaCombo)
        self.totpCheckLabel.setBuddy(self.totpCheck)
        self.smsCheckLabel.setBuddy(self.smsCheck)
        self.recoveryComboLabel.setBuddy(self.recoveryCombo)
        self.deletionCheckLabel.setBuddy(self.deletionCheck)
        self.tagsEditLabel.setBuddy(self.tagsEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PoolDialog)
    # setupUi

    def retranslateUi(self, PoolDialog):
        PoolDialog.setWindowTitle(QCoreApplication.translate("PoolDialog", u"Create user pool", None))
        self.nameEditLabel.setText(QCoreApplication.translate("PoolDialog", u"User pool name", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PoolDialog", u"my-app-users", None))
        self.signInHint.setText(QCoreApplication.translate("PoolDialog", u"How users sign in. Usernames and their attributes cannot be changed after the pool exists.", None))
        self.signInComboLabel.setText(QCoreApplication.translate("PoolDialog", u"Sign-in identifiers", None))
        self.signInCombo.setItemText(0, QCoreApplication.translate("PoolDialog", u"User name", None))
        self.signInCombo.setItemText(1, QCoreApplication.translate("PoolDialog", u"Email address", None))
        self.signInCombo.setItemText(2, QCoreApplication.translate("PoolDialog", u"Phone number", None))
        self.signInCombo.setItemText(3, QCoreApplication.translate("PoolDialog", u"Email address or phone number", None))
        self.signInCombo.setItemText(4, QCoreApplication.translate("PoolDialog", u"User name, with email as an alias", None))
        self.signInCombo.setItemText(5, QCoreApplication.translate("PoolDialog", u"User name, with email or phone as an alias", None))

        self.caseSensitiveCheckLabel.setText(QCoreApplication.translate("PoolDialog", u"Case", None))
        self.caseSensitiveCheck.setText(QCoreApplication.translate("PoolDialog", u"User names are case sensitive", None))
        self.selfSignUpCheckLabel.setText(QCoreApplication.translate("PoolDialog", u"Sign-up", None))
        self.selfSignUpCheck.setText(QCoreApplication.translate("PoolDialog", u"Let users sign themselves up", None))
        self.verifyComboLabel.setText(QCoreApplication.translate("PoolDialog", u"Verify", None))
        self.verifyCombo.setItemText(0, QCoreApplication.translate("PoolDialog", u"Email address", None))
        self.verifyCombo.setItemText(1, QCoreApplication.translate("PoolDialog", u"Phone number", None))
        self.verifyCombo.setItemText(2, QCoreApplication.translate("PoolDialog", u"Email address and phone number", None))
        self.verifyCombo.setItemText(3, QCoreApplication.translate("PoolDialog", u"Nothing", None))

        self.tabs.setTabText(self.tabs.indexOf(self.page0), QCoreApplication.translate("PoolDialog", u"Sign-in", None))
        self.minLengthSpinLabel.setText(QCoreApplication.translate("PoolDialog", u"Minimum length", None))
        self.minLengthSpin.setSuffix(QCoreApplication.translate("PoolDialog", u" characters", None))
        self.requireGridLabel.setText(QCoreApplication.translate("PoolDialog", u"Require", None))
        self.upperCheck.setText(QCoreApplication.translate("PoolDialog", u"An uppercase letter", None))
        self.lowerCheck.setText(QCoreApplication.translate("PoolDialog", u"A lowercase letter", None))
        self.numberCheck.setText(QCoreApplication.translate("PoolDialog", u"A number", None))
        self.symbolCheck.setText(QCoreApplication.translate("PoolDialog", u"A symbol", None))
        self.tempDaysSpinLabel.setText(QCoreApplication.translate("PoolDialog", u"Temporary passwords expire after", None))
        self.tempDaysSpin.setSuffix(QCoreApplication.translate("PoolDialog", u" days", None))
        self.reuseSpinLabel.setText(QCoreApplication.translate("PoolDialog", u"Prevent reuse of", None))
        self.reuseSpin.setSuffix(QCoreApplication.translate("PoolDialog", u" previous passwords", None))
        self.reuseSpin.setSpecialValueText(QCoreApplication.translate("PoolDialog", u"Reuse allowed", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page1), QCoreApplication.translate("PoolDialog", u"Password policy", None))
        self.mfaComboLabel.setText(QCoreApplication.translate("PoolDialog", u"Multi-factor authentication", None))
        self.mfaCombo.setItemText(0, QCoreApplication.translate("PoolDialog", u"No MFA", None))
        self.mfaCombo.setItemText(1, QCoreApplication.translate("PoolDialog", u"Optional MFA", None))
        self.mfaCombo.setItemText(2, QCoreApplication.translate("PoolDialog", u"Require MFA", None))

        self.totpCheckLabel.setText(QCoreApplication.translate("PoolDialog", u"Methods", None))
        self.totpCheck.setText(QCoreApplication.translate("PoolDialog", u"Authenticator apps (TOTP)", None))
        self.smsCheckLabel.setText("")
        self.smsCheck.setText(QCoreApplication.translate("PoolDialog", u"SMS messages", None))
        self.recoveryComboLabel.setText(QCoreApplication.translate("PoolDialog", u"Account recovery", None))
        self.recoveryCombo.setItemText(0, QCoreApplication.translate("PoolDialog", u"Email only", None))
        self.recoveryCombo.setItemText(1, QCoreApplication.translate("PoolDialog", u"Email, then phone", None))
        self.recoveryCombo.setItemText(2, QCoreApplication.translate("PoolDialog", u"Phone, then email", None))
        self.recoveryCombo.setItemText(3, QCoreApplication.translate("PoolDialog", u"Phone only", None))
        self.recoveryCombo.setItemText(4, QCoreApplication.translate("PoolDialog", u"None (administrators reset passwords)", None))

        self.tabs.setTabText(self.tabs.indexOf(self.page2), QCoreApplication.translate("PoolDialog", u"MFA and recovery", None))
        self.deletionCheckLabel.setText(QCoreApplication.translate("PoolDialog", u"Deletion protection", None))
        self.deletionCheck.setText(QCoreApplication.translate("PoolDialog", u"Refuse DeleteUserPool while active", None))
        self.tagsEditLabel.setText(QCoreApplication.translate("PoolDialog", u"Tags", None))
        self.tagsEdit.setPlaceholderText(QCoreApplication.translate("PoolDialog", u"key=value, one per line", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page3), QCoreApplication.translate("PoolDialog", u"Protection and tags", None))
        self.errorLabel.setText("")
    # retranslateUi

