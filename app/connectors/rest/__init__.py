"""A CRM or ERP's REST/JSON API: paged pulls, changes since, writes with ETag/If-Match.

``connector`` is the Connector; ``options`` reads a profile's options (paths, auth, paging,
the modified-since parameter, the field mapping); ``wire`` reads the API's answers and what an
error answer to a write means for the outbox.
"""
