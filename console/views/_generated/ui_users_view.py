# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QTableView, QTextBrowser, QVBoxLayout, QWidget)

class Ui_UsersView(object):
    def setupUi(self, UsersView):
        if not UsersView.objectName():
            UsersView.setObjectName(u"UsersView")
        self.layout = QVBoxLayout(UsersView)
        self.layout.setSpacing(8)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.attributeCombo = QComboBox(UsersView)
        self.attributeCombo.setObjectName(u"attributeCombo")

        self.searchRow.addWidget(self.attributeCombo)

        self.matchCombo = QComboBox(UsersView)
        self.matchCombo.addItem("")
        self.matchCombo.addItem("")
        self.matchCombo.setObjectName(u"matchCombo")

        self.searchRow.addWidget(self.matchCombo)

        self.searchEdit = QLineEdit(UsersView)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchEdit)

        self.statusCombo = QComboBox(UsersView)
        self.statusCombo.setObjectName(u"statusCombo")

        self.searchRow.addWidget(self.statusCombo)

        self.columnsButton = QPushButton(UsersView)
        self.columnsButton.setObjectName(u"columnsButton")

        self.searchRow.addWidget(self.columnsButton)


        self.layout.addLayout(self.searchRow)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.countLabel = QLabel(UsersView)
        self.countLabel.setObjectName(u"countLabel")

        self.actions.addWidget(self.countLabel)

        self.actionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionsSpacer)

        self.refreshButton = QPushButton(UsersView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.actions.addWidget(self.refreshButton)

        self.exportButton = QPushButton(UsersView)
        self.exportButton.setObjectName(u"exportButton")

        self.actions.addWidget(self.exportButton)

        self.actionsButton = QPushButton(UsersView)
        self.actionsButton.setObjectName(u"actionsButton")

        self.actions.addWidget(self.actionsButton)

        self.editButton = QPushButton(UsersView)
        self.editButton.setObjectName(u"editButton")

        self.actions.addWidget(self.editButton)

        self.createButton = QPushButton(UsersView)
        self.createButton.setObjectName(u"createButton")

        self.actions.addWidget(self.createButton)


        self.layout.addLayout(self.actions)

        self.splitter = QSplitter(UsersView)
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
        self.splitter.addWidget(self.details)

        self.layout.addWidget(self.splitter)


        self.retranslateUi(UsersView)
    # setupUi

    def retranslateUi(self, UsersView):
#if QT_CONFIG(accessibility)
        self.attributeCombo.setAccessibleName(QCoreApplication.translate("UsersView", u"Search attribute", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.attributeCombo.setAccessibleDescription(QCoreApplication.translate("UsersView", u"The attribute ListUsers searches", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.attributeCombo.setToolTip(QCoreApplication.translate("UsersView", u"The attribute ListUsers searches", None))
#endif // QT_CONFIG(tooltip)
        self.matchCombo.setItemText(0, QCoreApplication.translate("UsersView", u"starts with", None))
        self.matchCombo.setItemText(1, QCoreApplication.translate("UsersView", u"equals", None))

#if QT_CONFIG(accessibility)
        self.matchCombo.setAccessibleName(QCoreApplication.translate("UsersView", u"Match", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.matchCombo.setAccessibleDescription(QCoreApplication.translate("UsersView", u"Whether the attribute starts with or equals the search text", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("UsersView", u"Search users", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("UsersView", u"Search users (Ctrl+F)", None))
#if QT_CONFIG(accessibility)
        self.statusCombo.setAccessibleName(QCoreApplication.translate("UsersView", u"User status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.statusCombo.setAccessibleDescription(QCoreApplication.translate("UsersView", u"Filter by confirmation status or enabled state, used when the search box is empty", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.statusCombo.setToolTip(QCoreApplication.translate("UsersView", u"Filter by confirmation status or enabled state (used when the search box is empty: ListUsers takes one filter)", None))
#endif // QT_CONFIG(tooltip)
        self.columnsButton.setText(QCoreApplication.translate("UsersView", u"Columns", None))
        self.countLabel.setText("")
        self.refreshButton.setText(QCoreApplication.translate("UsersView", u"Refresh", None))
        self.exportButton.setText(QCoreApplication.translate("UsersView", u"Export CSV", None))
        self.actionsButton.setText(QCoreApplication.translate("UsersView", u"Actions", None))
#if QT_CONFIG(tooltip)
        self.actionsButton.setToolTip(QCoreApplication.translate("UsersView", u"Actions on the selected users (several can be selected)", None))
#endif // QT_CONFIG(tooltip)
        self.editButton.setText(QCoreApplication.translate("UsersView", u"Edit attributes", None))
        self.createButton.setText(QCoreApplication.translate("UsersView", u"Create user", None))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("UsersView", u"Users", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleName(QCoreApplication.translate("UsersView", u"User details", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleDescription(QCoreApplication.translate("UsersView", u"The attributes, groups, MFA and devices of the selected user", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

