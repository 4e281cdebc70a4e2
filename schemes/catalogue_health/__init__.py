"""Catalogue health: what in the catalogue needs an admin's attention, as a page, a JSON export and a monthly e-mail."""
