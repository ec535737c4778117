"""Signals of the job queue. `job_failed(sender=Job, job=…)` is sent once a job has failed for good (its
last attempt raised, or its worker died during it); notify tells the job's institution's office."""

from django.dispatch import Signal

job_failed = Signal()
