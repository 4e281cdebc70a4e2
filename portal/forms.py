"""The staff log-in form: Django's own, with the length limits it announces actually enforced."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

# Django's AuthenticationForm sets ``max_length`` on the username field after construction, which renders
# maxlength="150" but adds no validator: a longer name reached authenticate() and django-axes, whose
# failure record (a 255-character column) then broke the request with a database error (a 500).
PASSWORD_MAX_LENGTH = 4096  # no real password is longer; hashing megabytes per attempt is a cheap DoS


class StaffLoginForm(AuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
