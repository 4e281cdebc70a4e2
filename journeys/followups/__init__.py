"""Follow-up e-mails: an outbox of rows, a Celery dispatcher, the sequences that fill it, opt-out and survey.

Public surface for other areas:
- services: ``followup_schedule_request_confirmation``, ``followup_schedule_intake_reminder``,
  ``followup_schedule_survey``, ``followup_cancel``, ``email_unsubscribe``, ``survey_answer``
  (call them inside your own transaction);
- selectors: ``followups_for_request``;
- template partial ``journeys/followups/_request_followups.html``.
"""
