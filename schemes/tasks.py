"""Every catalogue area's Celery tasks, so that the worker's autodiscovery (``schemes.tasks``) registers them."""

from schemes.catalogue_health import tasks as catalogue_health_tasks

__all__ = ["catalogue_health_tasks"]
