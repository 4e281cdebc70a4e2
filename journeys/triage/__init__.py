"""The hub triage desk: the queue, the request page and every change staff make to a request."""
