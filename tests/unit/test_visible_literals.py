"""No text a person reads in the window escapes Qt's translation (``ui/``, read with ``ast``).

The window's Spanish is the source language of ``resources/translations/cuadre_en.ts``: a
text reaches the English UI only when lupdate can see it and the window asks the translator
for it at run time. So, over every module of ``ui/``:

- a string literal with words in it, given to a Qt text setter or constructor (``setText``,
  ``setToolTip``, ``addAction``, ``QLabel(…)``, ``QMessageBox`` texts, header labels…), must be
  the argument of ``tr()``/``translate()`` (or its ``.format()``), not bare, concatenated or an
  f-string;
- ``tr()`` must be given a literal: lupdate cannot read ``self.tr(header)``. A module that
  keeps its texts in tables marks each with ``QT_TRANSLATE_NOOP`` and may translate them by
  name;
- ``tr()`` is called on ``self`` or on the shared helper (``fmt.tr``): lupdate files
  ``parent.tr("…")`` under a context called «parent», which the window never asks for;
- ``tr()`` runs inside a function, never when a module is imported (a class attribute
  ``name = fmt.tr("…")``): the language is installed after the modules are loaded.

Words that read the same in every language (Cuadre, CRM, ERP, VIN…) may stand bare.

And, whatever receives it: no Spanish sentence is written outside the translator — a literal
or f-string with an accent, «ñ», «¿», «¡» or a Spanish word between spaces (a message returned,
an exception's text, a table's cell), except docstrings, logging, text matched against data
(``startswith``, ``removeprefix``…) and the self-test's lines (the command line's words).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

#: Text setters: every positional argument is read by a person.
SETTERS = frozenset({
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "setLabelText", "setInformativeText", "setDetailedText",
    "setAccessibleName", "setAccessibleDescription", "showMessage", "setSpecialValueText",
    "setSuffix", "setPrefix", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "addItems", "setCancelButtonText", "setOkButtonText",
    "setWindowIconText", "setButtonText", "setHeaderLabel",
})
#: Methods whose text is one argument among others: name → the positions read by a person.
POSITIONAL = {
    "addItem": (0,), "insertItem": (1,), "addAction": (0,), "addMenu": (0,), "addTab": (1,),
    "insertTab": (2,), "setTabText": (1,), "setTabToolTip": (1,), "setItemText": (1,),
    "addButton": (0,), "addRow": (0,), "setItemData": (),
    # QMessageBox.information(parent, title, text), QInputDialog.getText(parent, title, label),
    # QFileDialog.getSaveFileName(parent, caption, folder, filter)
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2),
    "about": (1, 2), "getText": (1, 2), "getInt": (1, 2), "getItem": (1, 2),
    "getDouble": (1, 2), "getOpenFileName": (1, 3), "getOpenFileNames": (1, 3),
    "getSaveFileName": (1, 3), "getExistingDirectory": (1,),
}
#: Widgets built with their text first (QMessageBox: icon, title, text).
CONSTRUCTORS = {
    "QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QAction": (0,), "QMenu": (0,), "QToolButton": (0,), "QToolBar": (0,),
    "QDockWidget": (0,), "QCommandLinkButton": (0, 1), "QTableWidgetItem": (0,),
    "QListWidgetItem": (0,), "QStandardItem": (0,), "QMessageBox": (1, 2),
    "QProgressDialog": (0, 1), "QWizardPage": (),
}
TEXT_KEYWORDS = frozenset({"text", "title", "caption", "filter", "label", "toolTip",
                           "placeholderText", "windowTitle", "informativeText"})
TRANSLATORS = frozenset({"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"})
MARKERS = frozenset({"QT_TRANSLATE_NOOP", "QT_TR_NOOP"})
#: Receivers of ``.tr()`` whose context lupdate gets right: the widget itself, or the shared
#: helper ``ui.common.formatting.tr`` (tools/translations.py files "fmt" under "ui").
TR_RECEIVERS = frozenset({"self", "fmt", "formatting", "cls"})
#: The helpers that are the mechanism (they pass on the text they are given).
HELPERS = {("ui/common/formatting.py", "tr"), ("ui/common/formatting.py", "tr_label"),
           ("ui/common/tasks.py", "tr"),
           # the self-test asks the .qm files themselves for a known text
           ("ui/selftest.py", "check_translations"), ("ui/selftest.py", "check_english")}
#: Words that read the same in every language.
SAME_EVERYWHERE = frozenset({"Cuadre", "CRM", "ERP", "VIN", "VINs", "JSON", "CSV", "XLSX",
                             "NIT", "CUFE", "DIVIPOLA", "SOAT", "Odoo", "URL", "SQLite", "DV"})
WORD = re.compile(r"[^\W\d_]+")
MARKUP = re.compile(r"<[^>]*(?:>|$)|&\w+;")
#: A comment that says a table's texts are marked where the table is written, in another
#: module (``fmt.tr(self.name)`` in a base class whose subclasses mark their ``name``).
MARKED_ELSEWHERE = "# marcado con QT_TRANSLATE_NOOP"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def readable(text: str) -> bool:
    """A text with a word a translator would change."""
    return any(word not in SAME_EVERYWHERE for word in WORD.findall(MARKUP.sub(" ", text)))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def bare_texts(node: ast.expr) -> list[str]:
    """The readable literals in ``node`` that do not pass through a translator."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) and readable(node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [part for value in node.values if isinstance(value, ast.Constant)
                for part in bare_texts(value)]
    if isinstance(node, ast.BinOp):
        return bare_texts(node.left) + bare_texts(node.right)
    if isinstance(node, ast.IfExp):
        return bare_texts(node.body) + bare_texts(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [text for value in node.values for text in bare_texts(value)]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [text for element in node.elts for text in bare_texts(element)]
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in TRANSLATORS:
            return []
        if name == "format" and isinstance(node.func, ast.Attribute):
            return bare_texts(node.func.value)
        if name == "join" and isinstance(node.func, ast.Attribute):
            return bare_texts(node.func.value) + [t for a in node.args for t in bare_texts(a)]
    return []


def _text_arguments(call: ast.Call) -> list[ast.expr]:
    name = _name(call.func)
    if isinstance(call.func, ast.Attribute) and name in SETTERS:
        positions: tuple[int, ...] | None = None
    elif isinstance(call.func, ast.Attribute) and name in POSITIONAL:
        positions = POSITIONAL[name]
    elif isinstance(call.func, ast.Name) and name in CONSTRUCTORS:
        positions = CONSTRUCTORS[name]
    else:
        return []
    args = [a for i, a in enumerate(call.args) if positions is None or i in positions]
    return args + [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node → the name of the function it is in ("" at module level)."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                else function
            owner[child] = name
            visit(child, name)

    visit(tree, "")
    return owner


def scan(path: Path, root: Path = ROOT) -> list[Finding]:
    relative = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text, filename=relative)
    owner = _functions(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    marks_texts = any(_name(c.func) in MARKERS for c in calls)
    found = []
    for call in calls:
        for argument in _text_arguments(call):
            found += [Finding(relative, call.lineno, f"texto sin tr(): {text!r}")
                      for text in bare_texts(argument)]
        name = _name(call.func)
        if name not in ("tr", "translate") or (relative, owner.get(call, "")) in HELPERS:
            continue
        if not owner.get(call, ""):
            found.append(Finding(relative, call.lineno, f"{name}() al importar el módulo, antes "
                                 "de elegir el idioma (use QT_TRANSLATE_NOOP y tr() al mostrar)"))
        position = 1 if name == "translate" else 0
        source = call.args[position] if len(call.args) > position else None
        if isinstance(call.func, ast.Attribute) and name == "tr":
            receiver = call.func.value
            if not (isinstance(receiver, ast.Name) and receiver.id in TR_RECEIVERS):
                found.append(Finding(relative, call.lineno, f"{ast.unparse(receiver)}.tr(): "
                                     "lupdate lo archiva en un contexto que no existe"))
        literal = isinstance(source, ast.Constant) and isinstance(source.value, str)
        marked = marks_texts or MARKED_ELSEWHERE in lines[call.lineno - 1]
        if source is not None and not literal and not marked:
            found.append(Finding(relative, call.lineno, f"{name}() de un texto que lupdate no "
                                 f"ve: {ast.unparse(source)} (márquelo con QT_TRANSLATE_NOOP)"))
    return found


SPANISH = re.compile(r"[áéíóúñÁÉÍÓÚÑ¿¡]|(?:^|\s)(?:el|la|los|las|del|de|en|para|con|sin|una|"
                     r"que|se|no|es|ya|hay|por|al)\s", re.IGNORECASE)
#: Calls whose string arguments are not shown: logging, and text matched against data.
NOT_SHOWN = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log",
                       "getLogger", "removeprefix", "removesuffix", "startswith", "endswith",
                       "replace", "split", "rsplit", "strip", "find", "index", "count",
                       "setObjectName", "setStyleSheet", "setProperty", "findChild"})
