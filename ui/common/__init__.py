"""What every screen shares: background tasks, es-CO formatting, table models and views,
the export of any table to Excel, charts, and the window's self-test."""
