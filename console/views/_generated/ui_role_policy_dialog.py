# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'role_policy_dialog.ui'
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
    QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_RolePolicyDialog(object):
    def setupUi(self, RolePolicyDialog):
        if not RolePolicyDialog.objectName():
            RolePolicyDialog.setObjectName(u"RolePolicyDialog")
        RolePolicyDialog.resize(720, 620)
        RolePolicyDialog.setModal(True)
        self.layout = QVBoxLayout(RolePolicyDialog)
        self.layout.setObjectName(u"layout")
        self.roleLabel = QLabel(RolePolicyDialog)
        self.roleLabel.setObjectName(u"roleLabel")
        self.roleLabel.setWordWrap(True)

        self.layout.addWidget(self.roleLabel)

        self.documentRow = QHBoxLayout()
        self.documentRow.setObjectName(u"documentRow")
        self.documentComboLabel = QLabel(RolePolicyDialog)
        self.documentComboLabel.setObjectName(u"documentComboLabel")

        self.documentRow.addWidget(self.documentComboLabel)

        self.documentCombo = QComboBox(RolePolicyDialog)
        self.documentCombo.setObjectName(u"documentCombo")

        self.documentRow.addWidget(self.documentCombo)

        self.policyNameEdit = QLineEdit(RolePolicyDialog)
        self.policyNameEdit.setObjectName(u"policyNameEdit")

        self.documentRow.addWidget(self.policyNameEdit)

        self.documentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.documentRow.addItem(self.documentSpacer)


        self.layout.addLayout(self.documentRow)

        self.policyEdit = QPlainTextEdit(RolePolicyDialog)
        self.policyEdit.setObjectName(u"policyEdit")
        self.policyEdit.setTabChangesFocus(True)

        self.layout.addWidget(self.policyEdit)

        self.checkLabel = QLabel(RolePolicyDialog)
        self.checkLabel.setObjectName(u"checkLabel")
        self.checkLabel.setWordWrap(True)

        self.layout.addWidget(self.checkLabel)

        self.errorLabel = QLabel(RolePolicyDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(RolePolicyDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.documentComboLabel.setBuddy(self.documentCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RolePolicyDialog)
    # setupUi

    def retranslateUi(self, RolePolicyDialog):
        RolePolicyDialog.setWindowTitle(QCoreApplication.translate("RolePolicyDialog", u"Role policies", None))
        self.roleLabel.setText("")
        self.documentComboLabel.setText(QCoreApplication.translate("RolePolicyDialog", u"Document", None))
#if QT_CONFIG(accessibility)
        self.documentCombo.setAccessibleName(QCoreApplication.translate("RolePolicyDialog", u"Policy document", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.policyNameEdit.setAccessibleName(QCoreApplication.translate("RolePolicyDialog", u"New inline policy name", None))
#endif // QT_CONFIG(accessibility)
        self.policyNameEdit.setPlaceholderText(QCoreApplication.translate("RolePolicyDialog", u"New inline policy name", None))
#if QT_CONFIG(accessibility)
        self.policyEdit.setAccessibleName(QCoreApplication.translate("RolePolicyDialog", u"Policy document (JSON)", None))
#endif // QT_CONFIG(accessibility)
        self.checkLabel.setText("")
        self.errorLabel.setText("")
    # retranslateUi

