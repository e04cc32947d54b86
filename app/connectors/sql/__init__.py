"""A CRM or ERP database through any SQLAlchemy URL: a table or a read-only query per entity.

``connector`` maps columns to the canonical schema as a file's headers are mapped and writes
corrections as compare-and-set updates; ``query`` checks and runs the read-only queries;
``values`` converts between canonical values and columns; ``errors`` turns driver errors into
Spanish sentences with no secret in them.
"""
