"""The Jobåbninger & match page's screen areas, one module each: the intake form (new job and change a
job), the jobs table, the job card, the team meeting view, the team's decision and the candidate list."""
