"""Insight for hubs and RVO: aggregate figures over intakes and support requests, never personal data.

``filters`` scopes the rows a user may count, ``selectors`` and ``barrier_report`` compute the figures in the
database, ``privacy`` hides small groups, ``charts`` draws them as SVG and ``csv`` exports them.
"""
