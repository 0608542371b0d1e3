# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'idp_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTabWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_IdentityProviderDialog(object):
    def setupUi(self, IdentityProviderDialog):
        if not IdentityProviderDialog.objectName():
            IdentityProviderDialog.setObjectName(u"IdentityProviderDialog")
        IdentityProviderDialog.resize(600, 580)
        IdentityProviderDialog.setModal(True)
        self.layout = QVBoxLayout(IdentityProviderDialog)
        self.layout.setObjectName(u"layout")
        self.tabs = QTabWidget(IdentityProviderDialog)
        self.tabs.setObjectName(u"tabs")
        self.page0 = QWidget()
        self.page0.setObjectName(u"page0")
        self.page0Layout = QVBoxLayout(self.page0)
        self.page0Layout.setObjectName(u"page0Layout")
        self.form0 = QFormLayout()
        self.form0.setObjectName(u"form0")
        self.form0.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.typeComboLabel = QLabel(self.page0)
        self.typeComboLabel.setObjectName(u"typeComboLabel")

        self.form0.setWidget(0, QFormLayout.ItemRole.LabelRole, self.typeComboLabel)

        self.typeCombo = QComboBox(self.page0)
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.setObjectName(u"typeCombo")

        self.form0.setWidget(0, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.nameEditLabel = QLabel(self.page0)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form0.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(self.page0)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form0.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.clientIdEditLabel = QLabel(self.page0)
        self.clientIdEditLabel.setObjectName(u"clientIdEditLabel")

        self.form0.setWidget(2, QFormLayout.ItemRole.LabelRole, self.clientIdEditLabel)

        self.clientIdEdit = QLineEdit(self.page0)
        self.clientIdEdit.setObjectName(u"clientIdEdit")

        self.form0.setWidget(2, QFormLayout.ItemRole.FieldRole, self.clientIdEdit)

        self.clientSecretEditLabel = QLabel(self.page0)
        self.clientSecretEditLabel.setObjectName(u"clientSecretEditLabel")

        self.form0.setWidget(3, QFormLayout.ItemRole.LabelRole, self.clientSecretEditLabel)

        self.clientSecretEdit = QLineEdit(self.page0)
        self.clientSecretEdit.setObjectName(u"clientSecretEdit")
        self.clientSecretEdit.setEchoMode(QLineEdit.Password)

        self.form0.setWidget(3, QFormLayout.ItemRole.FieldRole, self.clientSecretEdit)

        self.issuerEditLabel = QLabel(self.page0)
        self.issuerEditLabel.setObjectName(u"issuerEditLabel")

        self.form0.setWidget(4, QFormLayout.ItemRole.LabelRole, self.issuerEditLabel)

        self.issuerEdit = QLineEdit(self.page0)
        self.issuerEdit.setObjectName(u"issuerEdit")

        self.form0.setWidget(4, QFormLayout.ItemRole.FieldRole, self.issuerEdit)

        self.methodComboLabel = QLabel(self.page0)
        self.methodComboLabel.setObjectName(u"methodComboLabel")

        self.form0.setWidget(5, QFormLayout.ItemRole.LabelRole, self.methodComboLabel)

        self.methodCombo = QComboBox(self.page0)
        self.methodCombo.addItem("")
        self.methodCombo.addItem("")
        self.methodCombo.setObjectName(u"methodCombo")

        self.form0.setWidget(5, QFormLayout.ItemRole.FieldRole, self.methodCombo)

        self.scopesEditLabel = QLabel(self.page0)
        self.scopesEditLabel.setObjectName(u"scopesEditLabel")

        self.form0.setWidget(6, QFormLayout.ItemRole.LabelRole, self.scopesEditLabel)

        self.scopesEdit = QLineEdit(self.page0)
        self.scopesEdit.setObjectName(u"scopesEdit")

        self.form0.setWidget(6, QFormLayout.ItemRole.FieldRole, self.scopesEdit)

        self.teamEditLabel = QLabel(self.page0)
        self.teamEditLabel.setObjectName(u"teamEditLabel")

        self.form0.setWidget(7, QFormLayout.ItemRole.LabelRole, self.teamEditLabel)

        self.teamEdit = QLineEdit(self.page0)
        self.teamEdit.setObjectName(u"teamEdit")

        self.form0.setWidget(7, QFormLayout.ItemRole.FieldRole, self.teamEdit)

        self.keyIdEditLabel = QLabel(self.page0)
        self.keyIdEditLabel.setObjectName(u"keyIdEditLabel")

        self.form0.setWidget(8, QFormLayout.ItemRole.LabelRole, self.keyIdEditLabel)

        self.keyIdEdit = QLineEdit(self.page0)
        self.keyIdEdit.setObjectName(u"keyIdEdit")

        self.form0.setWidget(8, QFormLayout.ItemRole.FieldRole, self.keyIdEdit)

        self.privateKeyEditLabel = QLabel(self.page0)
        self.privateKeyEditLabel.setObjectName(u"privateKeyEditLabel")

        self.form0.setWidget(9, QFormLayout.ItemRole.LabelRole, self.privateKeyEditLabel)

        self.privateKeyEdit = QPlainTextEdit(self.page0)
        self.privateKeyEdit.setObjectName(u"privateKeyEdit")
        self.privateKeyEdit.setMaximumSize(QSize(16777215, 60))

        self.form0.setWidget(9, QFormLayout.ItemRole.FieldRole, self.privateKeyEdit)

        self.metadataUrlEditLabel = QLabel(self.page0)
        self.metadataUrlEditLabel.setObjectName(u"metadataUrlEditLabel")

        self.form0.setWidget(10, QFormLayout.ItemRole.LabelRole, self.metadataUrlEditLabel)

        self.metadataUrlEdit = QLineEdit(self.page0)
        self.metadataUrlEdit.setObjectName(u"metadataUrlEdit")

        self.form0.setWidget(10, QFormLayout.ItemRole.FieldRole, self.metadataUrlEdit)

        self.metadataFileLabel = QLabel(self.page0)
        self.metadataFileLabel.setObjectName(u"metadataFileLabel")

        self.form0.setWidget(11, QFormLayout.ItemRole.LabelRole, self.metadataFileLabel)

        self.metadataFileLayout = QHBoxLayout()
        self.metadataFileLayout.setObjectName(u"metadataFileLayout")
        self.metadataFileButton = QPushButton(self.page0)
        self.metadataFileButton.setObjectName(u"metadataFileButton")

        self.metadataFileLayout.addWidget(self.metadataFileButton)

        self.metadataFileSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.metadataFileLayout.addItem(self.metadataFileSpacer)


        self.form0.setLayout(11, QFormLayout.ItemRole.FieldRole, self.metadataFileLayout)

        self.identifiersEditLabel = QLabel(self.page0)
        self.identifiersEditLabel.setObjectName(u"identifiersEditLabel")

        self.form0.setWidget(12, QFormLayout.ItemRole.LabelRole, self.identifiersEditLabel)

        self.identifiersEdit = QLineEdit(self.page0)
        self.identifiersEdit.setObjectName(u"identifiersEdit")

        self.form0.setWidget(12, QFormLayout.ItemRole.FieldRole, self.identifiersEdit)


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
        self.mappingHint = QLabel(self.page1)
        self.mappingHint.setObjectName(u"mappingHint")
        self.mappingHint.setWordWrap(True)

        self.form1.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.mappingHint)

        self.mappingTable = QTableView(self.page1)
        self.mappingTable.setObjectName(u"mappingTable")
        self.mappingTable.setMinimumSize(QSize(0, 120))
        self.mappingTable.horizontalHeader().setStretchLastSection(True)
        self.mappingTable.verticalHeader().setVisible(False)

        self.form1.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.mappingTable)

        self.mappingButtonsLayout = QHBoxLayout()
        self.mappingButtonsLayout.setObjectName(u"mappingButtonsLayout")
        self.addMappingButton = QPushButton(self.page1)
        self.addMappingButton.setObjectName(u"addMappingButton")

        self.mappingButtonsLayout.addWidget(self.addMappingButton)

        self.removeMappingButton = QPushButton(self.page1)
        self.removeMappingButton.setObjectName(u"removeMappingButton")

        self.mappingButtonsLayout.addWidget(self.removeMappingButton)

        self.mappingButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.mappingButtonsLayout.addItem(self.mappingButtonsSpacer)


        self.form1.setLayout(2, QFormLayout.ItemRole.SpanningRole, self.mappingButtonsLayout)


        self.page1Layout.addLayout(self.form1)

        self.page1Spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page1Layout.addItem(self.page1Spacer)

        self.tabs.addTab(self.page1, "")

        self.layout.addWidget(self.tabs)

        self.errorLabel = QLabel(IdentityProviderDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(IdentityProviderDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.typeComboLabel.setBuddy(self.typeCombo)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.clientIdEditLabel.setBuddy(self.clientIdEdit)
        self.clientSecretEditLabel.setBuddy(self.clientSecretEdit)
        self.issuerEditLabel.setBuddy(self.issuerEdit)
        self.methodComboLabel.setBuddy(self.methodCombo)
        self.scopesEditLabel.setBuddy(self.scopesEdit)
        self.teamEditLabel.setBuddy(self.teamEdit)
        self.keyIdEditLabel.setBuddy(self.keyIdEdit)
        self.privateKeyEditLabel.setBuddy(self.privateKeyEdit)
        self.metadataUrlEditLabel.setBuddy(self.metadataUrlEdit)
        self.identifiersEditLabel.setBuddy(self.identifiersEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IdentityProviderDialog)
    # setupUi

    def retranslateUi(self, IdentityProviderDialog):
        IdentityProviderDialog.setWindowTitle(QCoreApplication.translate("IdentityProviderDialog", u"Identity provider", None))
        self.typeComboLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Type", None))
        self.typeCombo.setItemText(0, QCoreApplication.translate("IdentityProviderDialog", u"OIDC", None))
        self.typeCombo.setItemText(1, QCoreApplication.translate("IdentityProviderDialog", u"SAML", None))
        self.typeCombo.setItemText(2, QCoreApplication.translate("IdentityProviderDialog", u"Google", None))
        self.typeCombo.setItemText(3, QCoreApplication.translate("IdentityProviderDialog", u"Facebook", None))
        self.typeCombo.setItemText(4, QCoreApplication.translate("IdentityProviderDialog", u"LoginWithAmazon", None))
        self.typeCombo.setItemText(5, QCoreApplication.translate("IdentityProviderDialog", u"SignInWithApple", None))

        self.nameEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Provider name", None))
        self.clientIdEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Client ID", None))
        self.clientSecretEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Client secret", None))
        self.issuerEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Issuer URL", None))
        self.issuerEdit.setPlaceholderText(QCoreApplication.translate("IdentityProviderDialog", u"https://accounts.example.com", None))
        self.methodComboLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Attributes request method", None))
        self.methodCombo.setItemText(0, QCoreApplication.translate("IdentityProviderDialog", u"GET", None))
        self.methodCombo.setItemText(1, QCoreApplication.translate("IdentityProviderDialog", u"POST", None))

        self.scopesEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Authorized scopes", None))
        self.scopesEdit.setPlaceholderText(QCoreApplication.translate("IdentityProviderDialog", u"openid email profile", None))
        self.teamEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Team ID", None))
        self.keyIdEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Key ID", None))
        self.privateKeyEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Private key", None))
        self.metadataUrlEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Metadata document URL", None))
        self.metadataUrlEdit.setPlaceholderText(QCoreApplication.translate("IdentityProviderDialog", u"https://idp.example.com/metadata.xml", None))
        self.metadataFileLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Metadata file", None))
        self.metadataFileButton.setText(QCoreApplication.translate("IdentityProviderDialog", u"Choose file\u2026", None))
        self.identifiersEditLabel.setText(QCoreApplication.translate("IdentityProviderDialog", u"Identifiers", None))
        self.identifiersEdit.setPlaceholderText(QCoreApplication.translate("IdentityProviderDialog", u"example.com, corp (comma-separated)", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page0), QCoreApplication.translate("IdentityProviderDialog", u"Provider", None))
        self.mappingHint.setText(QCoreApplication.translate("IdentityProviderDialog", u"Map user pool attributes to the provider's attributes.", None))
        self.addMappingButton.setText(QCoreApplication.translate("IdentityProviderDialog", u"Add mapping", None))
        self.removeMappingButton.setText(QCoreApplication.translate("IdentityProviderDialog", u"Remove", None))
        self.tabs.setTabText(self.tabs.indexOf(self.page1), QCoreApplication.translate("IdentityProviderDialog", u"Attribute mapping", None))
        self.errorLabel.setText("")
    # retranslateUi

