# Production image: gunicorn + whitenoise for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --system --home /app loket && chown -R loket /app/var || true
USER loket
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
