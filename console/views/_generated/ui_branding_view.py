# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'branding_view.ui'
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
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QStackedWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_BrandingView(object):
    def setupUi(self, BrandingView):
        if not BrandingView.objectName():
            BrandingView.setObjectName(u"BrandingView")
        self.layout = QVBoxLayout(BrandingView)
        self.layout.setSpacing(8)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.controls = QHBoxLayout()
        self.controls.setObjectName(u"controls")
        self.clientComboLabel = QLabel(BrandingView)
        self.clientComboLabel.setObjectName(u"clientComboLabel")

        self.controls.addWidget(self.clientComboLabel)

        self.clientCombo = QComboBox(BrandingView)
        self.clientCombo.setObjectName(u"clientCombo")

        self.controls.addWidget(self.clientCombo)

        self.controlsSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.controls.addItem(self.controlsSpacer)

        self.revertButton = QPushButton(BrandingView)
        self.revertButton.setObjectName(u"revertButton")

        self.controls.addWidget(self.revertButton)

        self.copyButton = QPushButton(BrandingView)
        self.copyButton.setObjectName(u"copyButton")

        self.controls.addWidget(self.copyButton)

        self.applyButton = QPushButton(BrandingView)
        self.applyButton.setObjectName(u"applyButton")

        self.controls.addWidget(self.applyButton)


        self.layout.addLayout(self.controls)

        self.styleLabel = QLabel(BrandingView)
        self.styleLabel.setObjectName(u"styleLabel")
        self.styleLabel.setWordWrap(True)

        self.layout.addWidget(self.styleLabel)

        self.splitter = QSplitter(BrandingView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.editorStack = QStackedWidget(self.splitter)
        self.editorStack.setObjectName(u"editorStack")
        self.classicPage = QWidget()
        self.classicPage.setObjectName(u"classicPage")
        self.classicLayout = QVBoxLayout(self.classicPage)
        self.classicLayout.setObjectName(u"classicLayout")
        self.classicLayout.setContentsMargins(0, 0, 0, 0)
        self.classRow = QHBoxLayout()
        self.classRow.setObjectName(u"classRow")
        self.classComboLabel = QLabel(self.classicPage)
        self.classComboLabel.setObjectName(u"classComboLabel")

        self.classRow.addWidget(self.classComboLabel)

        self.classCombo = QComboBox(self.classicPage)
        self.classCombo.setObjectName(u"classCombo")

        self.classRow.addWidget(self.classCombo)

        self.classSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.classRow.addItem(self.classSpacer)


        self.classicLayout.addLayout(self.classRow)

        self.cssEdit = QPlainTextEdit(self.classicPage)
        self.cssEdit.setObjectName(u"cssEdit")
        self.cssEdit.setTabChangesFocus(True)

        self.classicLayout.addWidget(self.cssEdit)

        self.cssCheckLabel = QLabel(self.classicPage)
        self.cssCheckLabel.setObjectName(u"cssCheckLabel")
        self.cssCheckLabel.setWordWrap(True)

        self.classicLayout.addWidget(self.cssCheckLabel)

        self.logoRow = QHBoxLayout()
        self.logoRow.setObjectName(u"logoRow")
        self.logoButton = QPushButton(self.classicPage)
        self.logoButton.setObjectName(u"logoButton")

        self.logoRow.addWidget(self.logoButton)

        self.clearLogoButton = QPushButton(self.classicPage)
        self.clearLogoButton.setObjectName(u"clearLogoButton")

        self.logoRow.addWidget(self.clearLogoButton)

        self.logoLabel = QLabel(self.classicPage)
        self.logoLabel.setObjectName(u"logoLabel")
        self.logoLabel.setWordWrap(True)

        self.logoRow.addWidget(self.logoLabel)


        self.classicLayout.addLayout(self.logoRow)

        self.editorStack.addWidget(self.classicPage)
        self.managedPage = QWidget()
        self.managedPage.setObjectName(u"managedPage")
        self.managedLayout = QVBoxLayout(self.managedPage)
        self.managedLayout.setObjectName(u"managedLayout")
        self.managedLayout.setContentsMargins(0, 0, 0, 0)
        self.useCognitoCheck = QCheckBox(self.managedPage)
        self.useCognitoCheck.setObjectName(u"useCognitoCheck")

        self.managedLayout.addWidget(self.useCognitoCheck)

        self.settingsEdit = QPlainTextEdit(self.managedPage)
        self.settingsEdit.setObjectName(u"settingsEdit")
        self.settingsEdit.setTabChangesFocus(True)

        self.managedLayout.addWidget(self.settingsEdit)

        self.settingsCheckLabel = QLabel(self.managedPage)
        self.settingsCheckLabel.setObjectName(u"settingsCheckLabel")
        self.settingsCheckLabel.setWordWrap(True)

        self.managedLayout.addWidget(self.settingsCheckLabel)

        self.assetsGroup = QGroupBox(self.managedPage)
        self.assetsGroup.setObjectName(u"assetsGroup")
        self.assetsLayout = QVBoxLayout(self.assetsGroup)
        self.assetsLayout.setObjectName(u"assetsLayout")
        self.assetsTable = QTableWidget(self.assetsGroup)
        self.assetsTable.setObjectName(u"assetsTable")
        self.assetsTable.setMinimumSize(QSize(0, 110))
        self.assetsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.assetsTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.assetsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.assetsTable.setAlternatingRowColors(True)

        self.assetsLayout.addWidget(self.assetsTable)

        self.assetRow = QHBoxLayout()
        self.assetRow.setObjectName(u"assetRow")
        self.assetCategoryComboLabel = QLabel(self.assetsGroup)
        self.assetCategoryComboLabel.setObjectName(u"assetCategoryComboLabel")

        self.assetRow.addWidget(self.assetCategoryComboLabel)

        self.assetCategoryCombo = QComboBox(self.assetsGroup)
        self.assetCategoryCombo.setObjectName(u"assetCategoryCombo")
        self.assetCategoryCombo.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.assetRow.addWidget(self.assetCategoryCombo)

        self.colorModeCombo = QComboBox(self.assetsGroup)
        self.colorModeCombo.setObjectName(u"colorModeCombo")
        self.colorModeCombo.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.assetRow.addWidget(self.colorModeCombo)

        self.resourceIdEdit = QLineEdit(self.assetsGroup)
        self.resourceIdEdit.setObjectName(u"resourceIdEdit")
        self.resourceIdEdit.setMinimumSize(QSize(110, 0))
        self.resourceIdEdit.setMaxLength(40)

        self.assetRow.addWidget(self.resourceIdEdit)

        self.chooseAssetButton = QPushButton(self.assetsGroup)
        self.chooseAssetButton.setObjectName(u"chooseAssetButton")

        self.assetRow.addWidget(self.chooseAssetButton)

        self.removeAssetButton = QPushButton(self.assetsGroup)
        self.removeAssetButton.setObjectName(u"removeAssetButton")

        self.assetRow.addWidget(self.removeAssetButton)


        self.assetsLayout.addLayout(self.assetRow)

        self.assetsLabel = QLabel(self.assetsGroup)
        self.assetsLabel.setObjectName(u"assetsLabel")
        self.assetsLabel.setWordWrap(True)
        self.assetsLabel.setTextFormat(Qt.PlainText)

        self.assetsLayout.addWidget(self.assetsLabel)


        self.managedLayout.addWidget(self.assetsGroup)

        self.editorStack.addWidget(self.managedPage)
        self.splitter.addWidget(self.editorStack)
        self.previewPane = QWidget(self.splitter)
        self.previewPane.setObjectName(u"previewPane")
        self.previewLayout = QVBoxLayout(self.previewPane)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(6, 0, 0, 0)
        self.previewControls = QHBoxLayout()
        self.previewControls.setObjectName(u"previewControls")
        self.pageCombo = QComboBox(self.previewPane)
        self.pageCombo.setObjectName(u"pageCombo")

        self.previewControls.addWidget(self.pageCombo)

        self.widthCombo = QComboBox(self.previewPane)
        self.widthCombo.addItem("")
        self.widthCombo.addItem("")
        self.widthCombo.setObjectName(u"widthCombo")

        self.previewControls.addWidget(self.widthCombo)

        self.schemeCombo = QComboBox(self.previewPane)
        self.schemeCombo.addItem("")
        self.schemeCombo.addItem("")
        self.schemeCombo.setObjectName(u"schemeCombo")

        self.previewControls.addWidget(self.schemeCombo)

        self.previewSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.previewControls.addItem(self.previewSpacer)


        self.previewLayout.addLayout(self.previewControls)

        self.previewNote = QLabel(self.previewPane)
        self.previewNote.setObjectName(u"previewNote")
        self.previewNote.setWordWrap(True)

        self.previewLayout.addWidget(self.previewNote)

        self.previewHost = QWidget(self.previewPane)
        self.previewHost.setObjectName(u"previewHost")
        self.previewHost.setMinimumSize(QSize(380, 300))
        self.previewHostLayout = QVBoxLayout(self.previewHost)
        self.previewHostLayout.setObjectName(u"previewHostLayout")
        self.previewHostLayout.setContentsMargins(0, 0, 0, 0)

        self.previewLayout.addWidget(self.previewHost)

        self.splitter.addWidget(self.previewPane)

        self.layout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.clientComboLabel.setBuddy(self.clientCombo)
        self.classComboLabel.setBuddy(self.classCombo)
        self.assetCategoryComboLabel.setBuddy(self.assetCategoryCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(BrandingView)
    # setupUi

    def retranslateUi(self, BrandingView):
        self.clientComboLabel.setText(QCoreApplication.translate("BrandingView", u"App client", None))
#if QT_CONFIG(accessibility)
        self.clientCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"App client whose look is edited", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.revertButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Revert to the saved look", None))
#endif // QT_CONFIG(accessibility)
        self.revertButton.setText(QCoreApplication.translate("BrandingView", u"Revert", None))
#if QT_CONFIG(tooltip)
        self.revertButton.setToolTip(QCoreApplication.translate("BrandingView", u"Back to the saved look", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.copyButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Copy this look to another app client", None))
#endif // QT_CONFIG(accessibility)
        self.copyButton.setText(QCoreApplication.translate("BrandingView", u"Copy to\u2026", None))
#if QT_CONFIG(tooltip)
        self.copyButton.setToolTip(QCoreApplication.translate("BrandingView", u"Save this look for another app client", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.applyButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Apply this look to the user pool", None))
#endif // QT_CONFIG(accessibility)
        self.applyButton.setText(QCoreApplication.translate("BrandingView", u"Apply", None))
#if QT_CONFIG(tooltip)
        self.applyButton.setToolTip(QCoreApplication.translate("BrandingView", u"Save this look to the user pool", None))
#endif // QT_CONFIG(tooltip)
        self.styleLabel.setText("")
        self.classComboLabel.setText(QCoreApplication.translate("BrandingView", u"Add a rule for", None))
#if QT_CONFIG(accessibility)
        self.classCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"Customizable CSS class to add a rule for", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.cssEdit.setAccessibleName(QCoreApplication.translate("BrandingView", u"CSS of the classic hosted UI", None))
#endif // QT_CONFIG(accessibility)
        self.cssEdit.setPlaceholderText(QCoreApplication.translate("BrandingView", u".banner-customizable { background-color: #0f1b2a; }", None))
        self.cssCheckLabel.setText("")
#if QT_CONFIG(accessibility)
        self.logoButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Choose a logo file", None))
#endif // QT_CONFIG(accessibility)
        self.logoButton.setText(QCoreApplication.translate("BrandingView", u"Choose logo\u2026", None))
#if QT_CONFIG(tooltip)
        self.logoButton.setToolTip(QCoreApplication.translate("BrandingView", u"PNG or JPEG, at most 100 KB", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.clearLogoButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Keep the saved logo", None))
#endif // QT_CONFIG(accessibility)
        self.clearLogoButton.setText(QCoreApplication.translate("BrandingView", u"No new logo", None))
        self.logoLabel.setText("")
#if QT_CONFIG(accessibility)
        self.useCognitoCheck.setAccessibleName(QCoreApplication.translate("BrandingView", u"Use Cognito's look", None))
#endif // QT_CONFIG(accessibility)
        self.useCognitoCheck.setText(QCoreApplication.translate("BrandingView", u"Use Cognito's look (UseCognitoProvidedValues)", None))
#if QT_CONFIG(accessibility)
        self.settingsEdit.setAccessibleName(QCoreApplication.translate("BrandingView", u"Managed login settings (JSON)", None))
#endif // QT_CONFIG(accessibility)
        self.settingsCheckLabel.setText("")
        self.assetsGroup.setTitle(QCoreApplication.translate("BrandingView", u"Images", None))
#if QT_CONFIG(accessibility)
        self.assetsGroup.setAccessibleName(QCoreApplication.translate("BrandingView", u"Managed login images", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.assetsTable.setAccessibleName(QCoreApplication.translate("BrandingView", u"Images of this style", None))
#endif // QT_CONFIG(accessibility)
        self.assetCategoryComboLabel.setText(QCoreApplication.translate("BrandingView", u"Image", None))
#if QT_CONFIG(accessibility)
        self.assetCategoryCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"Image category", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.colorModeCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"Colour mode of the image", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.colorModeCombo.setToolTip(QCoreApplication.translate("BrandingView", u"Light or dark mode only, or browser-adaptive (shown in both)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.resourceIdEdit.setAccessibleName(QCoreApplication.translate("BrandingView", u"Resource ID of the image", None))
#endif // QT_CONFIG(accessibility)
        self.resourceIdEdit.setPlaceholderText(QCoreApplication.translate("BrandingView", u"Resource ID", None))
#if QT_CONFIG(tooltip)
        self.resourceIdEdit.setToolTip(QCoreApplication.translate("BrandingView", u"Optional: which one of its category the image is, such as the identity provider whose button shows an icon (letters, digits, _, - and spaces)", None))
#endif // QT_CONFIG(tooltip)
        self.chooseAssetButton.setText(QCoreApplication.translate("BrandingView", u"Choose image\u2026", None))
#if QT_CONFIG(accessibility)
        self.chooseAssetButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Choose an image file", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.chooseAssetButton.setToolTip(QCoreApplication.translate("BrandingView", u"PNG, JPEG, SVG or WebP (favicons ICO or SVG), at most 1 MB", None))
#endif // QT_CONFIG(tooltip)
        self.removeAssetButton.setText(QCoreApplication.translate("BrandingView", u"Remove", None))
#if QT_CONFIG(accessibility)
        self.removeAssetButton.setAccessibleName(QCoreApplication.translate("BrandingView", u"Remove the selected image", None))
#endif // QT_CONFIG(accessibility)
        self.assetsLabel.setText("")
#if QT_CONFIG(accessibility)
        self.pageCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"Page to preview", None))
#endif // QT_CONFIG(accessibility)
        self.widthCombo.setItemText(0, QCoreApplication.translate("BrandingView", u"Phone (375 px)", None))
        self.widthCombo.setItemText(1, QCoreApplication.translate("BrandingView", u"Desktop (1024 px)", None))

#if QT_CONFIG(accessibility)
        self.widthCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"Preview width", None))
#endif // QT_CONFIG(accessibility)
        self.schemeCombo.setItemText(0, QCoreApplication.translate("BrandingView", u"Light", None))
        self.schemeCombo.setItemText(1, QCoreApplication.translate("BrandingView", u"Dark", None))

#if QT_CONFIG(accessibility)
        self.schemeCombo.setAccessibleName(QCoreApplication.translate("BrandingView", u"Colour scheme of the preview", None))
#endif // QT_CONFIG(accessibility)
        self.previewNote.setText("")
#if QT_CONFIG(accessibility)
        self.previewHost.setAccessibleName(QCoreApplication.translate("BrandingView", u"Preview of the hosted UI page", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

