# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'auth_events_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QTextBrowser, QVBoxLayout, QWidget)

class Ui_AuthEventsView(object):
    def setupUi(self, AuthEventsView):
        if not AuthEventsView.objectName():
            AuthEventsView.setObjectName(u"AuthEventsView")
        self.layout = QVBoxLayout(AuthEventsView)
        self.layout.setSpacing(8)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.controls = QHBoxLayout()
        self.controls.setObjectName(u"controls")
        self.filterEdit = QLineEdit(AuthEventsView)
        self.filterEdit.setObjectName(u"filterEdit")

        self.controls.addWidget(self.filterEdit)

        self.rangeCombo = QComboBox(AuthEventsView)
        self.rangeCombo.setObjectName(u"rangeCombo")

        self.controls.addWidget(self.rangeCombo)

        self.typeCombo = QComboBox(AuthEventsView)
        self.typeCombo.setObjectName(u"typeCombo")

        self.controls.addWidget(self.typeCombo)

        self.riskyCheck = QCheckBox(AuthEventsView)
        self.riskyCheck.setObjectName(u"riskyCheck")

        self.controls.addWidget(self.riskyCheck)

        self.liveCheck = QCheckBox(AuthEventsView)
        self.liveCheck.setObjectName(u"liveCheck")

        self.controls.addWidget(self.liveCheck)

        self.controlsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.controls.addItem(self.controlsSpacer)

        self.refreshButton = QPushButton(AuthEventsView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.controls.addWidget(self.refreshButton)

        self.validButton = QPushButton(AuthEventsView)
        self.validButton.setObjectName(u"validButton")

        self.controls.addWidget(self.validButton)

        self.invalidButton = QPushButton(AuthEventsView)
        self.invalidButton.setObjectName(u"invalidButton")

        self.controls.addWidget(self.invalidButton)


        self.layout.addLayout(self.controls)

        self.sourceLabel = QLabel(AuthEventsView)
        self.sourceLabel.setObjectName(u"sourceLabel")
        self.sourceLabel.setWordWrap(True)

        self.layout.addWidget(self.sourceLabel)

        self.splitter = QSplitter(AuthEventsView)
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
        self.details = QTextBrowser(self.splitter)
        self.details.setObjectName(u"details")
        self.details.setOpenLinks(False)
        self.splitter.addWidget(self.details)

        self.layout.addWidget(self.splitter)


        self.retranslateUi(AuthEventsView)
    # setupUi

    def retranslateUi(self, AuthEventsView):
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("AuthEventsView", u"Filter auth events", None))
#endif // QT_CONFIG(accessibility)
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("AuthEventsView", u"Filter: user, IP, device", None))
#if QT_CONFIG(accessibility)
        self.rangeCombo.setAccessibleName(QCoreApplication.translate("AuthEventsView", u"Time range", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.typeCombo.setAccessibleName(QCoreApplication.translate("AuthEventsView", u"Event type", None))
#endif // QT_CONFIG(accessibility)
        self.riskyCheck.setText(QCoreApplication.translate("AuthEventsView", u"Risky only", None))
        self.liveCheck.setText(QCoreApplication.translate("AuthEventsView", u"Live", None))
        self.refreshButton.setText(QCoreApplication.translate("AuthEventsView", u"Refresh", None))
        self.validButton.setText(QCoreApplication.translate("AuthEventsView", u"Mark valid", None))
#if QT_CONFIG(tooltip)
        self.validButton.setToolTip(QCoreApplication.translate("AuthEventsView", u"Tell Amazon Cognito this event was the user (AdminUpdateAuthEventFeedback)", None))
#endif // QT_CONFIG(tooltip)
        self.invalidButton.setText(QCoreApplication.translate("AuthEventsView", u"Mark not valid", None))
#if QT_CONFIG(tooltip)
        self.invalidButton.setToolTip(QCoreApplication.translate("AuthEventsView", u"Tell Amazon Cognito this event was not the user", None))
#endif // QT_CONFIG(tooltip)
        self.sourceLabel.setText("")
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("AuthEventsView", u"Auth events, newest first", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleName(QCoreApplication.translate("AuthEventsView", u"The chosen auth event", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

