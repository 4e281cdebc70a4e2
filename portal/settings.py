"""Settings for Circulair Loket: one module, configured only by environment variables.

Every variable is documented in README.md. Defaults are the embedded developer setup (SQLite, a
filesystem Celery broker and a file mailbox under var/); production sets the variables.
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "schemes",
    "journeys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so its process_exception sees a database failure from any view (docs/security.md).
    "portal.errors.DatabaseUnavailableMiddleware",
    "portal.errors.ApiRequestTooBigMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # no-store on every page not known to be public (portal/no_store.py); early, so 429 pages get it too.
    "portal.no_store.NoStoreMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff idle timeout and absolute session lifetime (portal/staff_sessions.py).
    "portal.staff_sessions.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A session with a second factor opens nothing until the code is given (portal/two_factor/).
    "portal.two_factor.middleware.SecondFactorMiddleware",
    # Last, so that a locked-out log-in never reaches the view.
    "axes.middleware.AxesMiddleware",
    # Rate limits by URL name (settings.RATELIMITS); needs the resolved URL, so it works in process_view.
    "portal.ratelimits.RateLimitMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if not IS_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits and lock-outs must be shared between processes in production) ----------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process in the embedded mode, so a per-process cache is honest there.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Celery ---------------------------------------------------------------------------------------
# Empty means the embedded mode: a filesystem broker under var/, no server needed, same tasks.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://"
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = VAR_DIR / "celery-queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
else:
    # Fail fast when Redis is down: the row is stored already and the periodic sweep sends it later.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
    if CELERY_BROKER_URL.startswith("redis://"):  # kombu's Redis transport, one client per channel (issue 17)
        CELERY_BROKER_TRANSPORT = "portal.celery:RedisTransport"
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# After a failed publish a web process leaves the broker alone this long; the sweep sends what waits
# (portal/enqueue.py). Requests stay as fast as with the broker up.
ENQUEUE_PAUSE_SECONDS = env_int("ENQUEUE_PAUSE_SECONDS", 10)
# The sweep has a queue of its own: behind a backlog of per-row tasks in the default queue it would
# expire unrun (and the lease recovery inside it with it). Workers consume both (scripts/run.sh, compose).
CELERY_TASK_DEFAULT_QUEUE = "celery"
SWEEP_QUEUE = "sweeps"
CELERY_TASK_ROUTES = {"followups.dispatch_due": {"queue": SWEEP_QUEUE}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
# Tasks are found by autodiscovery (portal.tasks, journeys.tasks, schemes.tasks); the beat schedule is at the end.
HEALTH_BROKER_TIMEOUT = 2

# --- E-mail -----------------------------------------------------------------------------------------


def _email_settings(url: str) -> dict:
    """Turn EMAIL_URL (smtp://, smtp+tls://, smtp+ssl://, file://, console://, locmem://) into settings."""
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme == "file":
        path = unquote(parts.netloc + parts.path) or str(VAR_DIR / "mailbox")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": path if Path(path).is_absolute() else str(BASE_DIR / path),
        }
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme in {"smtp", "smtp+tls", "smtp+ssl"}:
        query = parse_qs(parts.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[scheme],
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtp+ssl",
            "EMAIL_TIMEOUT": int(query.get("timeout", ["10"])[0]),
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL must start with smtp://, smtp+tls://, smtp+ssl://, file://, console:// or locmem://, got {url!r}."
    )


