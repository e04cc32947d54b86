"""«¿Dónde está este VIN?» (Ctrl+L): one VIN in the CRM, the ERP and the last count
(``vin_dialog``), answered by ``app.vin``."""
