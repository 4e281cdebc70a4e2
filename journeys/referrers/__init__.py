"""Warm referrers (issue 19.4): invited advisors who bring their clients in and follow their requests."""
