"""The write side's engine: what to change where, before anything is approved or pushed.

``proposals`` turns a reconciliation's findings into field corrections in the direction of the
system of record; ``merges`` proposes how duplicate records become one; ``fiscal`` turns a
correction of a validated DIAN invoice into a credit/debit-note task; ``habeas`` applies Ley
1581 (consent, claims); ``subject`` exports everything held about one document number.
Pure engine code: no store, no Qt.
"""
