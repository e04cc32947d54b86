"""A screenshot of the merge dialog on the demo, to look at it as a person would (DESIGN §7).

    xvfb-run -a .venv/bin/python tools/screenshots_merge.py docs/screenshots/fusion.png

Opens the main window on the demo with a throwaway workspace store (one person who proposes),
selects a group of possible duplicate customers, opens «Fusionar…», takes one value from the
record that goes (so the preview shows a change), and saves the dialog.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.schema import Entity
from tools.screenshots import _choose_platform, _select_kind, _settle, demo_people
from ui.main import WINDOW_SIZE, setup_application
from ui.main_window import MainWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the PNG file to write")
    parser.add_argument("--kind", default="possible_duplicate",
                        help="which duplicate finding to open (possible_duplicate, duplicate_key)")
    args = parser.parse_args(argv)
    _choose_platform()
    app = QApplication(sys.argv[:1])
    setup_application(app)
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(store_url=f"sqlite:///{Path(folder) / 'fusion.sqlite'}")
        demo_people(window)
        window.resize(*WINDOW_SIZE)
        window.show()
        loop = QEventLoop()
        window.reportLoaded.connect(lambda _report: loop.quit())
        window.errorShown.connect(lambda _message: loop.quit())
        window.start_demo()
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        if window.report is None:
            print("the demo did not load", file=sys.stderr)
            return 1
        window.decisions.add_person("ana", "Ana Ruiz", ["admin", "proposer"])
        window.decisions.set_user("ana")
        tab = window.tab(Entity.CUSTOMERS)
        window.tabs.setCurrentWidget(tab)
        _select_kind(tab, (args.kind,))
        _settle(app)
        dialog = tab.proposal_panel.merge_dialog()
        if dialog is None:
            print("no duplicate group to merge", file=sys.stderr)
            return 1
        dialog.show()
        proposal = dialog.context.proposal
        gone = proposal.merged[0]
        for preview in dialog.plan.fields:  # take the first differing value of the other record
            values = dict(preview.options)
            if values.get(gone) not in (None, "") and values[gone] != preview.value:
                dialog.choose(preview.field, gone)
                break
        dialog.comment.setText("Misma persona: confirmado con el asesor")
        _settle(app, 300)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(args.out))
        print(args.out, dialog.plan.sentence)
        dialog.close()
        window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
