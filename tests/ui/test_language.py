"""The window in English and back (ui/common/language.py, resources/translations/cuadre_en.ts).

A language chosen in «Idioma» is saved and applies at the next start (the module says why);
these tests choose it in the menu, then start again as ``run_gui`` does (the saved language
installed, a new main window) and read the window, its menus and its tabs.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)
from ui_fakes import make_report

from app.domain import i18n
from app.progress import CancelToken, Progress, Task
from app.reconcile.results import Report
from ui.common import language
from ui.main import setup_application
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The application with a data folder of its own (the saved language lives there); Spanish
    and no translator again afterwards, as the rest of the suite expects."""
    monkeypatch.setenv("CUADRE_DATA_DIR", str(tmp_path))
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    language.uninstall_language(instance)


def _fake_demo(reset: bool, cancel: CancelToken) -> Task[Report]:
    yield Progress("generate_demo", 1, 1)
    return make_report()


def _start(qtbot, app: QApplication) -> MainWindow:  # type: ignore[no-untyped-def]
    """What ``run_gui`` does: the language it starts in, then the main window."""
    language.install_language(app, language.startup_language({}))
    window = MainWindow(demo_factory=_fake_demo)
    window.show_error = lambda message: None  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def _menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _menu_items(window: MainWindow, title: str) -> list[str]:
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    try:
        return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    finally:
        box.deleteLater()


def _choose(qtbot, window: MainWindow, code: str) -> str:  # type: ignore[no-untyped-def]
    """Choose ``code`` in «Idioma»; the notice's text."""
    window.language_menu.language_actions[code].trigger()
    notice = window.language_menu.notice
    assert notice is not None
    qtbot.waitUntil(notice.isVisible)
    text = notice.text()
    notice.close()
    return text


def test_choosing_english_in_the_menu_opens_the_window_in_english_and_back(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    spanish = _start(qtbot, app)
    assert _menus(spanish) == ["&Archivo", "&Editar", "&Ver", "&Idioma"]
    assert [a.text() for a in spanish.language_menu.actions()] == ["Español", "English"]
    assert spanish.language_menu.language_actions["es"].isChecked()
    notice = _choose(qtbot, spanish, "en")
    assert notice == "Cuadre se mostrará en English la próxima vez que lo abra."
    assert language.saved_language() == "en"
    assert spanish.windowTitle().startswith("Cuadre — Conciliación")  # not live: said so
    assert spanish.shutdown()

    english = _start(qtbot, app)
    assert language.current_language(app) == "en"
    assert english.windowTitle() == "Cuadre — CRM ↔ ERP Reconciliation"
    assert _menus(english) == ["&File", "&Edit", "&View", "&Language"]
    assert english.language_menu.language_actions["en"].isChecked()
    file_items = _menu_items(english, "&File")
    assert "&Reconcile again" in file_items and "&Quit" in file_items
    assert _menu_items(english, "&Edit") == ["&Find…"]
    assert english.tab_titles() == ["Customers", "Payments", "Stock", "Physical count",
                                    "Dashboard"]
    assert _cancel_text() == "Cancel"  # Qt's own texts follow (qtbase_en)
    english.load_report(make_report())
    assert english.tab_titles()[0].startswith("Customers (")
    assert english.count_tab.compare_button.text() == "Co&mpare with the ERP"
    tab = english.entity_tabs[next(iter(english.entity_tabs))]
    assert tab.search_edit.placeholderText() == "Search…"
    model = tab.view.model()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert "Field" in headers or "Type" in headers, headers
    assert _choose(qtbot, english, "es") == \
        "Cuadre will be shown in Español the next time you open it."
    assert english.shutdown()

    again = _start(qtbot, app)
    assert _menus(again) == ["&Archivo", "&Editar", "&Ver", "&Idioma"]
    assert again.tab_titles()[:2] == ["Clientes", "Pagos"]
    assert _cancel_text() == "Cancelar"
    assert again.shutdown()


#: Letters and marks English never writes; allowed only in the names and examples below.
SPANISH_MARKS = re.compile(r"[áéíóúñÁÉÍÓÚÑ¿¡«»]")
ALLOWED = ("Cédula", "cédula", "María García", "Español")


def _visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.statusTip(), widget.accessibleName(),
                  widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        for action in widget.actions():
            texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t]


