"""Secrets and what keeps them out of sight, and spreadsheets that run nothing when opened.

- :mod:`app.security.secrets`: a source's password or token lives only in the operating system's
  credential store (Windows Credential Manager, macOS Keychain, Secret Service/KWallet on Linux),
  never in a profile or a file; with no secure store, saving is refused and the reason is said.
- :mod:`app.security.redaction`: every secret read or saved in this process is remembered so the
  log filter can blank it wherever it turns up (a message, an exception, a traceback).
- :mod:`app.security.spreadsheets`: every spreadsheet Cuadre writes (the audit export, the
  insights workbook, the window's «Exportar a Excel…») keeps text a spreadsheet would run as a
  formula as text, and numbers as numbers.
- :mod:`app.security.logs`: the log file, with documents, phones, e-mails and secrets masked.
- :mod:`app.cli.credentials`: ``cuadre credentials set|delete|check``.

Importing this package loads neither ``keyring`` nor any backend: that happens on first use.
"""
