"""HubSpot, the CRM, through its CRM v3 API.

``values`` turns HubSpot's property strings into canonical values and back; ``wire`` is the
authenticated, rate-limited HTTP of one portal and reads HubSpot's errors; ``merge`` merges
duplicate contacts (HubSpot cannot undo one); ``connector`` is the Connector on top of them.
"""

#: How a HubSpot source describes itself (``HubSpot (portal N)``): a merge in a system so
#: described cannot be undone (HubSpot has no undo for a contact merge).
DESCRIBED = "HubSpot"