#: Modules whose words are the command line's (``cuadre --self-test`` prints them).
COMMAND_LINE = frozenset({"ui/selftest.py"})
#: Each language named in itself, never translated (the «Idioma» menu).
AUTONYMS = frozenset({"Español", "English"})


def spanish_outside(path: Path, root: Path = ROOT) -> list[Finding]:
    """Spanish literals that no translator call, docstring or data match holds."""
    relative = path.relative_to(root).as_posix()
    if relative in COMMAND_LINE:
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if node.value in AUTONYMS or not SPANISH.search(node.value):
            continue
        parent = parents.get(node)
        while isinstance(parent, (ast.JoinedStr, ast.Tuple, ast.List, ast.Set)):
            parent = parents.get(parent)
        if isinstance(parent, ast.Expr) or isinstance(parent, ast.Compare):
            continue  # a docstring; a comparison with data
        if isinstance(parent, ast.Call) and _name(parent.func) in TRANSLATORS | NOT_SHOWN | {
                "tr_label"}:
            continue
        found.append(Finding(relative, node.lineno, f"español sin tr(): {node.value!r}"))
    return found


def scan_all(root: Path = ROOT) -> list[Finding]:
    paths = sorted((root / "ui").rglob("*.py"))
    return [f for path in paths for f in [*scan(path, root), *spanish_outside(path, root)]]


