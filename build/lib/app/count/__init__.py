"""The physical count (conteo físico): a branch manager's VINs on the lot against ERP stock.

``compare`` finds the units missing from the lot, those on it the ERP does not hold there
(unknown, delivered, in transit, at another branch), invalid VINs (with the unit a typo most
likely meant) and VINs counted twice; ``saved`` keeps the list being typed or scanned on disk
after every scan, so a crash loses nothing; ``export`` writes the result as JSON and as a text
summary (``cuadre count``).
"""
