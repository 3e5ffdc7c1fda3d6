"""Job intake: job openings with validation that names the field."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from oto_match import records, vocab
from oto_match.domain import JobOpening, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, ValidationError
from oto_match.storage import audit
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database


def save_job(db: Database, actor: Staff, values: dict[str, str], extra: dict[str, Any]) -> JobOpening:
    """Create or update a job from form values (as jobs.csv) plus start date, positions, deadline, status."""
    values = {**values, "job_id": values.get("job_id") or new_id("J")}
    job = replace(records.job_from_row(values), **extra)
    problems = records.job_problems(job)
    if job.status not in vocab.JOB_STATUSES:
        problems += [FieldProblem("status", f"ukendt status '{job.status}'")]
    if problems:
        raise ValidationError(problems)
    with db.transaction() as cur:
        if employer_sql.get_employer(cur, job.employer_id) is None:
            raise ValidationError.single("employer_id", f"virksomheden '{job.employer_id}' findes ikke")
        is_new = job_sql.save_job(cur, job, created_by=actor.staff_id)
        audit.log(cur, actor.staff_id, "create" if is_new else "update", "job", job.job_id)
    return job


def get_job(db: Database, job_id: str) -> JobOpening:
    with db.transaction() as cur:
        job = job_sql.get_job(cur, job_id)
    if job is None:
        raise NotFoundError(f"Jobåbningen {job_id} findes ikke")
    return job


def list_jobs(db: Database, status: str | None = "open") -> list[JobOpening]:
    with db.transaction() as cur:
        return job_sql.list_jobs(cur, status)
