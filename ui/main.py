"""Starts the window: the QApplication, the style sheet and the main window.

``app.cli.main`` calls :func:`run_gui` (it has already set up logging); tests build
:class:`~ui.main_window.MainWindow` directly.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QDir, QLocale, QTranslator
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ui.common.language import (
    SPANISH,
    install_language,
    install_qt,
    saved_language,
    startup_language,
)
from ui.main_window import MainWindow

log = logging.getLogger(__name__)

WINDOW_SIZE = (1440, 900)


def style_sheet() -> str:
    """The window's style sheet (``resources/cuadre.qss``); empty if it is missing. Its images
    are named ``cuadre:FILE`` (``resources/icons``, a search path :func:`setup_application`
    registers), so they load wherever Cuadre is installed or bundled."""
    try:
        return resources.files("resources").joinpath("cuadre.qss").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        log.warning("style sheet not found; using the platform style")
        return ""


def setup_application(app: QApplication, language: str | None = None) -> None:
    """Names, locale, style, language: what every Cuadre QApplication gets (also used by
    tools). ``language`` (``es``, ``en``; ``ui/common/language.py``) defaults to the one saved
    in the «Idioma» menu, else Spanish; :func:`run_gui` also reads ``LANG`` and friends."""
    app.setApplicationName("Cuadre")
    app.setOrganizationName("Cuadre")
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia))
    app.setStyle("Fusion")
    palette = app.palette()
    # The same light selection as the style sheet, so custom-drawn rows read alike.
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#d6e4f5"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#0d2238"))
    app.setPalette(palette)
    QDir.addSearchPath("cuadre", str(resources.files("resources").joinpath("icons")))
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(QIcon(str(resources.files("resources").joinpath("cuadre.png"))))
    install_language(app, language or saved_language() or SPANISH)


def install_qt_spanish(app: QCoreApplication) -> QTranslator | None:
    """Qt's own Spanish (``qtbase_es``) for the standard buttons and dialogs («Cancelar»,
    «Aceptar»…), once per application; None, logged, when the file is not there (the text
    stays in English)."""
    return install_qt(app, SPANISH)


def demo_store() -> str | None:
    """The demonstration's own workspace (its people hold generated secrets, kept in it), unless
    ``CUADRE_STORE`` names the workspace to use."""
    import os

    from app.writeback.identity import demo_workspace_url

    return None if os.environ.get("CUADRE_STORE") else demo_workspace_url()


def run_gui(argv: list[str], demo: bool, reset_demo: bool) -> int:
    """Open the window (on the demo when ``demo``) and run the event loop; the exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv)
    setup_application(app, startup_language())
    window = MainWindow(store_url=demo_store() if demo or reset_demo else None)
    window.resize(*WINDOW_SIZE)
    window.show()
    if demo or reset_demo:
        window.start_demo(reset=reset_demo)
    return app.exec()
