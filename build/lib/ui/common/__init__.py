"""What every screen shares: background tasks and their progress bar, es-CO formatting, the
table models' base and the tables' look, the summary list beside a findings table, the export
of any table to Excel, and charts. It imports no feature of the window."""
