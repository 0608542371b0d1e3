# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'app_client_dialog.ui'
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

class Ui_AppClientDialog(object):
    def setupUi(self, AppClientDialog):
        if not AppClientDialog.objectName():
            AppClientDialog.setObjectName(u"AppClientDialog")
        AppClientDialog.resize(600, 560)
        AppClientDialog.setModal(True)
        self.layout = QVBoxLayout(AppClientDialog)
        self.layout.setObjectName(u"layout")
        self.tabs = QTabWidget(AppClientDialog)
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

        self.secretCheckLabel = QLabel(self.page0)
        self.secretCheckLabel.setObjectName(u"secretCheckLabel")

        self.form0.setWidget(1, QFormLayout.ItemRole.LabelRole, self.secretCheckLabel)

        self.secretCheck = QCheckBox(self.page0)
        self.secretCheck.setObjectName(u"secretCheck")

        self.form0.setWidget(1, QFormLayout.ItemRole.FieldRole, self.secretCheck)

        self.flowsGridLabel = QLabel(self.page0)
        self.flowsGridLabel.setObjectName(u"flowsGridLabel")

        self.form0.setWidget(2, QFormLayout.ItemRole.LabelRole, self.flowsGridLabel)

        self.flowsGrid = QGridLayout()
        self.flowsGrid.setObjectName(u"flowsGrid")
        self.flowSrp = QCheckBox(self.page0)
        self.flowSrp.setObjectName(u"flowSrp")

        self.flowsGrid.addWidget(self.flowSrp, 0, 0, 1, 1)

        self.flowPassword = QCheckBox(self.page0)
        self.flowPassword.setObjectName(u"flowPassword")

        self.flowsGrid.addWidget(self.flowPassword, 1, 0, 1, 1)

        self.flowAdmin = QCheckBox(self.page0)
        self.flowAdmin.setObjectName(u"flowAdmin")

        self.flowsGrid.addWidget(self.flowAdmin, 2, 0, 1, 1)

        self.flowCustom = QCheckBox(self.page0)
        self.flowCustom.setObjectName(u"flowCustom")

        self.flowsGrid.addWidget(self.flowCustom, 3, 0, 1, 1)

        self.flowUserAuth = QCheckBox(self.page0)
        self.flowUserAuth.setObjectName(u"flowUserAuth")

        self.flowsGrid.addWidget(self.flowUserAuth, 4, 0, 1, 1)

        self.flowRefresh = QCheckBox(self.page0)
        self.flowRefresh.setObjectName(u"flowRefresh")

        self.flowsGrid.addWidget(self.flowRefresh, 5, 0, 1, 1)


        self.form0.setLayout(2, QFormLayout.ItemRole.FieldRole, self.flowsGrid)

        self.preventComboLabel = QLabel(self.page0)
        self.preventComboLabel.setObjectName(u"preventComboLabel")

        self.form0.setWidget(3, QFormLayout.ItemRole.LabelRole, self.preventComboLabel)

        self.preventCombo = QComboBox(self.page0)
        self.preventCombo.addItem("")
        self.preventCombo.addItem("")
        self.preventCombo.setObjectName(u"preventCombo")

        self.form0.setWidget(3, QFormLayout.ItemRole.FieldRole, self.preventCombo)

        self.revocationCheckLabel = QLabel(self.page0)
        self.revocationCheckLabel.setObjectName(u"revocationCheckLabel")

        self.form0.setWidget(4, QFormLayout.ItemRole.LabelRole, self.revocationCheckLabel)

        self.revocationCheck = QCheckBox(self.page0)
        self.revocationCheck.setObjectName(u"revocationCheck")
        self.revocationCheck.setChecked(True)

        self.form0.setWidget(4, QFormLayout.ItemRole.FieldRole, self.revocationCheck)


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
        self.oauthCheckLabel = QLabel(self.page1)
        self.oauthCheckLabel.setObjectName(u"oauthCheckLabel")

        self.form1.setWidget(0, QFormLayout.ItemRole.LabelRole, self.oauthCheckLabel)

        self.oauthCheck = QCheckBox(self.page1)
        self.oauthCheck.setObjectName(u"oauthCheck")

        self.form1.setWidget(0, QFormLayout.ItemRole.FieldRole, self.oauthCheck)

        self.grantsGridLabel = QLabel(self.page1)
        self.grantsGridLabel.setObjectName(u"grantsGridLabel")

        self.form1.setWidget(1, QFormLayout.ItemRole.LabelRole, self.grantsGridLabel)

        self.grantsGrid = QGridLayout()
        self.grantsGrid.setObjectName(u"grantsGrid")
        self.grantCode = QCheckBox(self.page1)
        self.grantCode.setObjectName(u"grantCode")

        self.grantsGrid.addWidget(self.grantCode, 0, 0, 1, 1)

        self.grantImplicit = QCheckBox(self.page1)
        self.grantImplicit.setObjectName(u"grantImplicit")

        self.grantsGrid.addWidget(self.grantImplicit, 0, 1, 1, 1)

        self.grantClient = QCheckBox(self.page1)
        self.grantClient.setObjectName(u"grantClient")

        self.grantsGrid.addWidget(self.grantClient, 0, 2, 1, 1)


        self.form1.setLayout(1, QFormLayout.ItemRole.FieldRole, self.grantsGrid)

        self.scopesEditLabel = QLabel(self.page1)
        self.scopesEditLabel.setObjectName(u"scopesEditLabel")

        self.form1.setWidget(2, QFormLayout.ItemRole.LabelRole, self.scopesEditLabel)

        self.scopesEdit = QLineEdit(self.page1)
        self.scopesEdit.setObjectName(u"scopesEdit")

        self.form1.setWidget(2, QFormLayout.ItemRole.FieldRole, self.scopesEdit)

        self.callbacksEditLabel = QLabel(self.page1)
        self.callbacksEditLabel.setObjectName(u"callbacksEditLabel")

        self.form1.setWidget(3, QFormLayout.ItemRole.LabelRole, self.callbacksEditLabel)

        self.callbacksEdit = QPlainTextEdit(self.page1)
        self.callbacksEdit.setObjectName(u"callbacksEdit")
        self.callbacksEdit.setMaximumSize(QSize(16777215, 70))

        self.form1.setWidget(3, QFormLayout.ItemRole.FieldRole, self.callbacksEdit)

        self.logoutsEditLabel = QLabel(self.page1)
        self.logoutsEditLabel.setObjectName(u"logoutsEditLabel")

        self.form1.setWidget(4, QFormLayout.ItemRole.LabelRole, self.logoutsEditLabel)

        self.logoutsEdit = QPlainTextEdit(self.page1)
        self.logoutsEdit.setObjectName(u"logoutsEdit")
        self.logoutsEdit.setMaximumSize(QSize(16777215, 70))

        self.form1.setWidget(4, QFormLayout.ItemRole.FieldRole, self.logoutsEdit)

        self.providersEditLabel = QLabel(self.page1)
        self.providersEditLabel.setObjectName(u"providersEditLabel")

        self.form1.setWidget(5, QFormLayout.ItemRole.LabelRole, self.providersEditLabel)

        self.providersEdit = QLineEdit(self.page1)
        self.providersEdit.setObjectName(u"providersEdit")

        self.form1.setWidget(5, QFormLayout.ItemRole.FieldRole, self.providersEdit)


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
        self.accessSpinLabel = QLabel(self.page2)
        self.accessSpinLabel.setObjectName(u"accessSpinLabel")

        self.form2.setWidget(0, QFormLayout.ItemRole.LabelRole, self.accessSpinLabel)

        self.accessSpin = QSpinBox(self.page2)
        self.accessSpin.setObjectName(u"accessSpin")
        self.accessSpin.setMinimum(5)
        self.accessSpin.setMaximum(1440)
        self.accessSpin.setValue(60)

        self.form2.setWidget(0, QFormLayout.ItemRole.FieldRole, self.accessSpin)

        self.idSpinLabel = QLabel(self.page2)
        self.idSpinLabel.setObjectName(u"idSpinLabel")

        self.form2.setWidget(1, QFormLayout.ItemRole.LabelRole, self.idSpinLabel)

        self.idSpin = QSpinBox(self.page2)
        self.idSpin.setObjectName(u"idSpin")
        self.idSpin.setMinimum(5)
        self.idSpin.setMaximum(1440)
        self.idSpin.setValue(60)

        self.form2.setWidget(1, QFormLayout.ItemRole.FieldRole, self.idSpin)

        self.refreshSpinLabel = QLabel(self.page2)
        self.refreshSpinLabel.setObjectName(u"refreshSpinLabel")

        self.form2.setWidget(2, QFormLayout.ItemRole.LabelRole, self.refreshSpinLabel)

        self.refreshSpin = QSpinBox(self.page2)
        self.refreshSpin.setObjectName(u"refreshSpin")
        self.refreshSpin.setMinimum(1)
        self.refreshSpin.setMaximum(3650)
        self.refreshSpin.setValue(30)

        self.form2.setWidget(2, QFormLayout.ItemRole.FieldRole, self.refreshSpin)

        self.authSessionSpinLabel = QLabel(self.page2)
        self.authSessionSpinLabel.setObjectName(u"authSessionSpinLabel")

        self.form2.setWidget(3, QFormLayout.ItemRole.LabelRole, self.authSessionSpinLabel)

        self.authSessionSpin = QSpinBox(self.page2)
        self.authSessionSpin.setObjectName(u"authSessionSpin")
        self.authSessionSpin.setMinimum(3)
        self.authSessionSpin.setMaximum(15)
        self.authSessionSpin.setValue(3)

        self.form2.setWidget(3, QFormLayout.ItemRole.FieldRole, self.authSessionSpin)


        self.page2Layout.addLayout(self.form2)

        self.page2Spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page2Layout.addItem(self.page2Spacer)

        self.tabs.addTab(self.page2, "")

        self.layout.addWidget(self.tabs)

        self.errorLabel = QLabel(AppClientDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(AppClientDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.secretCheckLabel.setBuddy(self.secretCheck)
        self.preventComboLabel.setBuddy(self.preventCombo)
        self.revocationCheckLabel.setBuddy(self.revocationCheck)
        self.oauthCheckLabel.setBuddy(self.oauthCheck)
        self.scopesEditLabel.setBuddy(self.scopesEdit)
        self.callbacksEditLabel.setBuddy(self.callbacksEdit)
        self.logoutsEditLabel.setBuddy(self.logoutsEdit)
        self.providersEditLabel.setBuddy(self.providersEdit)
        self.accessSpinLabel.setBuddy(self.accessSpin)
        self.idSpinLabel.setBuddy(self.idSpin)
        self.refreshSpinLabel.setBuddy(self.refreshSpin)
        self.authSessionSpinLabel.setBuddy(self.authSessionSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AppClientDialog)
    # setupUi

    def retranslateUi(self, AppClientDialog):
        AppClientDialog.setWindowTitle(QCoreApplication.translate("AppClientDialog", u"App client", None))
        self.nameEditLabel.setText(QCoreApplication.translate("AppClientDialog", u"App client name", None))
        self.secretCheckLabel.setText(QCoreApplication.translate("AppClientDialog", u"Client secret", None))
        self.secretCheck.setText(QCoreApplication.translate("AppClientDialog", u"Generate a client secret (server-side apps)", None))
        self.flowsGridLabel.setText(QCoreApplication.translate("AppClientDialog", u"Authentication flows", None))
        self.flowSrp.setText(QCoreApplication.translate("AppClientDialog", u"ALLOW_USER_SRP_AUTH", None))
        self.flowPassword.setText(QCoreApplication.translate("AppClientDialog", u"ALLOW_USER_PASSWORD_AUTH", None))
        self.flowAdmin.setText(QCoreApplication.translate("AppClientDialog", u"ALLOW_ADMIN_USER_PASSWORD_AUTH", None))
        self.flowCustom.setText(QCoreApplication.translate("AppClientDialog", u"ALLOW_CUSTOM_AUTH", None))
        self.flowUserAuth.setText(QCoreApplication.translate("AppClientDialog", u"ALLOW_USER_AUTH", None))
        self.flowRefresh.setText(QCoreApplication.translate("AppClientDialog", u"ALLOW_REFRESH_TOKEN_AUTH", None))
        self.preventComboLabel.setText(QCoreApplication.translate("AppClientDialog", u"Prevent user existence errors", None))
        self.preventCombo.setItemText(0, QCoreApplication.translate("AppClientDialog", u"ENABLED", None))
        self.preventCombo.setItemText(1, QCoreApplication.translate("AppClientDialog", u"LEGACY", None))

        self.revocationCheckLabel.setText(QCoreApplication.translate("AppClientDialog", u"Token revocation", None))
        self.revocationCheck.setText(QCoreApplication.translate("AppClientDialog", u"Enable token revocation", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page0), QCoreApplication.translate("AppClientDialog", u"General", None))
        self.oauthCheckLabel.setText(QCoreApplication.translate("AppClientDialog", u"OAuth", None))
        self.oauthCheck.setText(QCoreApplication.translate("AppClientDialog", u"Allow OAuth 2.0 flows for this client", None))
        self.grantsGridLabel.setText(QCoreApplication.translate("AppClientDialog", u"Grant types", None))
        self.grantCode.setText(QCoreApplication.translate("AppClientDialog", u"Authorization code", None))
        self.grantImplicit.setText(QCoreApplication.translate("AppClientDialog", u"Implicit", None))
        self.grantClient.setText(QCoreApplication.translate("AppClientDialog", u"Client credentials", None))
        self.scopesEditLabel.setText(QCoreApplication.translate("AppClientDialog", u"Scopes", None))
        self.scopesEdit.setPlaceholderText(QCoreApplication.translate("AppClientDialog", u"openid email profile", None))
        self.callbacksEditLabel.setText(QCoreApplication.translate("AppClientDialog", u"Callback URLs", None))
        self.callbacksEdit.setPlaceholderText(QCoreApplication.translate("AppClientDialog", u"https://example.com/callback (one per line)", None))
        self.logoutsEditLabel.setText(QCoreApplication.translate("AppClientDialog", u"Sign-out URLs", None))
        self.logoutsEdit.setPlaceholderText(QCoreApplication.translate("AppClientDialog", u"https://example.com/ (one per line)", None))
        self.providersEditLabel.setText(QCoreApplication.translate("AppClientDialog", u"Identity providers", None))
        self.providersEdit.setPlaceholderText(QCoreApplication.translate("AppClientDialog", u"COGNITO", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page1), QCoreApplication.translate("AppClientDialog", u"Hosted UI and OAuth", None))
        self.accessSpinLabel.setText(QCoreApplication.translate("AppClientDialog", u"Access token validity", None))
        self.accessSpin.setSuffix(QCoreApplication.translate("AppClientDialog", u" minutes", None))
        self.idSpinLabel.setText(QCoreApplication.translate("AppClientDialog", u"ID token validity", None))
        self.idSpin.setSuffix(QCoreApplication.translate("AppClientDialog", u" minutes", None))
        self.refreshSpinLabel.setText(QCoreApplication.translate("AppClientDialog", u"Refresh token validity", None))
        self.refreshSpin.setSuffix(QCoreApplication.translate("AppClientDialog", u" days", None))
        self.authSessionSpinLabel.setText(QCoreApplication.translate("AppClientDialog", u"Authentication flow session", None))
        self.authSessionSpin.setSuffix(QCoreApplication.translate("AppClientDialog", u" minutes", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page2), QCoreApplication.translate("AppClientDialog", u"Tokens", None))
        self.errorLabel.setText("")
    # retranslateUi

