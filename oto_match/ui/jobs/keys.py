"""Session-state keys of the Jobåbninger & match page, named (a bare string is easy to misspell)."""

from __future__ import annotations

SELECTED_JOB = "jobs.selected_job"  # the job chosen in the "Jobåbning" selectbox
FORM_EMPLOYER = "jobs.form_employer"  # the employer handed over from Virksomheder, chosen in "Ny jobåbning"
OPENED_JOBS = "jobs.opened_jobs"  # job id -> the job as its change form was opened (the version a save states)
JUST_CREATED = "jobs.just_created"  # the job "Ny jobåbning" saved on the run before (offer to go and see it)
NEW_JOB_ID = "jobs.new_job_id"  # the id the open "Ny jobåbning" form creates: sent twice, still one job
RANKING = "jobs.ranking"  # the ranking shown (kept between reruns; recomputed on demand)
RANKING_OF = "jobs.ranking_of"  # (job id, job version, my team only) the kept ranking belongs to
CARDS_SHOWN = "jobs.cards_shown"  # job id -> how many candidate cards are shown
JOB_SEARCH = "jobs.search"  # the search above the jobs table (title or employer)
JOBS_PAGE = "jobs.page"  # the page of the jobs table shown
JOBS_TABLE = "jobs.table"  # the jobs table's row selection (a row clicked opens the job)
TAB = "jobs.tab"  # the page's tab shown ("Jobåbninger" / "Ny jobåbning"): it stays after a save
JOB_TAB = "jobs.job_tab"  # + job id: the job's tab shown (meeting, decision, candidate list)

# One-shot messages (state.flash / state.show_flash), shown where the user acted.
INTAKE_SAVED = "jobs.intake"
JOB_CHANGED = "jobs.job_changed"
CANDIDATE_MOVED = "jobs.candidate_moved"
CANDIDATE_WARNING = "jobs.candidate_warning"
NOTE_SAVED = "jobs.note_saved"
DECIDED = "jobs.decided"


def of(prefix: str, *parts: object) -> str:
    """A widget key of one thing (job, citizen, version): after a save the widgets show it as it is now."""
    return "_".join([prefix, *(str(p) for p in parts)])
