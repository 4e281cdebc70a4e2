"""Form fields for free text that other people read: bidirectional control characters are removed.

An override such as U+202E turns the rest of a line around when it is shown, so a company name or a note
could read differently to hub staff than what was typed (ASVS 5.2, "spoofed text"). No Dutch or English
text needs these controls, so they are dropped before the text is stored.
"""

import re

from django import forms

# Embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069); the marks U+200E/U+200F are harmless.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(value: str) -> str:
    return BIDI_CONTROLS.sub("", value)


class PlainTextField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return without_bidi_controls(value) if isinstance(value, str) else value