globals().update(_email_settings(env_str("EMAIL_URL", "file://" + str(VAR_DIR / "mailbox"))))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Circulair Loket <noreply@circulairloket.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth -------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff sessions end after this long without a request, and this long after log-in whatever happens.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 12)
# A second factor (TOTP app + recovery codes) is optional per user; true makes it compulsory for every log-in.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Circulair Loket"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "home"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same client address as the rate limits: behind the proxy REMOTE_ADDR is the proxy for everyone.
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
# Hashed, compressed file names for long caching; off in debug, and in browser tests, whose live server
# serves static files from the source folders.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security --------------------------------------------------------------------------------------
# HTTPS-only behaviour is on unless debugging; tests and a plain-HTTP intranet can turn it off.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind the reverse proxy of docker-compose.yml: it sets X-Forwarded-Proto and X-Real-IP (portal/client_ip.py).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every powerful browser feature off (portal/middleware.py); the portal uses none of them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking", "browsing-topics",
))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Rate limits by URL name (portal/ratelimits.py, docs/security.md). Rates are "count/period" (s, m, h, d).
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)
# One reading of the client address for rate limits and the log-in lock-out (X-Real-IP only behind the proxy).
RATELIMIT_IP_META_KEY = "portal.client_ip.client_ip"
RATELIMITS = [
    # An intake is about ten steps; a shared office IP may hold several entrepreneurs.
    {"group": "intake", "views": ["journeys:intake*"], "methods": ["POST"], "key": "ip",
     "rate": env_str("RATELIMIT_INTAKE", "120/h")},
    {"group": "resume-ip", "views": ["journeys:intake-save", "journeys:intake-resume"], "methods": ["POST"],
     "key": "ip", "rate": env_str("RATELIMIT_RESUME_IP", "20/h")},
    {"group": "resume-email", "views": ["journeys:intake-save", "journeys:intake-resume"], "methods": ["POST"],
     "key": "portal.ratelimits.email_key", "rate": env_str("RATELIMIT_RESUME_EMAIL", "5/h")},
    # Guessing second-factor codes: django-otp slows each device down too; this caps a session's tries.
    {"group": "two-factor", "views": ["two-factor-*"], "methods": ["POST"], "key": "user_or_ip",
     "rate": env_str("RATELIMIT_TWO_FACTOR", "10/15m")},
    # Password reset: every post sends an e-mail; limit per address and per e-mail address asked for.
    {"group": "password-reset-ip", "views": ["password_reset"], "methods": ["POST"], "key": "ip",
     "rate": env_str("RATELIMIT_PASSWORD_RESET_IP", "10/h")},
    {"group": "password-reset-email", "views": ["password_reset"], "methods": ["POST"],
     "key": "portal.ratelimits.email_key", "rate": env_str("RATELIMIT_PASSWORD_RESET_EMAIL", "3/h")},
    {"group": "partner-api", "views": ["journeys:partner-*"], "methods": None,
     "key": "portal.ratelimits.partner_key", "rate": env_str("RATELIMIT_PARTNER_API", "300/h")},
    # Failed key checks (missing, made-up or revoked keys) per address: guessing is slow, the real key unharmed.
    {"group": "partner-api-failed", "views": ["journeys:partner-*"], "methods": None,
     "key": "portal.ratelimits.partner_failed_ip_key", "rate": env_str("RATELIMIT_PARTNER_API_FAILED", "30/h")},
    # Per address as well, so guessing many made-up keys is limited too.
    {"group": "partner-api-ip", "views": ["journeys:partner-*"], "methods": None, "key": "ip",
     "rate": env_str("RATELIMIT_PARTNER_API_IP", "600/h")},
    # "Houd mij op de hoogte": every post sends a confirmation e-mail.
    {"group": "round-subscribe-ip", "views": ["journeys:round-subscribe"], "methods": ["POST"], "key": "ip",
     "rate": env_str("RATELIMIT_ROUND_SUBSCRIBE_IP", "20/h")},
    {"group": "round-subscribe-email", "views": ["journeys:round-subscribe"], "methods": ["POST"],
     "key": "portal.ratelimits.email_key", "rate": env_str("RATELIMIT_ROUND_SUBSCRIBE_EMAIL", "5/h")},
    # Inviting advisors: every post sends an e-mail; a stolen staff session must not become a mail cannon.
    {"group": "referrer-invite", "views": ["journeys:referrer-invite", "journeys:referrer-manage"],
     "methods": ["POST"], "key": "user_or_ip", "rate": env_str("RATELIMIT_REFERRER_INVITE", "30/h")},
]

# --- API -------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Circulair Loket open-data API",
    "DESCRIPTION": "Published support schemes, regional hubs and postcode routing for circular SMEs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several intake questions share the yes / no / don't-know answer set: name it once in the schema.
    "ENUM_NAME_OVERRIDES": {
        "YesNoUnknownEnum": "journeys.intake.questions.YES_NO_UNKNOWN",
        # Scheme.requirements and Scheme.provides share one vocabulary: one enum in the schema.
        "RequirementEnum": "schemes.vocabulary.Requirement",
    },
}

# --- Logging: no personal data; requests are logged by id only -------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Portal behaviour -------------------------------------------------------------------------------
RETENTION_MONTHS = env_int("RETENTION_MONTHS", 24)
INTAKE_RESUME_DAYS = env_int("INTAKE_RESUME_DAYS", 30)
# A scheme or hub not checked for this many months shows up on the catalogue health page (docs/catalogue.md).
CATALOGUE_VERIFY_MONTHS = env_int("CATALOGUE_VERIFY_MONTHS", 6)
# Who runs the portal, for the privacy and accessibility statements; empty shows a marked placeholder.
OPERATOR_NAME = env_str("OPERATOR_NAME", "")
OPERATOR_EMAIL = env_str("OPERATOR_EMAIL", "")

