# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'outbox_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QVBoxLayout, QWidget)

class Ui_OutboxView(object):
    def setupUi(self, OutboxView):
        if not OutboxView.objectName():
            OutboxView.setObjectName(u"OutboxView")
        OutboxView.resize(800, 560)
        self.layout = QVBoxLayout(OutboxView)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.hintLabel = QLabel(OutboxView)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.layout.addWidget(self.hintLabel)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.filterEdit = QLineEdit(OutboxView)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)
        self.filterEdit.setMaximumSize(QSize(360, 16777215))

        self.actions.addWidget(self.filterEdit)

        self.countLabel = QLabel(OutboxView)
        self.countLabel.setObjectName(u"countLabel")

        self.actions.addWidget(self.countLabel)

        self.actionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionsSpacer)

        self.refreshButton = QPushButton(OutboxView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.actions.addWidget(self.refreshButton)

        self.copyCodeButton = QPushButton(OutboxView)
        self.copyCodeButton.setObjectName(u"copyCodeButton")

        self.actions.addWidget(self.copyCodeButton)


        self.layout.addLayout(self.actions)

        self.splitter = QSplitter(OutboxView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.splitter.addWidget(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.bodyEdit = QPlainTextEdit(self.splitter)
        self.bodyEdit.setObjectName(u"bodyEdit")
        self.bodyEdit.setReadOnly(True)
        self.splitter.addWidget(self.bodyEdit)

        self.layout.addWidget(self.splitter)


        self.retranslateUi(OutboxView)
    # setupUi

    def retranslateUi(self, OutboxView):
        OutboxView.setWindowTitle(QCoreApplication.translate("OutboxView", u"Outbox", None))
#if QT_CONFIG(accessibility)
        self.hintLabel.setAccessibleName(QCoreApplication.translate("OutboxView", u"About the outbox", None))
#endif // QT_CONFIG(accessibility)
        self.hintLabel.setText(QCoreApplication.translate("OutboxView", u"The emails and SMS messages the local Cognito would have sent for this user pool (kept for a day).", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("OutboxView", u"Filter by destination, user, subject or code", None))
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("OutboxView", u"Filter messages", None))
#endif // QT_CONFIG(accessibility)
        self.countLabel.setText("")
#if QT_CONFIG(accessibility)
        self.countLabel.setAccessibleName(QCoreApplication.translate("OutboxView", u"Message count", None))
#endif // QT_CONFIG(accessibility)
        self.refreshButton.setText(QCoreApplication.translate("OutboxView", u"Refresh", None))
#if QT_CONFIG(accessibility)
        self.refreshButton.setAccessibleName(QCoreApplication.translate("OutboxView", u"Refresh the outbox", None))
#endif // QT_CONFIG(accessibility)
        self.copyCodeButton.setText(QCoreApplication.translate("OutboxView", u"Copy code", None))
#if QT_CONFIG(accessibility)
        self.copyCodeButton.setAccessibleName(QCoreApplication.translate("OutboxView", u"Copy the code of the selected message", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("OutboxView", u"Messages, newest first", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.bodyEdit.setAccessibleName(QCoreApplication.translate("OutboxView", u"Message body", None))
#endif // QT_CONFIG(accessibility)
        self.bodyEdit.setPlaceholderText(QCoreApplication.translate("OutboxView", u"Select a message to read it.", None))
    # retranslateUi

