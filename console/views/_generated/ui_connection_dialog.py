# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'connection_dialog.ui'
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
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget)

class Ui_ConnectionDialog(object):
    def setupUi(self, ConnectionDialog):
        if not ConnectionDialog.objectName():
            ConnectionDialog.setObjectName(u"ConnectionDialog")
        ConnectionDialog.resize(520, 420)
        ConnectionDialog.setModal(True)
        self.layout = QVBoxLayout(ConnectionDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.savedComboLabel = QLabel(ConnectionDialog)
        self.savedComboLabel.setObjectName(u"savedComboLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.savedComboLabel)

        self.savedCombo = QComboBox(ConnectionDialog)
        self.savedCombo.setObjectName(u"savedCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.savedCombo)

        self.nameEditLabel = QLabel(ConnectionDialog)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(ConnectionDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.kindComboLabel = QLabel(ConnectionDialog)
        self.kindComboLabel.setObjectName(u"kindComboLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kindComboLabel)

        self.kindCombo = QComboBox(ConnectionDialog)
        self.kindCombo.addItem("")
        self.kindCombo.addItem("")
        self.kindCombo.addItem("")
        self.kindCombo.setObjectName(u"kindCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.portSpinLabel = QLabel(ConnectionDialog)
        self.portSpinLabel.setObjectName(u"portSpinLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.portSpinLabel)

        self.portSpin = QSpinBox(ConnectionDialog)
        self.portSpin.setObjectName(u"portSpin")
        self.portSpin.setMinimum(1)
        self.portSpin.setMaximum(65535)
        self.portSpin.setValue(9229)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.portSpin)

        self.profileComboLabel = QLabel(ConnectionDialog)
        self.profileComboLabel.setObjectName(u"profileComboLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.profileComboLabel)

        self.profileCombo = QComboBox(ConnectionDialog)
        self.profileCombo.setObjectName(u"profileCombo")
        self.profileCombo.setEditable(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.profileCombo)

        self.regionComboLabel = QLabel(ConnectionDialog)
        self.regionComboLabel.setObjectName(u"regionComboLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.regionComboLabel)

        self.regionCombo = QComboBox(ConnectionDialog)
        self.regionCombo.setObjectName(u"regionCombo")
        self.regionCombo.setEditable(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.regionCombo)

        self.accessKeyEditLabel = QLabel(ConnectionDialog)
        self.accessKeyEditLabel.setObjectName(u"accessKeyEditLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.accessKeyEditLabel)

        self.accessKeyEdit = QLineEdit(ConnectionDialog)
        self.accessKeyEdit.setObjectName(u"accessKeyEdit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.accessKeyEdit)

        self.secretKeyEditLabel = QLabel(ConnectionDialog)
        self.secretKeyEditLabel.setObjectName(u"secretKeyEditLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.secretKeyEditLabel)

        self.secretKeyEdit = QLineEdit(ConnectionDialog)
        self.secretKeyEdit.setObjectName(u"secretKeyEdit")
        self.secretKeyEdit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.secretKeyEdit)

        self.secretHint = QLabel(ConnectionDialog)
        self.secretHint.setObjectName(u"secretHint")
        self.secretHint.setWordWrap(True)

        self.form.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.secretHint)

        self.manageLayout = QHBoxLayout()
        self.manageLayout.setObjectName(u"manageLayout")
        self.removeButton = QPushButton(ConnectionDialog)
        self.removeButton.setObjectName(u"removeButton")

        self.manageLayout.addWidget(self.removeButton)

        self.manageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.manageLayout.addItem(self.manageSpacer)


        self.form.setLayout(9, QFormLayout.ItemRole.SpanningRole, self.manageLayout)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(ConnectionDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(ConnectionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.savedComboLabel.setBuddy(self.savedCombo)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.kindComboLabel.setBuddy(self.kindCombo)
        self.portSpinLabel.setBuddy(self.portSpin)
        self.profileComboLabel.setBuddy(self.profileCombo)
        self.regionComboLabel.setBuddy(self.regionCombo)
        self.accessKeyEditLabel.setBuddy(self.accessKeyEdit)
        self.secretKeyEditLabel.setBuddy(self.secretKeyEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ConnectionDialog)
    # setupUi

    def retranslateUi(self, ConnectionDialog):
        ConnectionDialog.setWindowTitle(QCoreApplication.translate("ConnectionDialog", u"Connection", None))
        self.savedComboLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Saved connections", None))
        self.nameEditLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Name", None))
        self.kindComboLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Connect to", None))
        self.kindCombo.setItemText(0, QCoreApplication.translate("ConnectionDialog", u"The local Cognito", None))
        self.kindCombo.setItemText(1, QCoreApplication.translate("ConnectionDialog", u"AWS: a profile from the AWS config", None))
        self.kindCombo.setItemText(2, QCoreApplication.translate("ConnectionDialog", u"AWS: access keys", None))

        self.portSpinLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Local port", None))
        self.profileComboLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Profile", None))
        self.regionComboLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Region", None))
        self.accessKeyEditLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Access key ID", None))
        self.secretKeyEditLabel.setText(QCoreApplication.translate("ConnectionDialog", u"Secret access key", None))
        self.secretHint.setText("")
        self.removeButton.setText(QCoreApplication.translate("ConnectionDialog", u"Forget this connection", None))
        self.errorLabel.setText("")
    # retranslateUi

