"""A save confirmed where the user acted: an inline message below the button that saved, and a toast, because a
page that reruns after a save may scroll the button (and the message under it) out of view."""

from __future__ import annotations

from oto_match.ui import state


def saved(key: str, message: str) -> None:
    """Leave `message` for the next run (after st.rerun): shown once by show_saved(key), never again."""
    state.flash(key, message)
    state.flash(f"{key}.toast", message, "toast")


def show_saved(key: str) -> None:
    """Show the waiting message of `key` here (below the button) and as a toast; nothing when none waits."""
    state.show_flash(key)
    state.show_flash(f"{key}.toast")
