# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_import_dialog.ui'
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
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_UserImportDialog(object):
    def setupUi(self, UserImportDialog):
        if not UserImportDialog.objectName():
            UserImportDialog.setObjectName(u"UserImportDialog")
        UserImportDialog.resize(640, 520)
        UserImportDialog.setModal(True)
        self.layout = QVBoxLayout(UserImportDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.jobNameEditLabel = QLabel(UserImportDialog)
        self.jobNameEditLabel.setObjectName(u"jobNameEditLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.jobNameEditLabel)

        self.jobNameEdit = QLineEdit(UserImportDialog)
        self.jobNameEdit.setObjectName(u"jobNameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.jobNameEdit)

        self.roleArnEditLabel = QLabel(UserImportDialog)
        self.roleArnEditLabel.setObjectName(u"roleArnEditLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleArnEditLabel)

        self.roleArnEdit = QLineEdit(UserImportDialog)
        self.roleArnEdit.setObjectName(u"roleArnEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleArnEdit)

        self.fileEditLabel = QLabel(UserImportDialog)
        self.fileEditLabel.setObjectName(u"fileEditLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fileEditLabel)

        self.fileRow = QHBoxLayout()
        self.fileRow.setObjectName(u"fileRow")
        self.fileEdit = QLineEdit(UserImportDialog)
        self.fileEdit.setObjectName(u"fileEdit")
        self.fileEdit.setReadOnly(True)

        self.fileRow.addWidget(self.fileEdit)

        self.fileButton = QPushButton(UserImportDialog)
        self.fileButton.setObjectName(u"fileButton")

        self.fileRow.addWidget(self.fileButton)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.fileRow)


        self.layout.addLayout(self.form)

        self.jobActions = QHBoxLayout()
        self.jobActions.setObjectName(u"jobActions")
        self.templateButton = QPushButton(UserImportDialog)
        self.templateButton.setObjectName(u"templateButton")

        self.jobActions.addWidget(self.templateButton)

        self.jobActionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.jobActions.addItem(self.jobActionsSpacer)

        self.stopButton = QPushButton(UserImportDialog)
        self.stopButton.setObjectName(u"stopButton")

        self.jobActions.addWidget(self.stopButton)

        self.startButton = QPushButton(UserImportDialog)
        self.startButton.setObjectName(u"startButton")

        self.jobActions.addWidget(self.startButton)


        self.layout.addLayout(self.jobActions)

        self.progressBar = QProgressBar(UserImportDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)

        self.layout.addWidget(self.progressBar)

        self.statusLabel = QLabel(UserImportDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)

        self.layout.addWidget(self.statusLabel)

        self.logEdit = QPlainTextEdit(UserImportDialog)
        self.logEdit.setObjectName(u"logEdit")
        self.logEdit.setReadOnly(True)
        self.logEdit.setMinimumSize(QSize(0, 140))

        self.layout.addWidget(self.logEdit)

        self.errorLabel = QLabel(UserImportDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(UserImportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.jobNameEditLabel.setBuddy(self.jobNameEdit)
        self.roleArnEditLabel.setBuddy(self.roleArnEdit)
        self.fileEditLabel.setBuddy(self.fileEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserImportDialog)

        self.startButton.setDefault(True)

    # setupUi

    def retranslateUi(self, UserImportDialog):
        UserImportDialog.setWindowTitle(QCoreApplication.translate("UserImportDialog", u"Import users", None))
        self.jobNameEditLabel.setText(QCoreApplication.translate("UserImportDialog", u"Job name", None))
#if QT_CONFIG(accessibility)
        self.jobNameEdit.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Import job name", None))
#endif // QT_CONFIG(accessibility)
        self.jobNameEdit.setPlaceholderText(QCoreApplication.translate("UserImportDialog", u"import-2026-12-05", None))
        self.roleArnEditLabel.setText(QCoreApplication.translate("UserImportDialog", u"CloudWatch Logs role ARN", None))
#if QT_CONFIG(accessibility)
        self.roleArnEdit.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"CloudWatch Logs role ARN", None))
#endif // QT_CONFIG(accessibility)
        self.roleArnEdit.setPlaceholderText(QCoreApplication.translate("UserImportDialog", u"arn:aws:iam::123456789012:role/CognitoImport", None))
        self.fileEditLabel.setText(QCoreApplication.translate("UserImportDialog", u"CSV file", None))
#if QT_CONFIG(accessibility)
        self.fileEdit.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"CSV file", None))
#endif // QT_CONFIG(accessibility)
        self.fileEdit.setPlaceholderText(QCoreApplication.translate("UserImportDialog", u"Start from the CSV template", None))
        self.fileButton.setText(QCoreApplication.translate("UserImportDialog", u"Choose\u2026", None))
#if QT_CONFIG(accessibility)
        self.fileButton.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Choose the CSV file", None))
#endif // QT_CONFIG(accessibility)
        self.templateButton.setText(QCoreApplication.translate("UserImportDialog", u"Save CSV template\u2026", None))
#if QT_CONFIG(accessibility)
        self.templateButton.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Save the CSV template", None))
#endif // QT_CONFIG(accessibility)
        self.stopButton.setText(QCoreApplication.translate("UserImportDialog", u"Stop import", None))
#if QT_CONFIG(accessibility)
        self.stopButton.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Stop import job", None))
#endif // QT_CONFIG(accessibility)
        self.startButton.setText(QCoreApplication.translate("UserImportDialog", u"Start import", None))
#if QT_CONFIG(accessibility)
        self.startButton.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Start import job", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progressBar.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Import progress", None))
#endif // QT_CONFIG(accessibility)
        self.progressBar.setFormat(QCoreApplication.translate("UserImportDialog", u"%v of %m rows", None))
        self.statusLabel.setText("")
#if QT_CONFIG(accessibility)
        self.statusLabel.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Import status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.logEdit.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Import results by line", None))
#endif // QT_CONFIG(accessibility)
        self.logEdit.setPlaceholderText(QCoreApplication.translate("UserImportDialog", u"The job's results by line (its CloudWatch log) show here.", None))
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("UserImportDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

