"""An entrepreneur's rights: see (export) and erase everything the portal holds under one e-mail address."""
