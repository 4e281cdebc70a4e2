"""Hub self-service: hub staff keep their own hub's public details up to date (issue 14.6)."""
