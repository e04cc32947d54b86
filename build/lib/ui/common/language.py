"""The window's language: Spanish (the source texts) or English (``cuadre_en.qm``).

Chosen in the main window's «Idioma» menu and remembered with QSettings, in an INI file in the
data folder (``ventana.ini``, key ``idioma``), so it follows ``CUADRE_DATA_DIR`` as the rest of
Cuadre's state does. With nothing chosen, the start reads ``CUADRE_LANG``, then ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` (the first one set, as POSIX reads them; the command line reads
the same): English when it names English (``en_US.UTF-8``), Spanish otherwise and by default.
Qt's own texts (the standard buttons and dialogs) follow the choice: ``qtbase_en`` or
``qtbase_es``; so do the engine's sentences the window shows
(:func:`app.domain.i18n.set_language`). Numbers, pesos and dates stay es-CO in both
languages: the figures are Colombian pesos and read the same as on the PDF and the XLSX.

A new choice applies the next time Cuadre opens, not live, and the window says so at once. The
window's texts are written once, when each widget is built, beside the state they describe (a
report on screen, tasks running, open dialogs, a decision half-made): switching live would
need a retranslation method in each of some forty widgets, and rebuilding the window would
either drop that state or reconcile again, saving a run in the workspace's audit trail for a
change of words. The menu shows the choice saved.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app import paths
from app.domain import i18n

log = logging.getLogger(__name__)

SPANISH = "es"
ENGLISH = "en"
#: Each language named in itself, as language menus do (never translated).
LANGUAGE_NAMES = {SPANISH: "Español", ENGLISH: "English"}
#: The environment variables that name the language: Cuadre's own, then POSIX's, in its order.
LOCALE_VARIABLES = ("CUADRE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
SETTINGS_FILE = "ventana.ini"
SETTINGS_KEY = "idioma"
#: The translators this module installs, by object name (found again to be replaced).
_TRANSLATORS = ("qtbase_es", "qtbase_en", "cuadre_en")
_APP_PROPERTY = "cuadreLanguage"


def settings() -> QSettings:
    """The window's settings file (``ventana.ini`` in the data folder)."""
    return QSettings(str(paths.data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language() -> str | None:
    """The language chosen in the menu, if any."""
    value = settings().value(SETTINGS_KEY)
    return value if isinstance(value, str) and value in LANGUAGE_NAMES else None


def save_language(language: str) -> bool:
    """Remember ``language`` for the next start; False when the file could not be written."""
    if language not in LANGUAGE_NAMES:
        raise ValueError(language)
    store = settings()
    store.setValue(SETTINGS_KEY, language)
    store.sync()
    if store.status() != QSettings.Status.NoError:
        log.warning("could not save the language in %s", store.fileName())
        return False
    return True


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """English when the first of :data:`LOCALE_VARIABLES` that is set names English."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return ENGLISH if code == ENGLISH else SPANISH
    return SPANISH


def startup_language(environ: Mapping[str, str] | None = None) -> str:
    """What the window opens in: the saved choice, else the environment's, else Spanish."""
    return saved_language() or environment_language(environ)


def current_language(app: QCoreApplication | None = None) -> str:
    """The language installed on the application (Spanish when none was)."""
    app = app or QCoreApplication.instance()
    value = app.property(_APP_PROPERTY) if app is not None else None
    return value if isinstance(value, str) and value in LANGUAGE_NAMES else SPANISH


def translations_folder() -> Path:
    return Path(str(resources.files("resources").joinpath("translations")))


def _load(app: QCoreApplication, name: str, folder: str) -> QTranslator | None:
    """The translator ``name`` (a .qm in ``folder``), installed once; None, logged, if absent."""
    installed = app.findChild(QTranslator, name)
    if isinstance(installed, QTranslator):
        return installed
    translator = QTranslator(app)
    translator.setObjectName(name)
    if not translator.load(name, folder):
        log.warning("translation %s not found in %s", name, folder)
        translator.deleteLater()
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def install_qt(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own texts in ``language`` (``qtbase_<language>``)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return _load(app, f"qtbase_{language}", folder)


def uninstall_language(app: QCoreApplication) -> None:
    """Remove every translator this module installed (the source texts again: Spanish)."""
    for name in _TRANSLATORS:
        translator = app.findChild(QTranslator, name)
        if isinstance(translator, QTranslator):
            QCoreApplication.removeTranslator(translator)
            translator.setObjectName("")
            translator.deleteLater()
    app.setProperty(_APP_PROPERTY, None)
    i18n.set_language(None)


def install_language(app: QCoreApplication, language: str) -> bool:
    """Make ``language`` the application's: Cuadre's texts and Qt's. False when its
    translation could not be loaded (the texts stay Spanish; logged)."""
    if language not in LANGUAGE_NAMES:
        raise ValueError(language)
    uninstall_language(app)
    install_qt(app, language)
    loaded = True
    if language != SPANISH:
        loaded = _load(app, f"cuadre_{language}", str(translations_folder())) is not None
    installed = language if loaded else SPANISH
    app.setProperty(_APP_PROPERTY, installed)
    # The engine's sentences too: set only when the environment would choose otherwise, so
    # the command line, in the same process, keeps reading its own environment.
    i18n.set_language(None if i18n.environment_language() == installed else installed)
    return loaded


class LanguageMenu(QMenu):
    """«Idioma»: Español / English, the saved choice checked. Choosing another saves it and
    says it applies the next time Cuadre opens (``chosen`` carries the code)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Idioma"), parent)
        self.setObjectName("languageMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        selected = saved_language() or current_language()
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == selected)
            action.setData(code)
            self._group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action
        self._group.triggered.connect(self._on_triggered)
        self.notice: QMessageBox | None = None

    def _on_triggered(self, action: QAction) -> None:
        self.choose(str(action.data()))

    def choose(self, language: str) -> None:
        """Save ``language`` for the next start and say so (nothing when it is already so)."""
        previous = saved_language() or current_language()
        self.language_actions[language].setChecked(True)
        if language == previous:
            return
        icon = QMessageBox.Icon.Information
        if not save_language(language):
            self.language_actions[previous].setChecked(True)
            icon, language = QMessageBox.Icon.Warning, previous
            text = self.tr("No se pudo guardar el idioma en la carpeta de datos: Cuadre sigue "
                           "en {language}.")
        else:
            self.chosen.emit(language)
            if language == current_language():
                text = self.tr("Cuadre seguirá en {language}.")
            else:
                text = self.tr("Cuadre se mostrará en {language} la próxima vez que lo abra.")
        self.notice = QMessageBox(icon, self.tr("Idioma"),
                                  text.format(language=LANGUAGE_NAMES[language]),
                                  QMessageBox.StandardButton.Ok, self.parentWidget())
        self.notice.setObjectName("languageNotice")
        self.notice.open()
