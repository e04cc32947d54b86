"""The write side: what to change where, and pushing approved changes exactly once.

Deciding (pure engine code, no store): ``proposals`` turns a reconciliation's findings into
field corrections in the direction of the system of record; ``merges`` proposes how duplicate
records become one; ``fiscal`` turns a correction of a validated DIAN invoice into a
credit/debit-note task; ``habeas`` applies Ley 1581 (consent, claims); ``subject`` exports
everything held about one document number.

Pushing (over the workspace store, DESIGN §6): ``outbox`` queues approved corrections with the
key and the values read at approval, and moves each row, with its audit entry, in one local
transaction; ``push`` sends them one by one through the connectors' compare-and-set ``apply``,
reads the record back when an answer is lost, and resumes after a crash without sending twice.
No Qt anywhere here.
"""
