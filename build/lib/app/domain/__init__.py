"""The domain: Colombian values and the canonical schema, with no system and no storage.

``values`` normalizes and checks identifiers and values (NIT and its check digit, cédula,
phones, VIN, money, names, Bogotá's time); ``divipola`` the DANE municipality codes;
``invoices`` invoice and receipt numbers; ``schema`` the canonical columns every connector's
``pull`` returns (DESIGN §3); ``sources`` what a source string names; ``labels`` the Spanish
words for the codes the engine returns.
"""
