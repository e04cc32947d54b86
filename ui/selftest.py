"""The window checks of ``cuadre --self-test`` (``app/cli/selftest.py`` runs them; ``app`` never
imports Qt, so it loads this module by name).

What a bundle can lose on the Qt side: the platform plugin (Qt aborts at start without it), a
library the window needs, Qt's own Spanish translations. So: the platform plugins are looked
for on disk before a QApplication is created (a missing one is a failed check, not an abort),
then the real main window is built and shown, then ``qtbase_es`` is loaded and the window's
English (``resources/translations/cuadre_en.qm``, built from the committed .ts) translates a
known text. With no screen on Linux (no ``DISPLAY``/``WAYLAND_DISPLAY``) the offscreen
platform is used, and the line says so.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtWidgets import QApplication

from app.cli.display import problem as display_problem
from app.cli.selftest import Check, CheckFailed, Result, Status

log = logging.getLogger(__name__)

#: The platform plugin each system draws real windows with.
NATIVE_PLATFORM = {"win32": "windows", "linux": "xcb", "darwin": "cocoa"}
#: How long the window may take to be shown (a safety net, not a measure).
SHOW_TIMEOUT_S = 20.0


def checks() -> list[Check]:
    return [
        Check("Qt (plataforma)", check_platform),
        Check("Ventana", check_window),
        Check("Traducciones", check_translations),
    ]


def platform_plugins(folder: Path | None = None) -> list[str]:
    """The platform plugins on disk (``xcb``, ``offscreen``, ``windows``…)."""
    folder = folder or Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = []
    for path in folder.glob("*") if folder.is_dir() else ():
        if path.suffix in (".so", ".dll", ".dylib"):
            names.append(path.stem.removeprefix("lib").removeprefix("q"))
    return sorted(names)


def _wanted_platform() -> tuple[str, str | None]:
    """(the platform Qt will use, why offscreen was chosen when there is no screen: the sentence
    ``cuadre`` prints)."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen:
        return chosen, None
    native = NATIVE_PLATFORM.get(sys.platform, "")
    sentence = display_problem()
    if sentence is not None:  # no display that answers: Qt would abort
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen", sentence.removeprefix("cuadre: ")
    return native, None


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def check_platform(_: Path, plugins_dir: Path | None = None) -> str | Result:
    found = platform_plugins(plugins_dir)
    native = NATIVE_PLATFORM.get(sys.platform)
    if native is not None and native not in found:
        raise CheckFailed(f"falta el complemento de plataforma «{native}» de Qt (hay: "
                          f"{', '.join(found) or 'ninguno'}); la ventana no podría abrirse")
    wanted, headless = _wanted_platform()
    if wanted and wanted not in found:
        raise CheckFailed(f"falta el complemento de plataforma «{wanted}» de Qt")
    app = _application()
    detail = f"Qt {qVersion()}, plataforma «{app.platformName()}»; complementos: {', '.join(found)}"
    if headless is not None:  # the sentence `cuadre` prints; the window is still tried offscreen
        sentence = headless
        return Result(Status.WARN, f"{sentence[:1].upper()}{sentence[1:]} La ventana se probó sin "
                                   f"pantalla. {detail}")
    return detail


def check_window(_: Path) -> str:
    """The real main window, built, shown and painted, then closed."""
    from ui.main import WINDOW_SIZE, setup_application
    from ui.main_window import MainWindow

    app = _application()
    setup_application(app)
    # Qt's notes while the window is built (the offscreen plugin's, say) go to the log, so the
    # self-test prints only its own lines.
    previous = qInstallMessageHandler(_log_qt_message)
    window = MainWindow()
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        deadline = time.monotonic() + SHOW_TIMEOUT_S
        handle = window.windowHandle()
        while not (handle is not None and handle.isExposed()) and time.monotonic() < deadline:
            app.processEvents()
            handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            raise CheckFailed(f"la ventana principal no se mostró en {SHOW_TIMEOUT_S:.0f} s")
        shot = window.grab()
        if shot.isNull():
            raise CheckFailed("la ventana principal no se pudo dibujar")
        return f"ventana principal mostrada y dibujada ({shot.width()}×{shot.height()})"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        qInstallMessageHandler(previous)


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    log.info("Qt (%s): %s", kind.name, message)


def check_translations(_: Path, folder: str | None = None) -> str:
    """Qt's own Spanish (``qtbase_es.qm``): the text of Qt's standard buttons and dialogs."""
    folder = folder or QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load("qtbase_es", folder):
        raise CheckFailed(f"falta la traducción de Qt al español (qtbase_es.qm en {folder})")
    cancel = translator.translate("QPlatformTheme", "Cancel")
    if not cancel or cancel == "Cancel":
        raise CheckFailed("la traducción de Qt al español (qtbase_es.qm) no traduce «Cancel»")
    english = check_english()
    return f"Qt en español (qtbase_es): «Cancel» se lee «{cancel}»; {english}"


#: A text the English translation must carry: the main window's first menu.
KNOWN_TEXT = ("MainWindow", "&Archivo", "&File")


def check_english(folder: Path | None = None) -> str:
    """The window's English (``cuadre_en.qm``) loads and translates :data:`KNOWN_TEXT`."""
    from ui.common.language import translations_folder

    folder = folder or translations_folder()
    translator = QTranslator()
    if not translator.load("cuadre_en", str(folder)):
        raise CheckFailed(f"falta la traducción de la ventana al inglés (cuadre_en.qm en {folder})")
    context, source, expected = KNOWN_TEXT
    found = translator.translate(context, source)
    if found != expected:
        raise CheckFailed(f"la traducción al inglés (cuadre_en.qm) lee «{source}» como "
                          f"«{found or source}», no «{expected}»")
    return f"ventana en inglés (cuadre_en): «{source}» se lee «{found}»"
