"""Siigo Nube, the cloud ERP of many Colombian dealerships, through its published API."""
