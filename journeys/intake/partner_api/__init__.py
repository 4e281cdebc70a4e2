"""Partner API: advisors and accountants submit an intake on an entrepreneur's behalf with an API key."""
