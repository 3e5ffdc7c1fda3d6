"""The Fastholdelse screen, one module per area: the follow-up lists, the placement view with its
agreement, timeline and hours, the follow-up form, ending and release, and the "Nyt forløb" form."""
