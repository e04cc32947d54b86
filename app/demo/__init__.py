"""The demo dealership: the fakes live here, and only here.

- ``files``: the demo's files in the user's data folder; ``ensure_demo`` writes them,
  ``demo_task`` writes them and reconciles (the window, ``cuadre reconcile --demo``).
- ``generator`` writes the demo CRM and ERP (SQLite, each system's own tables: ``systems``)
  from the dealership's ``world``; ``people``, ``commerce`` and ``aftersale`` draw its
  customers, sales and after-sale life, ``known`` works out the insights' known answers.
- ``count``: one physical-count file per branch, with what comparing it must find.
- ``connector``: ``DemoCrm`` and ``DemoErp``, connectors that read and write those files.
- ``linkage`` and ``payments_linkage``: labelled customer and payment sets for the accuracy
  tests and the benchmarks.
- ``sandbox``: the demo served over HTTP as a REST CRM and ERP and an emulated Odoo.

Nothing below the command line and the connections imports this package (a layer contract
in pyproject.toml): the window opens the demo as a pair of systems.
"""

from app.demo.files import (
    DemoFiles,
    demo_count_files,
    demo_feed_settings,
    demo_files,
    demo_task,
    ensure_demo,
)

__all__ = ["DemoFiles", "demo_count_files", "demo_feed_settings", "demo_files", "demo_task",
           "ensure_demo"]
