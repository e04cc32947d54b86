"""Closing a period (cierre) in the window: the «Cierre del periodo» dialog — pick a month, an
entity and a branch, see its findings still loose, certify it (who proposes), sign it off
(a different person who approves), reopen it with a comment, and the certificates already made.
Everything it does goes through :mod:`app.findings.periods`, off the GUI thread."""