# --- Follow-up e-mails (docs/followups.md) ---------------------------------------------------------
FOLLOWUP_DISPATCH_SECONDS = env_int("FOLLOWUP_DISPATCH_SECONDS", 30)
FOLLOWUP_SCAN_SECONDS = env_int("FOLLOWUP_SCAN_SECONDS", 900)
FOLLOWUP_BATCH_SIZE = env_int("FOLLOWUP_BATCH_SIZE", 50)
# Sweeps that drain a backlog side by side (one per worker process is the useful maximum).
FOLLOWUP_DISPATCH_PARALLEL = env_int("FOLLOWUP_DISPATCH_PARALLEL", 2)
FOLLOWUP_MAX_ATTEMPTS = env_int("FOLLOWUP_MAX_ATTEMPTS", 6)
FOLLOWUP_RETRY_BASE_SECONDS = env_int("FOLLOWUP_RETRY_BASE_SECONDS", 60)
FOLLOWUP_RETRY_MAX_SECONDS = env_int("FOLLOWUP_RETRY_MAX_SECONDS", 6 * 3600)
# Longer than any single send can take (SMTP timeout), so only a dead worker's claim is taken over.
FOLLOWUP_LEASE_SECONDS = env_int("FOLLOWUP_LEASE_SECONDS", 300)
FOLLOWUP_RESEND_INTERRUPTED = env_bool("FOLLOWUP_RESEND_INTERRUPTED", default=True)
FOLLOWUP_INTAKE_REMINDER_HOURS = env_int("FOLLOWUP_INTAKE_REMINDER_HOURS", 48)
FOLLOWUP_SURVEY_DAYS = env_int("FOLLOWUP_SURVEY_DAYS", 14)
FOLLOWUP_SURVEY_LINK_DAYS = env_int("FOLLOWUP_SURVEY_LINK_DAYS", 90)
FOLLOWUP_RESPONSE_WARNING_HOURS = env_int("FOLLOWUP_RESPONSE_WARNING_HOURS", 24)
FOLLOWUP_SCHEME_CLOSING_DAYS = env_int("FOLLOWUP_SCHEME_CLOSING_DAYS", 14)
FOLLOWUP_SCHEME_LOOKBACK_DAYS = env_int("FOLLOWUP_SCHEME_LOOKBACK_DAYS", 7)
FOLLOWUP_SCHEME_ALERT_MONTHS = env_int("FOLLOWUP_SCHEME_ALERT_MONTHS", 12)
# "Waar staat u nu?" this many months after a request is closed, then yearly while the person agrees.
FOLLOWUP_REASSESS_MONTHS = env_int("FOLLOWUP_REASSESS_MONTHS", 6)
# "Houd mij op de hoogte" (journeys/journey_over_time, docs/followups.md): countdown e-mails this many days
# before a round opens, comma-separated whole numbers.
try:
    ROUND_REMINDER_DAYS = sorted({int(day) for day in env_list("ROUND_REMINDER_DAYS", "14,2")}, reverse=True)
except ValueError:
    raise ImproperlyConfigured("ROUND_REMINDER_DAYS must be whole numbers separated by commas, e.g. 14,2.") from None

# --- Insight rollup (journeys/insights/rollup_refresh.py, docs/insights.md) -------------------------
# Days recomputed by the nightly refresh (the rollup covers closed days; today is always counted live).
INSIGHT_ROLLUP_REFRESH_DAYS = env_int("INSIGHT_ROLLUP_REFRESH_DAYS", 7)

# --- Periodic work (Celery beat) -----------------------------------------------------------------------
# One schedule for the whole portal. Keys and task names are stable (a renamed key is a new entry in a
# running beat). A tick that waited longer than its interval expires: the next tick does the same work.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "portal.record_heartbeat", "schedule": 60.0},
    # Anonymise closed requests past RETENTION_MONTHS (docs/security.md); idempotent, so daily is enough.
    "journeys-anonymise-expired": {"task": "journeys.anonymise_expired", "schedule": 24 * 3600.0},
    "followups-dispatch-due": {
        "task": "followups.dispatch_due", "schedule": float(FOLLOWUP_DISPATCH_SECONDS),
        "options": {"expires": float(FOLLOWUP_DISPATCH_SECONDS)},
    },
    "followups-scan-response-targets": {
        "task": "followups.scan_response_targets", "schedule": float(FOLLOWUP_SCAN_SECONDS),
    },
    "followups-scan-scheme-alerts": {"task": "followups.scan_scheme_alerts", "schedule": float(FOLLOWUP_SCAN_SECONDS)},
    "followups-scan-reassessments": {"task": "journey_over_time.scan_reassessments", "schedule": 6 * 3600.0},
    "followups-scan-round-alerts": {
        "task": "journey_over_time.scan_round_alerts", "schedule": float(FOLLOWUP_SCAN_SECONDS),
    },
    "insights-refresh-rollup": {
        "task": "insights.refresh_rollup", "schedule": crontab(hour=2, minute=15),
        "options": {"expires": 6 * 3600},
    },
    # The monthly catalogue-health e-mail to catalogue admins (docs/catalogue.md); once per admin per month.
    "catalogue-health-mail": {
        "task": "schemes.catalogue_health_mail", "schedule": crontab(day_of_month=1, hour=7, minute=0),
        "options": {"expires": 24 * 3600},
    },
}
