"""Forms built from the questionnaire data (journeys.intake.questions): one form class per step.

The contact request has its own form from the same data (``contact_form``): required for a contact
request, optional (but still checked) when a partner sends contact details without one.

The same forms validate the web intake and the partner API, so both give the same Dutch messages.
``cleaned_answers()`` returns JSON-ready values: strings, lists of codes, integers or None.
"""

import copy
import re

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from journeys.intake import questions as q
from portal.text_fields import PlainTextField
from schemes import areas
from schemes.models import Municipality

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
KVK_RE = re.compile(r"^[0-9]{8}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")
# Translators: the suffix after a form label, as Django's own.
LABEL_SUFFIX = _(":")


def _too_long(limit: int) -> str:
    return _("Gebruik maximaal %(limit)s tekens") % {"limit": limit}


class GroupedBoundField(forms.BoundField):
    """A checkbox list whose options are shown in small groups (``Question.groups``)."""

    @property
    def groups(self) -> list[dict]:
        by_value = {widget.data["value"]: widget for widget in self.subwidgets}
        return [{"label": label, "choices": [by_value[code] for code in codes if code in by_value]}
                for label, codes in self.field.groups]


class GroupedMultipleChoiceField(forms.MultipleChoiceField):
    def __init__(self, *, groups, **kwargs):
        super().__init__(**kwargs)
        self.groups = groups

    def get_bound_field(self, form, field_name):
        return GroupedBoundField(form, self, field_name)


def build_field(question: q.Question) -> forms.Field:
    field = _build_field(question)
    field.terms = [q.TERMS[key] for key in question.terms]  # explained under the question
    return field


def _build_field(question: q.Question) -> forms.Field:
    common = {"label": question.label, "help_text": question.hint, "required": question.required}
    messages = {"required": question.error_required or _("Vul dit in")}
    attrs = {"autocomplete": question.autocomplete} if question.autocomplete else {}
    kind = question.kind
    if kind in (q.Kind.TEXT, q.Kind.KVK, q.Kind.POSTCODE, q.Kind.PHONE):
        widget = forms.TelInput if kind == q.Kind.PHONE else forms.TextInput
        if kind in (q.Kind.KVK, q.Kind.POSTCODE):
            attrs |= {"class": "input--short", "spellcheck": "false"}
        if kind == q.Kind.KVK:
            attrs["inputmode"] = "numeric"
        messages["max_length"] = _too_long(question.max_length)
        return PlainTextField(max_length=question.max_length, widget=widget(attrs), error_messages=messages, **common)
    if kind == q.Kind.TEXTAREA:
        messages["max_length"] = _too_long(question.max_length)
        return PlainTextField(
            max_length=question.max_length, widget=forms.Textarea({"rows": 4}), error_messages=messages, **common
        )
    if kind == q.Kind.EMAIL:
        messages |= {"invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.nl"),
                     "max_length": _too_long(question.max_length)}
        return forms.EmailField(
            max_length=question.max_length, widget=forms.EmailInput(attrs), error_messages=messages, **common
        )
    if kind == q.Kind.NUMBER:
        messages |= {
            "invalid": _("Vul een heel getal in, zoals 3"),
            "min_value": _("Vul 0 of meer in"),
            "max_value": _("Vul een getal in van maximaal %(limit_value)s"),
        }
        return forms.IntegerField(
            min_value=0, max_value=question.max_value, error_messages=messages,
            widget=forms.TextInput({"inputmode": "numeric", "class": "input--short"}), **common,
        )
    if kind == q.Kind.RADIO:
        messages["invalid_choice"] = question.error_required or _("Kies een van de antwoorden")
        return forms.ChoiceField(choices=question.choices, widget=forms.RadioSelect, error_messages=messages, **common)
    if kind == q.Kind.CHECKBOXES:
        messages["invalid_choice"] = _("Kies alleen uit de antwoorden op deze pagina")
        if question.groups:
            return GroupedMultipleChoiceField(
                groups=question.groups, choices=question.choices, widget=forms.CheckboxSelectMultiple,
                error_messages=messages, **common,
            )
        return forms.MultipleChoiceField(
            choices=question.choices, widget=forms.CheckboxSelectMultiple, error_messages=messages, **common
        )
    if kind in (q.Kind.CONSENT, q.Kind.OPT_IN):
        return forms.BooleanField(error_messages=messages, **common)
    raise ValueError(f"Unknown question kind {kind!r}")


