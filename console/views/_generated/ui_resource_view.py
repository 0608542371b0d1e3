# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'resource_view.ui'
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
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QStackedWidget, QTableView,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_ResourceView(object):
    def setupUi(self, ResourceView):
        if not ResourceView.objectName():
            ResourceView.setObjectName(u"ResourceView")
        self.layout = QVBoxLayout(ResourceView)
        self.layout.setSpacing(8)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.filterEdit = QLineEdit(ResourceView)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)
        self.filterEdit.setMaximumSize(QSize(320, 16777215))

        self.actions.addWidget(self.filterEdit)

        self.actionsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionsSpacer)

        self.refreshButton = QPushButton(ResourceView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.actions.addWidget(self.refreshButton)

        self.deleteButton = QPushButton(ResourceView)
        self.deleteButton.setObjectName(u"deleteButton")

        self.actions.addWidget(self.deleteButton)

        self.editButton = QPushButton(ResourceView)
        self.editButton.setObjectName(u"editButton")

        self.actions.addWidget(self.editButton)

        self.createButton = QPushButton(ResourceView)
        self.createButton.setObjectName(u"createButton")

        self.actions.addWidget(self.createButton)


        self.layout.addLayout(self.actions)

        self.splitter = QSplitter(ResourceView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.tableStack = QStackedWidget(self.splitter)
        self.tableStack.setObjectName(u"tableStack")
        self.table = QTableView()
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.tableStack.addWidget(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.emptyState = QLabel()
        self.emptyState.setObjectName(u"emptyState")
        self.emptyState.setAlignment(Qt.AlignCenter)
        self.emptyState.setWordWrap(True)
        self.tableStack.addWidget(self.emptyState)
        self.splitter.addWidget(self.tableStack)
        self.details = QTextBrowser(self.splitter)
        self.details.setObjectName(u"details")
        self.details.setOpenExternalLinks(False)
        self.splitter.addWidget(self.details)

        self.layout.addWidget(self.splitter)


        self.retranslateUi(ResourceView)
    # setupUi

    def retranslateUi(self, ResourceView):
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("ResourceView", u"Filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleDescription(QCoreApplication.translate("ResourceView", u"Shows only the rows that contain this text", None))
#endif // QT_CONFIG(accessibility)
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("ResourceView", u"Filter", None))
        self.refreshButton.setText(QCoreApplication.translate("ResourceView", u"Refresh", None))
        self.deleteButton.setText(QCoreApplication.translate("ResourceView", u"Delete", None))
        self.editButton.setText(QCoreApplication.translate("ResourceView", u"Edit", None))
        self.createButton.setText(QCoreApplication.translate("ResourceView", u"Create", None))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("ResourceView", u"List", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleName(QCoreApplication.translate("ResourceView", u"Details", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleDescription(QCoreApplication.translate("ResourceView", u"The settings of the selected row", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

