# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in_activity_view.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from pyqtgraph import PlotWidget

class Ui_SignInActivityView(object):
    def setupUi(self, SignInActivityView):
        if not SignInActivityView.objectName():
            SignInActivityView.setObjectName(u"SignInActivityView")
        self.layout = QVBoxLayout(SignInActivityView)
        self.layout.setSpacing(8)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.controls = QHBoxLayout()
        self.controls.setObjectName(u"controls")
        self.rangeComboLabel = QLabel(SignInActivityView)
        self.rangeComboLabel.setObjectName(u"rangeComboLabel")

        self.controls.addWidget(self.rangeComboLabel)

        self.rangeCombo = QComboBox(SignInActivityView)
        self.rangeCombo.setObjectName(u"rangeCombo")

        self.controls.addWidget(self.rangeCombo)

        self.clientComboLabel = QLabel(SignInActivityView)
        self.clientComboLabel.setObjectName(u"clientComboLabel")

        self.controls.addWidget(self.clientComboLabel)

        self.clientCombo = QComboBox(SignInActivityView)
        self.clientCombo.setObjectName(u"clientCombo")
        self.clientCombo.setMinimumSize(QSize(200, 0))

        self.controls.addWidget(self.clientCombo)

        self.liveCheck = QCheckBox(SignInActivityView)
        self.liveCheck.setObjectName(u"liveCheck")

        self.controls.addWidget(self.liveCheck)

        self.controlsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.controls.addItem(self.controlsSpacer)

        self.refreshButton = QPushButton(SignInActivityView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.controls.addWidget(self.refreshButton)


        self.layout.addLayout(self.controls)

        self.summaryLabel = QLabel(SignInActivityView)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextFormat(Qt.PlainText)

        self.layout.addWidget(self.summaryLabel)

        self.splitter = QSplitter(SignInActivityView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.activityPlot = PlotWidget(self.splitter)
        self.activityPlot.setObjectName(u"activityPlot")
        self.activityPlot.setMinimumSize(QSize(0, 180))
        self.splitter.addWidget(self.activityPlot)
        self.riskPlot = PlotWidget(self.splitter)
        self.riskPlot.setObjectName(u"riskPlot")
        self.riskPlot.setMinimumSize(QSize(0, 120))
        self.splitter.addWidget(self.riskPlot)
        self.details = QTextBrowser(self.splitter)
        self.details.setObjectName(u"details")
        self.details.setOpenLinks(False)
        self.splitter.addWidget(self.details)

        self.layout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.rangeComboLabel.setBuddy(self.rangeCombo)
        self.clientComboLabel.setBuddy(self.clientCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignInActivityView)
    # setupUi

    def retranslateUi(self, SignInActivityView):
        self.rangeComboLabel.setText(QCoreApplication.translate("SignInActivityView", u"Range", None))
#if QT_CONFIG(accessibility)
        self.rangeCombo.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"Time range", None))
#endif // QT_CONFIG(accessibility)
        self.clientComboLabel.setText(QCoreApplication.translate("SignInActivityView", u"App client", None))
#if QT_CONFIG(accessibility)
        self.clientCombo.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"App client filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.liveCheck.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"Live updates", None))
#endif // QT_CONFIG(accessibility)
        self.liveCheck.setText(QCoreApplication.translate("SignInActivityView", u"Live", None))
#if QT_CONFIG(tooltip)
        self.liveCheck.setToolTip(QCoreApplication.translate("SignInActivityView", u"Read the metrics again every 30 seconds while this view is open", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.refreshButton.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"Refresh the sign-in activity", None))
#endif // QT_CONFIG(accessibility)
        self.refreshButton.setText(QCoreApplication.translate("SignInActivityView", u"Refresh", None))
        self.summaryLabel.setText("")
#if QT_CONFIG(accessibility)
        self.activityPlot.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"Sign-ins, failures, sign-ups, token refreshes and federated sign-ins over time", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.riskPlot.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"Threat protection events over time", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.details.setAccessibleName(QCoreApplication.translate("SignInActivityView", u"The chosen period's activity", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

