# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'group_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QSpinBox, QTableView,
    QVBoxLayout, QWidget)

class Ui_GroupDialog(object):
    def setupUi(self, GroupDialog):
        if not GroupDialog.objectName():
            GroupDialog.setObjectName(u"GroupDialog")
        GroupDialog.resize(520, 520)
        GroupDialog.setModal(True)
        self.layout = QVBoxLayout(GroupDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.nameEditLabel = QLabel(GroupDialog)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(GroupDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.descriptionEditLabel = QLabel(GroupDialog)
        self.descriptionEditLabel.setObjectName(u"descriptionEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.descriptionEditLabel)

        self.descriptionEdit = QPlainTextEdit(GroupDialog)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setMaximumSize(QSize(16777215, 70))

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.precedenceSpinLabel = QLabel(GroupDialog)
        self.precedenceSpinLabel.setObjectName(u"precedenceSpinLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.precedenceSpinLabel)

        self.precedenceSpin = QSpinBox(GroupDialog)
        self.precedenceSpin.setObjectName(u"precedenceSpin")
        self.precedenceSpin.setMinimum(-1)
        self.precedenceSpin.setMaximum(2147483647)
        self.precedenceSpin.setValue(-1)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.precedenceSpin)

        self.roleEditLabel = QLabel(GroupDialog)
        self.roleEditLabel.setObjectName(u"roleEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.roleEditLabel)

        self.roleEdit = QLineEdit(GroupDialog)
        self.roleEdit.setObjectName(u"roleEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.roleEdit)

        self.membersLabel = QLabel(GroupDialog)
        self.membersLabel.setObjectName(u"membersLabel")
        self.membersLabel.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.membersLabel)

        self.membersTable = QTableView(GroupDialog)
        self.membersTable.setObjectName(u"membersTable")
        self.membersTable.setMinimumSize(QSize(0, 120))
        self.membersTable.horizontalHeader().setStretchLastSection(True)
        self.membersTable.verticalHeader().setVisible(False)

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.membersTable)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(GroupDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(GroupDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.descriptionEditLabel.setBuddy(self.descriptionEdit)
        self.precedenceSpinLabel.setBuddy(self.precedenceSpin)
        self.roleEditLabel.setBuddy(self.roleEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(GroupDialog)
    # setupUi

    def retranslateUi(self, GroupDialog):
        GroupDialog.setWindowTitle(QCoreApplication.translate("GroupDialog", u"Group", None))
        self.nameEditLabel.setText(QCoreApplication.translate("GroupDialog", u"Group name", None))
        self.descriptionEditLabel.setText(QCoreApplication.translate("GroupDialog", u"Description", None))
        self.precedenceSpinLabel.setText(QCoreApplication.translate("GroupDialog", u"Precedence", None))
        self.precedenceSpin.setSpecialValueText(QCoreApplication.translate("GroupDialog", u"None", None))
        self.roleEditLabel.setText(QCoreApplication.translate("GroupDialog", u"IAM role ARN", None))
        self.roleEdit.setPlaceholderText(QCoreApplication.translate("GroupDialog", u"arn:aws:iam::123456789012:role/MyRole", None))
        self.membersLabel.setText(QCoreApplication.translate("GroupDialog", u"Members", None))
#if QT_CONFIG(accessibility)
        self.membersTable.setAccessibleName(QCoreApplication.translate("GroupDialog", u"Members", None))
#endif // QT_CONFIG(accessibility)
        self.errorLabel.setText("")
    # retranslateUi

