"""Follow-up e-mails: an outbox of rows, a Celery dispatcher, the sequences that fill it, opt-out and survey.

Public surface for other areas:
- services: ``schedule_request_confirmation``, ``schedule_intake_reminder``, ``schedule_survey``,
  ``cancel_followup``, ``unsubscribe``, ``answer_survey`` (call them inside your own transaction);
- selectors: ``followups_for_request``;
- template partial ``journeys/followups/_request_followups.html``.
"""