def test_the_english_window_shows_no_spanish(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    language.save_language("en")
    window = _start(qtbot, app)
    left = sorted({text for text in _visible_texts(window)
                   if SPANISH_MARKS.search(text)
                   and not any(word in text for word in ALLOWED)})
    assert left == [], "\n".join(left)
    assert window.shutdown()


def test_the_language_comes_from_the_menu_then_the_environment_then_spanish(app) -> None:  # type: ignore[no-untyped-def]
    assert language.environment_language({}) == "es"
    assert language.environment_language({"LANG": "en_US.UTF-8"}) == "en"
    assert language.environment_language({"LANG": "C.UTF-8"}) == "es"
    assert language.environment_language({"LANG": "fr_FR.UTF-8"}) == "es"
    # POSIX order: LC_ALL, then LC_MESSAGES, then LANG.
    assert language.environment_language({"LC_ALL": "es_CO.UTF-8", "LANG": "en_US"}) == "es"
    assert language.environment_language({"LC_MESSAGES": "en_GB", "LANG": "es_CO"}) == "en"
    assert language.environment_language({"LC_ALL": "", "LANG": "en"}) == "en"
    assert language.environment_language({"CUADRE_LANG": "en", "LC_ALL": "es_CO"}) == "en"
    assert language.startup_language({"LANG": "en_US.UTF-8"}) == "en"
    language.save_language("es")
    assert language.startup_language({"LANG": "en_US.UTF-8"}) == "es"  # the menu wins
    with pytest.raises(ValueError):
        language.save_language("fr")


def test_setup_application_installs_the_saved_language(app) -> None:  # type: ignore[no-untyped-def]
    setup_application(app)
    assert language.current_language(app) == "es"
    assert QCoreApplication.translate("MainWindow", "&Archivo") == "&Archivo"
    language.save_language("en")
    setup_application(app)
    assert language.current_language(app) == "en"
    assert QCoreApplication.translate("MainWindow", "&Archivo") == "&File"
    assert QCoreApplication.translate("labels", "Clientes") == "Customers"
    assert i18n.language() == "en"  # the engine's sentences follow the window
    setup_application(app, "es")
    assert QCoreApplication.translate("MainWindow", "&Archivo") == "&Archivo"
    assert i18n.language() == "es"
    app.setStyleSheet("")


# -- the .ts itself --------------------------------------------------------------------------


def _translations() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cuadre_translations",
                                                  ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cuadre_translations", module)
    spec.loader.exec_module(module)
    return module


def test_every_text_of_the_window_is_translated_to_english() -> None:
    """lupdate over ui/ (into a scratch file) and the labels' tables, against the .ts."""
    left = _translations().untranslated("en")
    assert left == [], "Sin traducir en cuadre_en.ts (python tools/translations.py update, " \
                       "luego traduzca):\n" + "\n".join(left)


PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%[0-9n]")


def test_translations_keep_their_placeholders_and_one_accelerator() -> None:
    tools = _translations()
    wrong = []
    for context, messages in tools.read_ts(tools.ts_path("en")).items():
        for message in messages.values():
            for text in message.translations:
                if not message.finished:
                    continue
                if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(
                        message.source)):
                    wrong.append(f"{context}: {message.source!r} → {text!r} (marcadores)")
                if (message.source.replace("&&", "").count("&") > 0) != \
                        (text.replace("&&", "").count("&") > 0):
                    wrong.append(f"{context}: {message.source!r} → {text!r} (atajo &)")
    assert wrong == []


def test_the_self_test_reads_the_english_translation(tmp_path: Path) -> None:
    from app.cli.selftest import CheckFailed
    from ui import selftest

    assert "«&Archivo» se lee «&File»" in selftest.check_english()
    with pytest.raises(CheckFailed, match=r"cuadre_en\.qm"):
        selftest.check_english(tmp_path)
    (tmp_path / "cuadre_en.qm").write_bytes(b"not a translation")
    with pytest.raises(CheckFailed):
        selftest.check_english(tmp_path)


def test_a_language_that_cannot_be_saved_is_said_and_not_chosen(qtbot, app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _start(qtbot, app)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("CUADRE_DATA_DIR", str(blocked))
    with qtbot.assertNotEmitted(window.language_menu.chosen):
        notice = _choose(qtbot, window, "en")
    assert notice == "No se pudo guardar el idioma en la carpeta de datos: Cuadre sigue en Español."
    assert window.language_menu.language_actions["es"].isChecked()
    assert window.shutdown()
