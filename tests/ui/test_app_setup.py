"""What every Cuadre QApplication gets: Qt's standard buttons in Spanish and the app's icon."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.main import install_qt_spanish, setup_application


def test_standard_buttons_read_in_spanish_and_the_window_has_an_icon(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    setup_application(app)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Cancelar"
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes()
    assert install_qt_spanish(app) is install_qt_spanish(app)  # installed once
    # The rest of the suite runs on a plain application.
    translator = install_qt_spanish(app)
    assert translator is not None
    QApplication.removeTranslator(translator)
    translator.deleteLater()
    app.setStyleSheet("")
