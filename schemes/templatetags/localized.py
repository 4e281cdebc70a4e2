"""Catalogue content in the visitor's language: ``{{ scheme|localized:"summary" }}``.

Catalogue admins write Dutch and, where they can, English (``<field>_en``). English pages show the
English text when there is one and fall back to the Dutch, so nothing is ever blank.
"""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    dutch = obj.get(field, "") if isinstance(obj, dict) else getattr(obj, field, "")
    if (get_language() or "nl").startswith("en"):
        english = obj.get(f"{field}_en", "") if isinstance(obj, dict) else getattr(obj, f"{field}_en", "")
        if english:
            return english
    return dutch