def test_every_visible_text_in_ui_goes_through_the_translator() -> None:
    found = scan_all()
    assert not found, "Textos fuera de la traducción:\n" + "\n".join(map(str, found))


# -- the checker itself: it finds what it must, and lets the translated pass -----------------

SAMPLE = '''
from PySide6.QtWidgets import QLabel, QMessageBox

class W:
    def build(self, parent, name, headers):
        QLabel("Hola", self)                                   # 6 bare
        QLabel(self.tr("Hola"), self)
        self.label.setText(f"Total: {name}")                   # 8 f-string
        self.label.setText(self.tr("Total: {n}").format(n=1))
        self.label.setText(self.tr("Total") + " pesos")        # 10 concatenated
        self.label.setText("—")
        self.label.setText("CRM")
        self.tabs.addTab(self, "Clientes")                     # 13 bare
        self.combo.addItem(self.tr("Archivo CSV"), "csv")
        QMessageBox.warning(self, "Cuadre", "No se pudo")      # 15 bare text
        self.table.setHorizontalHeaderLabels(["Campo", self.tr("Valor")])  # 16 bare
        self.label.setText(self.tr(name))                      # 17 not literal
        self.label.setText(parent.tr("Hola"))                  # 18 wrong receiver
        self.menu.addAction(self.tr("&Salir") if name else "Salir")  # 19 bare branch

class V:
    name = fmt.tr("Resumen")                                   # 22 at import
'''


def test_the_checker_finds_bare_texts_and_lets_translated_ones_pass(tmp_path: Path) -> None:
    module = tmp_path / "ui" / "sample.py"
    module.parent.mkdir()
    module.write_text(SAMPLE, encoding="utf-8")
    lines = sorted({f.line for f in scan(module, tmp_path)})
    assert lines == [6, 8, 10, 13, 15, 16, 17, 18, 19, 22]


def test_a_module_that_marks_its_texts_may_translate_them_by_name(tmp_path: Path) -> None:
    module = tmp_path / "ui" / "marked.py"
    module.parent.mkdir()
    module.write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP\n"
        "HEADERS = (QT_TRANSLATE_NOOP('W', 'Campo'),)\n"
        "class W:\n"
        "    def build(self):\n"
        "        self.t.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])\n",
        encoding="utf-8")
    assert scan(module, tmp_path) == []


def test_spanish_sentences_outside_the_translator_are_found(tmp_path: Path) -> None:
    module = tmp_path / "ui" / "spanish.py"
    module.parent.mkdir()
    module.write_text(
        '"""Un docstring en español se queda."""\n'
        "import logging\n"
        "log = logging.getLogger(__name__)\n"
        "def why(code, row):\n"
        '    log.info("sin tr(): es para el registro")\n'
        '    row = row.removeprefix("línea ")\n'
        '    if code in ("Clave de idempotencia",):\n'
        '        return fmt.tr("No se pudo leer.")\n'
        '    if code == "x":\n'
        '        raise ValueError(f"El archivo {row} está vacío.")\n'          # 10
        '    return "Sigue pendiente: se enviará después"\n'                  # 11
        'LANGUAGES = {"es": "Español", "en": "English"}\n',
        encoding="utf-8")
    assert sorted({f.line for f in spanish_outside(module, tmp_path)}) == [10, 11]


def test_marked_texts_name_a_context_the_window_translates_with() -> None:
    """QT_TRANSLATE_NOOP("Context", …): "ui" (fmt.tr) or a class of ui/ (its self.tr)."""
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in sorted(UI.rglob("*.py"))]
    classes = {n.name for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    contexts = {call.args[0].value for tree in trees for call in ast.walk(tree)
                if isinstance(call, ast.Call) and _name(call.func) in MARKERS and call.args
                and isinstance(call.args[0], ast.Constant)}
    assert contexts, "no texts are marked"
    assert contexts - classes - {"ui"} == set()
