"""The ``cuadre`` command: its parser and one module per command.

``main`` parses and dispatches (``cuadre``, ``reconcile``, ``count``); ``common`` holds what
every command shares (options, exit codes, refusals as one Spanish sentence, tables and JSON);
``people``, ``workspace``, ``corrections``, ``push`` (and ``outbox``), ``insights``,
``report``, ``audit``, ``credentials``, ``sandbox`` and ``selftest`` are one command each. The
work itself is the engine's: these modules parse, call and print.
"""
