"""A CRM or ERP's REST/JSON API: paged pulls, changes since, writes with ETag/If-Match.

From the bottom up: ``options`` reads a profile's options (paths, auth, paging, the
modified-since parameter, the field mapping); ``wire`` reads the API's answers and what an
error answer to a write means for the outbox; ``api`` sends the requests, follows the pages
and reads the records into the canonical schema; ``connector`` is the Connector on top (pull,
read, the compare-and-set write, creations and merges).
"""
