# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'identity_pool_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_IdentityPoolDialog(object):
    def setupUi(self, IdentityPoolDialog):
        if not IdentityPoolDialog.objectName():
            IdentityPoolDialog.setObjectName(u"IdentityPoolDialog")
        IdentityPoolDialog.resize(620, 640)
        IdentityPoolDialog.setModal(True)
        self.layout = QVBoxLayout(IdentityPoolDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.nameEditLabel = QLabel(IdentityPoolDialog)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(IdentityPoolDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.guestCheck = QCheckBox(IdentityPoolDialog)
        self.guestCheck.setObjectName(u"guestCheck")

        self.form.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.guestCheck)

        self.classicCheck = QCheckBox(IdentityPoolDialog)
        self.classicCheck.setObjectName(u"classicCheck")

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.classicCheck)

        self.developerEditLabel = QLabel(IdentityPoolDialog)
        self.developerEditLabel.setObjectName(u"developerEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.developerEditLabel)

        self.developerEdit = QLineEdit(IdentityPoolDialog)
        self.developerEdit.setObjectName(u"developerEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.developerEdit)

        self.loginProvidersEditLabel = QLabel(IdentityPoolDialog)
        self.loginProvidersEditLabel.setObjectName(u"loginProvidersEditLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.loginProvidersEditLabel)

        self.loginProvidersEdit = QPlainTextEdit(IdentityPoolDialog)
        self.loginProvidersEdit.setObjectName(u"loginProvidersEdit")
        self.loginProvidersEdit.setMaximumSize(QSize(16777215, 70))
        self.loginProvidersEdit.setTabChangesFocus(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.loginProvidersEdit)

        self.openIdEditLabel = QLabel(IdentityPoolDialog)
        self.openIdEditLabel.setObjectName(u"openIdEditLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.openIdEditLabel)

        self.openIdEdit = QPlainTextEdit(IdentityPoolDialog)
        self.openIdEdit.setObjectName(u"openIdEdit")
        self.openIdEdit.setMaximumSize(QSize(16777215, 60))
        self.openIdEdit.setTabChangesFocus(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.openIdEdit)

        self.samlEditLabel = QLabel(IdentityPoolDialog)
        self.samlEditLabel.setObjectName(u"samlEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.samlEditLabel)

        self.samlEdit = QPlainTextEdit(IdentityPoolDialog)
        self.samlEdit.setObjectName(u"samlEdit")
        self.samlEdit.setMaximumSize(QSize(16777215, 60))
        self.samlEdit.setTabChangesFocus(True)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.samlEdit)


        self.layout.addLayout(self.form)

        self.cognitoLabel = QLabel(IdentityPoolDialog)
        self.cognitoLabel.setObjectName(u"cognitoLabel")

        self.layout.addWidget(self.cognitoLabel)

        self.cognitoTable = QTableWidget(IdentityPoolDialog)
        if (self.cognitoTable.columnCount() < 3):
            self.cognitoTable.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.cognitoTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.cognitoTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.cognitoTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.cognitoTable.setObjectName(u"cognitoTable")
        self.cognitoTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.cognitoTable.setMinimumSize(QSize(0, 120))
        self.cognitoTable.horizontalHeader().setStretchLastSection(True)
        self.cognitoTable.verticalHeader().setVisible(False)

        self.layout.addWidget(self.cognitoTable)

        self.cognitoButtons = QHBoxLayout()
        self.cognitoButtons.setObjectName(u"cognitoButtons")
        self.addCognitoButton = QPushButton(IdentityPoolDialog)
        self.addCognitoButton.setObjectName(u"addCognitoButton")

        self.cognitoButtons.addWidget(self.addCognitoButton)

        self.removeCognitoButton = QPushButton(IdentityPoolDialog)
        self.removeCognitoButton.setObjectName(u"removeCognitoButton")

        self.cognitoButtons.addWidget(self.removeCognitoButton)

        self.cognitoButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.cognitoButtons.addItem(self.cognitoButtonsSpacer)


        self.layout.addLayout(self.cognitoButtons)

        self.errorLabel = QLabel(IdentityPoolDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(IdentityPoolDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.developerEditLabel.setBuddy(self.developerEdit)
        self.loginProvidersEditLabel.setBuddy(self.loginProvidersEdit)
        self.openIdEditLabel.setBuddy(self.openIdEdit)
        self.samlEditLabel.setBuddy(self.samlEdit)
        self.cognitoLabel.setBuddy(self.cognitoTable)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IdentityPoolDialog)
    # setupUi

    def retranslateUi(self, IdentityPoolDialog):
        IdentityPoolDialog.setWindowTitle(QCoreApplication.translate("IdentityPoolDialog", u"Identity pool", None))
        self.nameEditLabel.setText(QCoreApplication.translate("IdentityPoolDialog", u"Identity pool name", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("IdentityPoolDialog", u"Identity pool name", None))
#endif // QT_CONFIG(accessibility)
        self.guestCheck.setText(QCoreApplication.translate("IdentityPoolDialog", u"Allow guest (unauthenticated) access", None))
        self.classicCheck.setText(QCoreApplication.translate("IdentityPoolDialog", u"Allow the basic (classic) authentication flow", None))
        self.developerEditLabel.setText(QCoreApplication.translate("IdentityPoolDialog", u"Developer provider name", None))
#if QT_CONFIG(accessibility)
        self.developerEdit.setAccessibleName(QCoreApplication.translate("IdentityPoolDialog", u"Developer provider name", None))
#endif // QT_CONFIG(accessibility)
        self.developerEdit.setPlaceholderText(QCoreApplication.translate("IdentityPoolDialog", u"login.mycompany.myapp (cannot change once set)", None))
        self.loginProvidersEditLabel.setText(QCoreApplication.translate("IdentityPoolDialog", u"Social providers", None))
#if QT_CONFIG(accessibility)
        self.loginProvidersEdit.setAccessibleName(QCoreApplication.translate("IdentityPoolDialog", u"Social providers", None))
#endif // QT_CONFIG(accessibility)
        self.loginProvidersEdit.setPlaceholderText(QCoreApplication.translate("IdentityPoolDialog", u"accounts.google.com = 123.apps.googleusercontent.com", None))
        self.openIdEditLabel.setText(QCoreApplication.translate("IdentityPoolDialog", u"OpenID Connect providers", None))
#if QT_CONFIG(accessibility)
        self.openIdEdit.setAccessibleName(QCoreApplication.translate("IdentityPoolDialog", u"OpenID Connect provider ARNs", None))
#endif // QT_CONFIG(accessibility)
        self.openIdEdit.setPlaceholderText(QCoreApplication.translate("IdentityPoolDialog", u"IAM OIDC provider ARNs, one per line", None))
        self.samlEditLabel.setText(QCoreApplication.translate("IdentityPoolDialog", u"SAML providers", None))
#if QT_CONFIG(accessibility)
        self.samlEdit.setAccessibleName(QCoreApplication.translate("IdentityPoolDialog", u"SAML provider ARNs", None))
#endif // QT_CONFIG(accessibility)
        self.samlEdit.setPlaceholderText(QCoreApplication.translate("IdentityPoolDialog", u"IAM SAML provider ARNs, one per line", None))
        self.cognitoLabel.setText(QCoreApplication.translate("IdentityPoolDialog", u"User pool app clients whose users may sign in", None))
        ___qtablewidgetitem = self.cognitoTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("IdentityPoolDialog", u"User pool ID", None))
        ___qtablewidgetitem1 = self.cognitoTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("IdentityPoolDialog", u"App client ID", None))
        ___qtablewidgetitem2 = self.cognitoTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("IdentityPoolDialog", u"Server-side token check", None))
#if QT_CONFIG(accessibility)
        self.cognitoTable.setAccessibleName(QCoreApplication.translate("IdentityPoolDialog", u"User pool app clients", None))
#endif // QT_CONFIG(accessibility)
        self.addCognitoButton.setText(QCoreApplication.translate("IdentityPoolDialog", u"Add app client", None))
        self.removeCognitoButton.setText(QCoreApplication.translate("IdentityPoolDialog", u"Remove", None))
        self.errorLabel.setText("")
    # retranslateUi

