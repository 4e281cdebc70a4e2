"""Every area's Celery tasks, so that the worker's autodiscovery (``journeys.tasks``) registers all of them.

A new area with tasks adds its module here; nothing else keeps a list of task modules.
"""

from journeys.followups import tasks as followups_tasks
from journeys.insights import tasks as insights_tasks
from journeys.journey_over_time import tasks as journey_over_time_tasks
from journeys.privacy import tasks as privacy_tasks

__all__ = ["followups_tasks", "insights_tasks", "journey_over_time_tasks", "privacy_tasks"]
