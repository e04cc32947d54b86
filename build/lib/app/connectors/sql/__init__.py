"""A CRM or ERP database through any SQLAlchemy URL: a table or a read-only query per entity.

From the bottom up: ``options`` checks a profile's options; ``query`` checks the read-only
queries; ``values`` converts between canonical values and columns; ``errors`` turns driver
errors into Spanish sentences with no secret in them; ``database`` holds the engine, finds each
entity's table or query and reads its rows, mapped to the canonical schema as a file's headers
are mapped; ``write`` applies a correction as a compare-and-set update; ``connector`` is the
Connector on top.
"""