class StepForm(forms.Form):
    """Base class: describes errors to assistive technology and returns JSON-ready answers."""

    step: q.Step

    def __init__(self, *args, **kwargs):
        # Django translates ":" for every form it builds; lazily, it is translated only when a label is rendered.
        kwargs.setdefault("label_suffix", LABEL_SUFFIX)
        super().__init__(*args, **kwargs)

    def _clean_fields(self):
        """Django's ``Form._clean_fields`` without building a BoundField per field (issue 17).

        For a field that is neither disabled nor a file field, ``field._clean_bound_field(bf)`` is exactly
        ``field.clean(<the widget's value>)``, and that is all Django uses the BoundField for here. The
        partner API cleans every step's form per submission and never renders one.
        """
        if any(field.disabled or isinstance(field, forms.FileField) for field in self.fields.values()):
            return super()._clean_fields()
        for name, field in self.fields.items():
            try:
                value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
                self.cleaned_data[name] = field.clean(value)
                clean_method = getattr(self, f"clean_{name}", None)
                if clean_method is not None:
                    self.cleaned_data[name] = clean_method()
            except forms.ValidationError as error:
                self.add_error(name, error)

    def clean(self):
        cleaned = super().clean()
        for question in self.step.questions:
            values = cleaned.get(question.key)
            if question.is_multi and values and q.UNKNOWN in values and len(values) > 1:
                self.add_error(question.key, _("Kies 'Ik weet het niet' of andere antwoorden, niet allebei"))
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its input, so screen readers read it with the field.
        for name in self.errors:
            if name in self.fields:
                # The fields are shared between instances (_SharedFields): copy this one before changing it.
                self.fields[name] = copy.deepcopy(self.fields[name])
                self._bound_fields_cache.pop(name, None)
                bound = self[name]
                described = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    described.insert(0, f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    def cleaned_answers(self) -> dict:
        answers = {}
        for question in self.step.questions:
            value = self.cleaned_data.get(question.key)
            if question.kind == q.Kind.NUMBER:
                answers[question.key] = value
            elif question.is_multi:
                answers[question.key] = list(value or [])
            elif question.kind in (q.Kind.CONSENT, q.Kind.OPT_IN):
                answers[question.key] = bool(value)
            else:
                answers[question.key] = (value or "").strip()
        return answers

    def valid_partial_answers(self) -> dict:
        """The answers that passed validation, for "save and continue later" with a half-filled page."""
        full = self.cleaned_answers() if hasattr(self, "cleaned_data") else {}
        return {key: value for key, value in full.items() if key in self.cleaned_data and key not in self.errors}


class CompanyForm(StepForm):
    """The company step; also settles the municipality when the postcode alone cannot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_options: list[Municipality] = []
        self.municipality_reason = ""
        # A re-post after we asked which municipality: keep offering the list.
        if self.data.get(q.MUNICIPALITY_KEY) or self.initial.get(q.MUNICIPALITY_KEY):
            self._offer_municipalities(self.data.get("postcode") or self.initial.get("postcode", ""))

    def _offer_municipalities(self, postcode: str) -> None:
        pc4 = areas.normalise_pc4(postcode or "")
        options = areas.municipalities_for_pc4(pc4) if pc4 else []
        if len(options) == 1:
            return  # the postcode settles it; nothing to ask
        if len(options) > 1:
            self.municipality_reason = "ambiguous"
        else:
            options = list(Municipality.objects.select_related("province").order_by("name"))
            self.municipality_reason = "unknown"
        self.municipality_options = options
        widget = forms.RadioSelect if len(options) <= 10 else forms.Select
        choices = [(m.code, f"{m.name} ({m.province.display_name})") for m in options]
        if widget is forms.Select:
            choices = [("", _("Kies uw gemeente")), *choices]
        self.fields[q.MUNICIPALITY_KEY] = forms.ChoiceField(
            label=_("In welke gemeente zit uw bedrijf?"),
            choices=choices, widget=widget,
            error_messages={"required": _("Kies in welke gemeente uw bedrijf zit"),
                            "invalid_choice": _("Kies in welke gemeente uw bedrijf zit")},
        )

    def clean_kvk_number(self):
        value = re.sub(r"[\s.]", "", self.cleaned_data.get("kvk_number", ""))
        if value and not KVK_RE.match(value):
            raise forms.ValidationError(_("Een KvK-nummer heeft 8 cijfers, zoals 12345678"))
        return value

    def clean_postcode(self):
        match = POSTCODE_RE.match(self.cleaned_data.get("postcode", ""))
        if not match:
            raise forms.ValidationError(_("Vul een postcode in zoals 1234 AB"))
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if not postcode:
            return cleaned
        found = areas.municipalities_for_pc4(postcode[:4])
        if len(found) == 1:
            cleaned[q.MUNICIPALITY_KEY] = found[0].code
            self.fields.pop(q.MUNICIPALITY_KEY, None)
            self.errors.pop(q.MUNICIPALITY_KEY, None)
            return cleaned
        if q.MUNICIPALITY_KEY not in self.fields or self._options_changed(found):
            self._offer_municipalities(postcode)
            self.errors.pop(q.MUNICIPALITY_KEY, None)
            self.add_error(q.MUNICIPALITY_KEY, (
                _("Deze postcode ligt in twee gemeenten. Kies in welke gemeente uw bedrijf zit")
                if found else _("Wij kennen postcode %(pc4)s niet. Kies de gemeente waar uw bedrijf zit")
                % {"pc4": postcode[:4]}
            ))
        return cleaned

    def _options_changed(self, found: list[Municipality]) -> bool:
        """True when the offered list no longer fits the (possibly edited) postcode."""
        if not found:
            return self.municipality_reason != "unknown"
        return {m.code for m in self.municipality_options} != {m.code for m in found}

    def cleaned_answers(self) -> dict:
        answers = super().cleaned_answers()
        answers[q.MUNICIPALITY_KEY] = self.cleaned_data.get(q.MUNICIPALITY_KEY, "")
        return answers


class ContactForm(StepForm):
    """The contact request: name, e-mail, phone, preferred contact, consent and the follow-up opt-in."""

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if value and not PHONE_RE.match(value):
            raise forms.ValidationError(_("Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678"))
        return value

    def clean(self):
        cleaned = super().clean()
        wants_phone = cleaned.get("preferred_contact") == q.Contact.PHONE
        if wants_phone and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Vul uw telefoonnummer in, of kies contact per e-mail"))
        return cleaned


class _SharedFields(dict):
    """A form class's ``base_fields`` whose deep copy (made by every ``Form.__init__``) is a shallow one.

    Django deep-copies every field, widget and choice list per form instance so that one instance can change
    its own; these forms only ever change a field in two ways, both covered: ``StepForm.full_clean`` copies a
    field before it sets an attribute on its widget, and ``CompanyForm`` adds or removes a whole field in its
    own ``fields`` dict (this copy). The partner API builds every step's form per submission, and the deep
    copies were its largest piece of Python (issue 17).
    """

    def __deepcopy__(self, memo):
        return dict(self)


BASES = {"bedrijf": CompanyForm, "contact": ContactForm}
_FORM_CLASSES: dict[str, type[StepForm]] = {}


def form_class_for(step: q.Step) -> type[StepForm]:
    if step.slug not in _FORM_CLASSES:
        attrs = {question.key: build_field(question) for question in step.questions}
        attrs["step"] = step
        base = BASES.get(step.slug, StepForm)
        form_class = type(f"{step.slug.title().replace('-', '')}Form", (base,), attrs)
        form_class.base_fields = _SharedFields(form_class.base_fields)
        _FORM_CLASSES[step.slug] = form_class
    return _FORM_CLASSES[step.slug]


def contact_form(data=None, *, initial=None, required: bool = True) -> ContactForm:
    """The contact request's form. ``required=False``: nothing has to be filled in, what is given is checked."""
    form = form_class_for(q.CONTACT_STEP)(data, initial=initial)
    if not required:
        # The step forms share their field objects between instances (no per-instance deep copy): change copies.
        for name, field in list(form.fields.items()):
            optional = copy.deepcopy(field)
            optional.required = optional.widget.is_required = False
            form.fields[name] = optional
    return form


def contact_initial(*, answers: dict, email: str = "") -> dict:
    """What the contact form starts with: earlier contact answers, or the "continue later" address."""
    initial = initial_for(q.CONTACT_STEP, answers)
    if email and "email" not in initial:
        initial["email"] = email
    return initial


def initial_for(step: q.Step, answers: dict) -> dict:
    keys = [*step.keys, q.MUNICIPALITY_KEY] if step.slug == "bedrijf" else step.keys
    return {key: answers[key] for key in keys if key in answers and answers[key] not in (None, "")}


class ResumeEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"), max_length=254,
        help_text=_("Wij sturen u een link. Daarmee gaat u verder waar u was."),
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in, zoals naam@bedrijf.nl"),
                        "invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.nl"),
                        "max_length": _too_long(254)},
        validators=[EmailValidator()],
    )
