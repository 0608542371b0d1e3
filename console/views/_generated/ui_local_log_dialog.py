# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'local_log_dialog.ui'
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
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_LocalLogDialog(object):
    def setupUi(self, LocalLogDialog):
        if not LocalLogDialog.objectName():
            LocalLogDialog.setObjectName(u"LocalLogDialog")
        LocalLogDialog.resize(900, 560)
        self.layout = QVBoxLayout(LocalLogDialog)
        self.layout.setObjectName(u"layout")
        self.pathLabel = QLabel(LocalLogDialog)
        self.pathLabel.setObjectName(u"pathLabel")
        self.pathLabel.setTextFormat(Qt.PlainText)
        self.pathLabel.setWordWrap(True)
        self.pathLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.layout.addWidget(self.pathLabel)

        self.logText = QPlainTextEdit(LocalLogDialog)
        self.logText.setObjectName(u"logText")
        self.logText.setReadOnly(True)
        self.logText.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.logText.setUndoRedoEnabled(False)
        self.logText.setTextInteractionFlags(Qt.TextSelectableByKeyboard|Qt.TextSelectableByMouse)

        self.layout.addWidget(self.logText)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.openFolderButton = QPushButton(LocalLogDialog)
        self.openFolderButton.setObjectName(u"openFolderButton")

        self.buttons.addWidget(self.openFolderButton)

        self.reloadButton = QPushButton(LocalLogDialog)
        self.reloadButton.setObjectName(u"reloadButton")

        self.buttons.addWidget(self.reloadButton)

        self.buttonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonsSpacer)

        self.buttonBox = QDialogButtonBox(LocalLogDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.buttons.addWidget(self.buttonBox)


        self.layout.addLayout(self.buttons)


        self.retranslateUi(LocalLogDialog)
    # setupUi

    def retranslateUi(self, LocalLogDialog):
        LocalLogDialog.setWindowTitle(QCoreApplication.translate("LocalLogDialog", u"Local Cognito log", None))
#if QT_CONFIG(accessibility)
        self.logText.setAccessibleName(QCoreApplication.translate("LocalLogDialog", u"Log of the local Cognito", None))
#endif // QT_CONFIG(accessibility)
        self.openFolderButton.setText(QCoreApplication.translate("LocalLogDialog", u"Open folder", None))
#if QT_CONFIG(tooltip)
        self.openFolderButton.setToolTip(QCoreApplication.translate("LocalLogDialog", u"Show the log's folder in the file manager", None))
#endif // QT_CONFIG(tooltip)
        self.reloadButton.setText(QCoreApplication.translate("LocalLogDialog", u"Reload", None))
#if QT_CONFIG(tooltip)
        self.reloadButton.setToolTip(QCoreApplication.translate("LocalLogDialog", u"Read the log again (F5)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

