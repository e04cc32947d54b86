"""The ``cuadre`` command: its parser and one module per command.

``main`` assembles the parser and dispatches (and opens the window when no command is given);
``common`` holds what every command shares (exit codes and usage errors, store and identity
options, refusals as one Spanish sentence, progress, tables and JSON); ``sources`` holds the
options that name the two systems (``--demo``, ``--profile``, ``--crm``/``--erp``) and the
reconciliation they run. One module per command: ``reconcile``, ``count``, ``workspace``,
``people``, ``corrections``, ``push`` (and ``outbox``), ``insights``, ``report``, ``audit``,
``credentials``, ``sandbox``, ``selftest``. The work itself is the engine's: these modules
parse, call and print.
"""
