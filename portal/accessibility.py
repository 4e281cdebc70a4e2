"""Known accessibility problems for the accessibility statement (/toegankelijkheid/), newest first.

Keep this list true: add a problem the day it is found, and set ``fixed`` the day the fix is merged. The
Dutch model statement asks for each problem what it is, whom it hinders and when it will be solved; the
planned date is the operator's decision, so an open problem shows a marked placeholder.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KnownIssue:
    what: Promise
    who: Promise
    since: date
    fixed: date | None = None


KNOWN_ISSUES: tuple[KnownIssue, ...] = (
    KnownIssue(
        what=_("De lijst met hulpvragen past niet op een scherm van 320 pixels breed: u moet opzij schuiven, en "
               "tien filters staan vóór de eerste hulpvraag (WCAG 1.4.10)."),
        who=_("Medewerkers van een loket op een telefoon of met een grote vergroting"),
        since=date(2026, 12, 1),
        fixed=date(2026, 12, 1),
    ),
    KnownIssue(
        what=_("De beheeromgeving voor de catalogus (/beheer/) is de standaard beheeromgeving van Django. Een "
               "computer controleert die nog niet met axe-core."),
        who=_("Beheerders van de catalogus"),
        since=date(2026, 12, 1),
    ),
    KnownIssue(
        what=_("Na een stap in de vragen, een fout in een formulier of een handeling op een hulpvraag stond de "
               "focus bovenaan de pagina, en de titel van de pagina veranderde niet mee (WCAG 2.4.3, 3.3.1, 4.1.3)."),
        who=_("Mensen die een toetsenbord of een schermlezer gebruiken"),
        since=date(2026, 12, 1),
        fixed=date(2026, 12, 1),
    ),
)
