"""The correction loop: what to change where, deciding on it, and pushing it exactly once.

Deciding what to propose (pure engine code, no store): ``proposals`` turns a reconciliation's
findings into field corrections in the direction of the system of record (``policy``);
``merges`` proposes how duplicate records become one; ``fiscal`` turns a correction of a
validated DIAN invoice into a credit/debit-note task; ``habeas`` applies Ley 1581 (consent,
claims); ``values`` reads and writes canonical values (JSON, sentences, what a person types).

The loop over the workspace store (DESIGN §6), as the window and the command line both call it:
``states`` names where a correction and its outbox row stand (their Spanish words are in
``app.domain.labels``); ``people`` who works and with which roles; ``corrections`` is the
maker-checker service (propose, edit, approve, reject, defer, decide again, undo) and
``errors`` what it says when it refuses; ``decisions`` proposes and decides one or many;
``queue`` reads the queue as people see it; ``merging`` plans and proposes merges; ``outbox``
queues approved corrections and builds what a connector is sent; ``push`` sends them one by one
through the connectors' compare-and-set, reads back what an interruption left unknown and
resumes without sending twice (``merge_push`` for merges); ``sending`` is «Enviar aprobadas» /
``cuadre push`` over the systems opened; ``followups`` proposes CRM follow-ups; ``runs`` keeps
the reconciliations; ``subject`` exports everything held about one person; ``workspace`` opens
the store for the window. No Qt anywhere here.
"""
