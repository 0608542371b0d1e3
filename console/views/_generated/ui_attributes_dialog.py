# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'attributes_dialog.ui'
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
    QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_AttributesDialog(object):
    def setupUi(self, AttributesDialog):
        if not AttributesDialog.objectName():
            AttributesDialog.setObjectName(u"AttributesDialog")
        AttributesDialog.resize(520, 420)
        AttributesDialog.setModal(True)
        self.layout = QVBoxLayout(AttributesDialog)
        self.layout.setObjectName(u"layout")
        self.attributesLabel = QLabel(AttributesDialog)
        self.attributesLabel.setObjectName(u"attributesLabel")
        self.attributesLabel.setWordWrap(True)

        self.layout.addWidget(self.attributesLabel)

        self.attributesEdit = QPlainTextEdit(AttributesDialog)
        self.attributesEdit.setObjectName(u"attributesEdit")
        self.attributesEdit.setMinimumSize(QSize(0, 160))

        self.layout.addWidget(self.attributesEdit)

        self.errorLabel = QLabel(AttributesDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(AttributesDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.attributesLabel.setBuddy(self.attributesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AttributesDialog)
    # setupUi

    def retranslateUi(self, AttributesDialog):
        AttributesDialog.setWindowTitle(QCoreApplication.translate("AttributesDialog", u"Edit attributes", None))
        self.attributesLabel.setText(QCoreApplication.translate("AttributesDialog", u"Attributes (name = value, one per line). Remove a line to delete it.", None))
        self.attributesEdit.setPlaceholderText(QCoreApplication.translate("AttributesDialog", u"custom:department = engineering", None))
        self.errorLabel.setText("")
    # retranslateUi

