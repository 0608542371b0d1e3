# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'schema_dialog.ui'
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
    QComboBox, QDialog, QDialogButtonBox, QFormLayout,
    QHeaderView, QLabel, QLineEdit, QSizePolicy,
    QTableView, QVBoxLayout, QWidget)

class Ui_SchemaDialog(object):
    def setupUi(self, SchemaDialog):
        if not SchemaDialog.objectName():
            SchemaDialog.setObjectName(u"SchemaDialog")
        SchemaDialog.resize(640, 560)
        SchemaDialog.setModal(True)
        self.layout = QVBoxLayout(SchemaDialog)
        self.layout.setObjectName(u"layout")
        self.schemaTable = QTableView(SchemaDialog)
        self.schemaTable.setObjectName(u"schemaTable")
        self.schemaTable.setAlternatingRowColors(True)
        self.schemaTable.setMinimumSize(QSize(0, 220))
        self.schemaTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.schemaTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.schemaTable.horizontalHeader().setStretchLastSection(True)
        self.schemaTable.verticalHeader().setVisible(False)

        self.layout.addWidget(self.schemaTable)

        self.addLabel = QLabel(SchemaDialog)
        self.addLabel.setObjectName(u"addLabel")
        self.addLabel.setWordWrap(True)

        self.layout.addWidget(self.addLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.nameEditLabel = QLabel(SchemaDialog)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(SchemaDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.typeComboLabel = QLabel(SchemaDialog)
        self.typeComboLabel.setObjectName(u"typeComboLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.typeComboLabel)

        self.typeCombo = QComboBox(SchemaDialog)
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.addItem("")
        self.typeCombo.setObjectName(u"typeCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.minEditLabel = QLabel(SchemaDialog)
        self.minEditLabel.setObjectName(u"minEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.minEditLabel)

        self.minEdit = QLineEdit(SchemaDialog)
        self.minEdit.setObjectName(u"minEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.minEdit)

        self.maxEditLabel = QLabel(SchemaDialog)
        self.maxEditLabel.setObjectName(u"maxEditLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.maxEditLabel)

        self.maxEdit = QLineEdit(SchemaDialog)
        self.maxEdit.setObjectName(u"maxEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.maxEdit)

        self.mutableCheck = QCheckBox(SchemaDialog)
        self.mutableCheck.setObjectName(u"mutableCheck")
        self.mutableCheck.setChecked(True)

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.mutableCheck)


        self.layout.addLayout(self.form)

        self.errorLabel = QLabel(SchemaDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(SchemaDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.typeComboLabel.setBuddy(self.typeCombo)
        self.minEditLabel.setBuddy(self.minEdit)
        self.maxEditLabel.setBuddy(self.maxEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SchemaDialog)
    # setupUi

    def retranslateUi(self, SchemaDialog):
        SchemaDialog.setWindowTitle(QCoreApplication.translate("SchemaDialog", u"Attributes", None))
#if QT_CONFIG(accessibility)
        self.schemaTable.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Attribute schema", None))
#endif // QT_CONFIG(accessibility)
        self.addLabel.setText(QCoreApplication.translate("SchemaDialog", u"Add a custom attribute (custom attributes cannot be removed or changed later)", None))
#if QT_CONFIG(accessibility)
        self.addLabel.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Add a custom attribute", None))
#endif // QT_CONFIG(accessibility)
        self.nameEditLabel.setText(QCoreApplication.translate("SchemaDialog", u"Name", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Custom attribute name", None))
#endif // QT_CONFIG(accessibility)
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("SchemaDialog", u"plan (saved as custom:plan)", None))
        self.typeComboLabel.setText(QCoreApplication.translate("SchemaDialog", u"Type", None))
        self.typeCombo.setItemText(0, QCoreApplication.translate("SchemaDialog", u"String", None))
        self.typeCombo.setItemText(1, QCoreApplication.translate("SchemaDialog", u"Number", None))
        self.typeCombo.setItemText(2, QCoreApplication.translate("SchemaDialog", u"DateTime", None))
        self.typeCombo.setItemText(3, QCoreApplication.translate("SchemaDialog", u"Boolean", None))

#if QT_CONFIG(accessibility)
        self.typeCombo.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Attribute data type", None))
#endif // QT_CONFIG(accessibility)
        self.minEditLabel.setText(QCoreApplication.translate("SchemaDialog", u"Minimum", None))
#if QT_CONFIG(accessibility)
        self.minEdit.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Minimum length or value", None))
#endif // QT_CONFIG(accessibility)
        self.minEdit.setPlaceholderText(QCoreApplication.translate("SchemaDialog", u"optional", None))
        self.maxEditLabel.setText(QCoreApplication.translate("SchemaDialog", u"Maximum", None))
#if QT_CONFIG(accessibility)
        self.maxEdit.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Maximum length or value", None))
#endif // QT_CONFIG(accessibility)
        self.maxEdit.setPlaceholderText(QCoreApplication.translate("SchemaDialog", u"optional", None))
        self.mutableCheck.setText(QCoreApplication.translate("SchemaDialog", u"Mutable (can change after the user is created)", None))
#if QT_CONFIG(accessibility)
        self.mutableCheck.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Mutable", None))
#endif // QT_CONFIG(accessibility)
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("SchemaDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

