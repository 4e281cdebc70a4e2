from django import forms

from schemes.forms import https_links
from schemes.models import Hub

# What a hub's own staff may change. Its area, staff, response target, slug and status stay with the
# catalogue admins and superusers.
EDITABLE_FIELDS = ["email", "phone", "website", "description", "description_en", "next_steps", "next_steps_en"]


class HubProfileForm(forms.ModelForm):
    class Meta:
        model = Hub
        fields = EDITABLE_FIELDS
        formfield_callback = https_links
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in
                   ("description", "description_en", "next_steps", "next_steps_en")}
