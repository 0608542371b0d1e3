# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout,
    QLabel, QListWidget, QListWidgetItem, QMainWindow,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QStatusBar, QToolButton, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1240, 780)
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.centralLayout = QHBoxLayout(self.central)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.sidebar = QFrame(self.central)
        self.sidebar.setObjectName(u"sidebar")
        self.sidebar.setMinimumSize(QSize(220, 0))
        self.sidebar.setMaximumSize(QSize(260, 16777215))
        self.sidebarLayout = QVBoxLayout(self.sidebar)
        self.sidebarLayout.setSpacing(6)
        self.sidebarLayout.setObjectName(u"sidebarLayout")
        self.sidebarLayout.setContentsMargins(10, 14, 10, 10)
        self.productLabel = QLabel(self.sidebar)
        self.productLabel.setObjectName(u"productLabel")

        self.sidebarLayout.addWidget(self.productLabel)

        self.nav = QListWidget(self.sidebar)
        self.nav.setObjectName(u"nav")
        self.nav.setFrameShape(QFrame.NoFrame)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.sidebarLayout.addWidget(self.nav)

        self.connectionButton = QPushButton(self.sidebar)
        self.connectionButton.setObjectName(u"connectionButton")

        self.sidebarLayout.addWidget(self.connectionButton)


        self.centralLayout.addWidget(self.sidebar)

        self.contentLayout = QVBoxLayout()
        self.contentLayout.setSpacing(8)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(16, 12, 16, 8)
        self.topBar = QHBoxLayout()
        self.topBar.setObjectName(u"topBar")
        self.viewTitle = QLabel(self.central)
        self.viewTitle.setObjectName(u"viewTitle")

        self.topBar.addWidget(self.viewTitle)

        self.topSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.topBar.addItem(self.topSpacer)

        self.poolLabel = QLabel(self.central)
        self.poolLabel.setObjectName(u"poolLabel")

        self.topBar.addWidget(self.poolLabel)

        self.poolCombo = QComboBox(self.central)
        self.poolCombo.setObjectName(u"poolCombo")
        self.poolCombo.setMinimumSize(QSize(280, 0))

        self.topBar.addWidget(self.poolCombo)


        self.contentLayout.addLayout(self.topBar)

        self.banner = QFrame(self.central)
        self.banner.setObjectName(u"banner")
        self.bannerLayout = QHBoxLayout(self.banner)
        self.bannerLayout.setObjectName(u"bannerLayout")
        self.bannerLayout.setContentsMargins(12, 8, 8, 8)
        self.bannerTexts = QVBoxLayout()
        self.bannerTexts.setSpacing(2)
        self.bannerTexts.setObjectName(u"bannerTexts")
        self.bannerTitle = QLabel(self.banner)
        self.bannerTitle.setObjectName(u"bannerTitle")
        font = QFont()
        font.setBold(True)
        self.bannerTitle.setFont(font)
        self.bannerTitle.setTextFormat(Qt.PlainText)
        self.bannerTitle.setWordWrap(True)
        self.bannerTitle.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.bannerTexts.addWidget(self.bannerTitle)

        self.bannerText = QLabel(self.banner)
        self.bannerText.setObjectName(u"bannerText")
        self.bannerText.setTextFormat(Qt.PlainText)
        self.bannerText.setWordWrap(True)
        self.bannerText.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.bannerTexts.addWidget(self.bannerText)


        self.bannerLayout.addLayout(self.bannerTexts)

        self.bannerDetails = QPushButton(self.banner)
        self.bannerDetails.setObjectName(u"bannerDetails")

        self.bannerLayout.addWidget(self.bannerDetails)

        self.bannerLog = QPushButton(self.banner)
        self.bannerLog.setObjectName(u"bannerLog")

        self.bannerLayout.addWidget(self.bannerLog)

        self.bannerRetry = QPushButton(self.banner)
        self.bannerRetry.setObjectName(u"bannerRetry")

        self.bannerLayout.addWidget(self.bannerRetry)

        self.bannerClose = QToolButton(self.banner)
        self.bannerClose.setObjectName(u"bannerClose")
        self.bannerClose.setAutoRaise(True)

        self.bannerLayout.addWidget(self.bannerClose)

        self.bannerLayout.setStretch(0, 1)

        self.contentLayout.addWidget(self.banner)

        self.keyringBanner = QLabel(self.central)
        self.keyringBanner.setObjectName(u"keyringBanner")
        self.keyringBanner.setWordWrap(True)

        self.contentLayout.addWidget(self.keyringBanner)

        self.stack = QStackedWidget(self.central)
        self.stack.setObjectName(u"stack")

        self.contentLayout.addWidget(self.stack)


        self.centralLayout.addLayout(self.contentLayout)

        MainWindow.setCentralWidget(self.central)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.poolLabel.setBuddy(self.poolCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Cognito Console", None))
        self.productLabel.setText(QCoreApplication.translate("MainWindow", u"Cognito Console", None))
#if QT_CONFIG(accessibility)
        self.nav.setAccessibleName(QCoreApplication.translate("MainWindow", u"Views", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.nav.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"The console views: user pools, users, groups, app clients and the rest", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.connectionButton.setToolTip(QCoreApplication.translate("MainWindow", u"Switch connection (Ctrl+Shift+O)", None))
#endif // QT_CONFIG(tooltip)
        self.connectionButton.setText(QCoreApplication.translate("MainWindow", u"Connection\u2026", None))
        self.viewTitle.setText(QCoreApplication.translate("MainWindow", u"User pools", None))
        self.poolLabel.setText(QCoreApplication.translate("MainWindow", u"User pool:", None))
#if QT_CONFIG(tooltip)
        self.poolCombo.setToolTip(QCoreApplication.translate("MainWindow", u"The user pool the views work on (Ctrl+P)", None))
#endif // QT_CONFIG(tooltip)
        self.bannerDetails.setText(QCoreApplication.translate("MainWindow", u"Details\u2026", None))
#if QT_CONFIG(tooltip)
        self.bannerDetails.setToolTip(QCoreApplication.translate("MainWindow", u"The server's whole answer", None))
#endif // QT_CONFIG(tooltip)
        self.bannerLog.setText(QCoreApplication.translate("MainWindow", u"Show log\u2026", None))
#if QT_CONFIG(tooltip)
        self.bannerLog.setToolTip(QCoreApplication.translate("MainWindow", u"The output of the local Cognito the console started", None))
#endif // QT_CONFIG(tooltip)
        self.bannerRetry.setText(QCoreApplication.translate("MainWindow", u"Retry", None))
#if QT_CONFIG(accessibility)
        self.bannerClose.setAccessibleName(QCoreApplication.translate("MainWindow", u"Dismiss", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.bannerClose.setAccessibleDescription(QCoreApplication.translate("MainWindow", u"Hides this message (Esc)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.bannerClose.setToolTip(QCoreApplication.translate("MainWindow", u"Dismiss (Esc)", None))
#endif // QT_CONFIG(tooltip)
        self.bannerClose.setText(QCoreApplication.translate("MainWindow", u"\u2715", None))
        self.keyringBanner.setText(QCoreApplication.translate("MainWindow", u"No keyring backend is available: access keys you type are kept for this session only and will not be remembered.", None))
    # retranslateUi

