"""An optional second factor (TOTP, with one-time recovery codes) for everyone who logs in.

Built on django-otp. A user with a confirmed authenticator must give a code after the password before any
page opens; ``STAFF_TWO_FACTOR_REQUIRED`` makes it compulsory for every account (see docs/security.md).
"""
