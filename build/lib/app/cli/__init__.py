"""The ``cuadre`` command: its parser and one module per command.

``main`` assembles the parser and dispatches (and opens the window when no command is given);
``common`` holds what every command shares (exit codes and usage errors, store and identity
options, refusals as one Spanish sentence, progress, tables and JSON); ``sources`` holds the
options that name the two systems (``--demo``, ``--profile``, ``--crm``/``--erp``) and the
reconciliation they run. One module per command: ``reconcile``, ``count``, ``workspace``,
``people``, ``corrections``, ``push`` (and ``outbox``), ``insights``, ``report``, ``audit``,
``credentials``, ``sandbox``, ``selftest``. The work itself is the engine's: these modules
parse, call and print.

The command line speaks Spanish, or English when ``CUADRE_LANG``/``LC_ALL``/``LC_MESSAGES``/
``LANG`` begins with ``en``: ``i18n`` holds ``tr_cli``, the mark every text goes through (Qt's
lupdate extracts them into ``resources/translations/cuadre_cli_en.ts``), ``labels`` the names of
``app.domain.labels`` in that language, and ``parser`` lends argparse its Spanish only when the
command line speaks Spanish.
"""
