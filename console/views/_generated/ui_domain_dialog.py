# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'domain_dialog.ui'
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
    QVBoxLayout, QWidget)

class Ui_DomainDialog(object):
    def setupUi(self, DomainDialog):
        if not DomainDialog.objectName():
            DomainDialog.setObjectName(u"DomainDialog")
        DomainDialog.resize(520, 300)
        DomainDialog.setModal(True)
        self.layout = QVBoxLayout(DomainDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.existingComboLabel = QLabel(DomainDialog)
        self.existingComboLabel.setObjectName(u"existingComboLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.existingComboLabel)

        self.existingCombo = QComboBox(DomainDialog)
        self.existingCombo.setObjectName(u"existingCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.existingCombo)

        self.kindComboLabel = QLabel(DomainDialog)
        self.kindComboLabel.setObjectName(u"kindComboLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kindComboLabel)

        self.kindCombo = QComboBox(DomainDialog)
        self.kindCombo.addItem("")
        self.kindCombo.addItem("")
        self.kindCombo.setObjectName(u"kindCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.domainEditLabel = QLabel(DomainDialog)
        self.domainEditLabel.setObjectName(u"domainEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.domainEditLabel)

        self.domainEdit = QLineEdit(DomainDialog)
        self.domainEdit.setObjectName(u"domainEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.domainEdit)

        self.certificateEditLabel = QLabel(DomainDialog)
        self.certificateEditLabel.setObjectName(u"certificateEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.certificateEditLabel)

        self.certificateEdit = QLineEdit(DomainDialog)
        self.certificateEdit.setObjectName(u"certificateEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.certificateEdit)

        self.versionComboLabel = QLabel(DomainDialog)
        self.versionComboLabel.setObjectName(u"versionComboLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.versionComboLabel)

        self.versionCombo = QComboBox(DomainDialog)
        self.versionCombo.addItem("")
        self.versionCombo.addItem("")
        self.versionCombo.setObjectName(u"versionCombo")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.versionCombo)

        self.hintLabel = QLabel(DomainDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.hintLabel)


        self.layout.addLayout(self.form)

        self.deleteRow = QHBoxLayout()
        self.deleteRow.setObjectName(u"deleteRow")
        self.deleteButton = QPushButton(DomainDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.deleteRow.addWidget(self.deleteButton)

        self.deleteRowSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.deleteRow.addItem(self.deleteRowSpacer)


        self.layout.addLayout(self.deleteRow)

        self.errorLabel = QLabel(DomainDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(DomainDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.existingComboLabel.setBuddy(self.existingCombo)
        self.kindComboLabel.setBuddy(self.kindCombo)
        self.domainEditLabel.setBuddy(self.domainEdit)
        self.certificateEditLabel.setBuddy(self.certificateEdit)
        self.versionComboLabel.setBuddy(self.versionCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DomainDialog)
    # setupUi

    def retranslateUi(self, DomainDialog):
        DomainDialog.setWindowTitle(QCoreApplication.translate("DomainDialog", u"Domain", None))
        self.existingComboLabel.setText(QCoreApplication.translate("DomainDialog", u"Domain", None))
#if QT_CONFIG(accessibility)
        self.existingCombo.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Domain to change", None))
#endif // QT_CONFIG(accessibility)
        self.kindComboLabel.setText(QCoreApplication.translate("DomainDialog", u"Type", None))
        self.kindCombo.setItemText(0, QCoreApplication.translate("DomainDialog", u"Cognito domain (prefix)", None))
        self.kindCombo.setItemText(1, QCoreApplication.translate("DomainDialog", u"Custom domain", None))

#if QT_CONFIG(accessibility)
        self.kindCombo.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Domain type", None))
#endif // QT_CONFIG(accessibility)
        self.domainEditLabel.setText(QCoreApplication.translate("DomainDialog", u"Name", None))
#if QT_CONFIG(accessibility)
        self.domainEdit.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Domain name", None))
#endif // QT_CONFIG(accessibility)
        self.domainEdit.setPlaceholderText(QCoreApplication.translate("DomainDialog", u"my-app", None))
        self.certificateEditLabel.setText(QCoreApplication.translate("DomainDialog", u"ACM certificate ARN", None))
#if QT_CONFIG(accessibility)
        self.certificateEdit.setAccessibleName(QCoreApplication.translate("DomainDialog", u"ACM certificate ARN", None))
#endif // QT_CONFIG(accessibility)
        self.certificateEdit.setPlaceholderText(QCoreApplication.translate("DomainDialog", u"arn:aws:acm:us-east-1:123456789012:certificate/\u2026", None))
        self.versionComboLabel.setText(QCoreApplication.translate("DomainDialog", u"Branding version", None))
        self.versionCombo.setItemText(0, QCoreApplication.translate("DomainDialog", u"Managed login (version 2)", None))
        self.versionCombo.setItemText(1, QCoreApplication.translate("DomainDialog", u"Hosted UI, classic (version 1)", None))

#if QT_CONFIG(accessibility)
        self.versionCombo.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Branding version", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.hintLabel.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Domain rules", None))
#endif // QT_CONFIG(accessibility)
        self.hintLabel.setText("")
        self.deleteButton.setText(QCoreApplication.translate("DomainDialog", u"Delete domain", None))
#if QT_CONFIG(accessibility)
        self.deleteButton.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Delete domain", None))
#endif // QT_CONFIG(accessibility)
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("DomainDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

