"""The Virksomheder page's screen areas, one module each: register, pipeline (with my next steps), the
employer's view (detail), master data (Stamdata and pause), the visit form, a new employer with its
duplicate hints, the duplicate scan and my activity."""
