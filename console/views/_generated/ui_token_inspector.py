# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'token_inspector.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QHeaderView, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QSplitter,
    QTableView, QVBoxLayout, QWidget)

class Ui_TokenInspector(object):
    def setupUi(self, TokenInspector):
        if not TokenInspector.objectName():
            TokenInspector.setObjectName(u"TokenInspector")
        self.layout = QVBoxLayout(TokenInspector)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.tokenEdit = QPlainTextEdit(TokenInspector)
        self.tokenEdit.setObjectName(u"tokenEdit")
        self.tokenEdit.setMaximumSize(QSize(16777215, 110))

        self.layout.addWidget(self.tokenEdit)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.verdict = QLabel(TokenInspector)
        self.verdict.setObjectName(u"verdict")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.verdict.sizePolicy().hasHeightForWidth())
        self.verdict.setSizePolicy(sizePolicy)
        self.verdict.setTextFormat(Qt.PlainText)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.actions.addWidget(self.verdict)

        self.clearButton = QPushButton(TokenInspector)
        self.clearButton.setObjectName(u"clearButton")

        self.actions.addWidget(self.clearButton)

        self.verifyButton = QPushButton(TokenInspector)
        self.verifyButton.setObjectName(u"verifyButton")

        self.actions.addWidget(self.verifyButton)

        self.actions.setStretch(0, 1)

        self.layout.addLayout(self.actions)

        self.splitter = QSplitter(TokenInspector)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.headerBox = QWidget(self.splitter)
        self.headerBox.setObjectName(u"headerBox")
        self.headerLayout = QVBoxLayout(self.headerBox)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLayout.setContentsMargins(0, 0, 0, 0)
        self.headerLabel = QLabel(self.headerBox)
        self.headerLabel.setObjectName(u"headerLabel")

        self.headerLayout.addWidget(self.headerLabel)

        self.headerTable = QTableView(self.headerBox)
        self.headerTable.setObjectName(u"headerTable")
        self.headerTable.horizontalHeader().setStretchLastSection(True)
        self.headerTable.verticalHeader().setVisible(False)

        self.headerLayout.addWidget(self.headerTable)

        self.splitter.addWidget(self.headerBox)
        self.claimsBox = QWidget(self.splitter)
        self.claimsBox.setObjectName(u"claimsBox")
        self.claimsLayout = QVBoxLayout(self.claimsBox)
        self.claimsLayout.setObjectName(u"claimsLayout")
        self.claimsLayout.setContentsMargins(0, 0, 0, 0)
        self.claimsLabel = QLabel(self.claimsBox)
        self.claimsLabel.setObjectName(u"claimsLabel")

        self.claimsLayout.addWidget(self.claimsLabel)

        self.claimsTable = QTableView(self.claimsBox)
        self.claimsTable.setObjectName(u"claimsTable")
        self.claimsTable.setAlternatingRowColors(True)
        self.claimsTable.horizontalHeader().setStretchLastSection(True)
        self.claimsTable.verticalHeader().setVisible(False)

        self.claimsLayout.addWidget(self.claimsTable)

        self.splitter.addWidget(self.claimsBox)

        self.layout.addWidget(self.splitter)


        self.retranslateUi(TokenInspector)
    # setupUi

    def retranslateUi(self, TokenInspector):
#if QT_CONFIG(accessibility)
        self.tokenEdit.setAccessibleName(QCoreApplication.translate("TokenInspector", u"Token", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.tokenEdit.setAccessibleDescription(QCoreApplication.translate("TokenInspector", u"An ID or access token (JWT) issued by the user pool", None))
#endif // QT_CONFIG(accessibility)
        self.tokenEdit.setPlaceholderText(QCoreApplication.translate("TokenInspector", u"Paste an ID or access token (JWT) issued by the user pool", None))
        self.clearButton.setText(QCoreApplication.translate("TokenInspector", u"Clear", None))
        self.verifyButton.setText(QCoreApplication.translate("TokenInspector", u"Verify against pool JWKS", None))
        self.headerLabel.setText(QCoreApplication.translate("TokenInspector", u"Header", None))
#if QT_CONFIG(accessibility)
        self.headerTable.setAccessibleName(QCoreApplication.translate("TokenInspector", u"Token header", None))
#endif // QT_CONFIG(accessibility)
        self.claimsLabel.setText(QCoreApplication.translate("TokenInspector", u"Claims", None))
#if QT_CONFIG(accessibility)
        self.claimsTable.setAccessibleName(QCoreApplication.translate("TokenInspector", u"Token claims", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

