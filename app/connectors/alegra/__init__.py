"""Alegra, the cloud ERP of many small Colombian businesses, through its published API."""
