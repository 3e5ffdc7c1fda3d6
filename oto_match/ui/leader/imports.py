"""Indlæs fil: a leader chooses a CSV (or Excel) file and what it holds, sees what it would create and change (a dry
run, field by field), imports it as a batch with an id, and can take a recent batch back ("Fortryd")."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from oto_match import importexport, vocab
from oto_match.access import User
from oto_match.errors import OtoMatchError, ValidationError
from oto_match.services import import_batches
from oto_match.services.import_batches import BatchReport
from oto_match.ui import common, state

KEY_PREVIEW = "imports_preview"  # (kind, digest of the text, the dry run's report)
KEY_UNDO = "imports_confirm_undo"  # the batch a leader asked to undo, waiting for "Ja, fortryd"
PAGE = "imports"


def imports(user: User) -> None:
    state.show_flash(PAGE)
    kind = st.selectbox("Hvad indeholder filen?", list(importexport.KINDS), key="imports_kind",
                        format_func=lambda k: vocab.IMPORT_KIND_LABELS.get(k, k))  # fmt: skip
    upload = st.file_uploader("Fil (CSV UTF-8, kommasepareret, eller Excel .xlsx)", type=["csv", "xlsx"])
    pasted = st.text_area("… eller indsæt indholdet af en CSV-fil", key="imports_text", height=100)
    source = _source(upload, pasted, kind)
    if st.button("Vis hvad der ændres", icon=":material/preview:"):
        if source is None:
            st.warning("Vælg en fil eller indsæt tekst først.")
        else:
            report = _run(user, kind, source, dry_run=True)
            st.session_state[KEY_PREVIEW] = (kind, _digest(source[1]), report) if report else None
    preview = st.session_state.get(KEY_PREVIEW)
    if preview and source and preview[:2] == (kind, _digest(source[1])):
        _show_preview(preview[2])
        if not preview[2].problems and _confirmed_import():
            done = _run(user, kind, source, dry_run=False)
            if done is not None:
                st.session_state[KEY_PREVIEW] = None
                state.flash(PAGE, f"Indlæst som {done.batch_id}: {done.summary()}. "
                            "Indlæsningen kan fortrydes nedenfor.")  # fmt: skip
                st.rerun()
    st.divider()
    recent_batches(user)


def _source(upload: object, pasted: str, kind: str) -> tuple[str, str] | None:
    """(file name, CSV text) of the upload (an Excel file read as the same rows), or of the pasted text."""
    if upload is not None:
        name, data = str(getattr(upload, "name", "fil.csv")), bytes(upload.getvalue())  # type: ignore[attr-defined]
        try:
            if name.lower().endswith(".xlsx"):
                from oto_match import spreadsheets

                return name, spreadsheets.xlsx_to_csv_text(data, importexport.kind_named(kind).columns)
            return name, data.decode("utf-8")
        except UnicodeDecodeError:
            st.error("Filen er ikke UTF-8: gem den i Excel som 'CSV UTF-8 (kommasepareret)'.")
        except OtoMatchError as e:
            st.error(e.message)
        return None
    return ("indsat tekst", pasted) if pasted.strip() else None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _run(user: User, kind: str, source: tuple[str, str], dry_run: bool) -> BatchReport | None:
    """The import (or its dry run); a file that cannot be read at all is shown line by line."""
    name, text = source
    try:
        report = importexport.import_text(common.db(), user, kind, text, dry_run=dry_run, file_name=name)
    except ValidationError as e:
        st.error("Filen kan ikke indlæses; intet er gemt:\n\n" + "\n".join(
            f"- {import_batches.problem_text(str(p))}" for p in e.problems))  # fmt: skip
        return None
    except OtoMatchError as e:
        st.error(e.message)
        return None
    return report if isinstance(report, BatchReport) else BatchReport(**vars(report))


def _show_preview(report: BatchReport) -> None:
    if report.problems:
        st.error(f"{len(report.problems)} fejl i filen; intet bliver gemt, før de er rettet:\n\n"
                 + "\n".join(f"- {import_batches.problem_text(p)}" for p in report.problems[:50]))  # fmt: skip
        return
    unchanged = report.updated - report.changed_total
    st.info(f"Filen vil oprette {report.created_total} og ændre {report.changed_total} ({unchanged} er uændrede).")
    if report.created_labels:
        more = report.created_total - len(report.created_labels)
        st.markdown("**Oprettes:** " + ", ".join(report.created_labels) + (f" … og {more} til" if more > 0 else ""))
    for update in report.updates:
        st.markdown(f"**Ændres: {update.label}**\n\n" + "\n".join(f"- {change}" for change in update.changes))


def _confirmed_import() -> bool:
    sure = st.checkbox("Jeg har set ændringerne og vil indlæse filen", key="imports_sure")
    return st.button("Indlæs", icon=":material/upload_file:", type="primary", disabled=not sure)


def recent_batches(user: User) -> None:
    st.subheader("Seneste indlæsninger")
    lines = common.attempt(lambda: import_batches.list_batches(common.db(), user))
    if not lines:
        st.caption("Ingen indlæsninger endnu.")
        return
    st.dataframe(pd.DataFrame({
        "Indlæsning": [x.batch.batch_id for x in lines],
        "Tidspunkt": [f"{x.batch.created_at:%d-%m-%Y %H:%M}" for x in lines],
        "Indhold": [x.kind_label for x in lines], "Fil": [x.batch.file_name for x in lines],
        "Nye": [x.batch.created_count for x in lines], "Ændrede": [x.batch.updated_count for x in lines],
        "Af": [x.who for x in lines],
        "Fortrudt": [f"{x.undone_by} {x.batch.undone_at:%d-%m-%Y %H:%M}" if x.batch.undone_at else "" for x in lines],
    }), hide_index=True, width="stretch")  # fmt: skip
    open_ids = [x.batch.batch_id for x in lines if x.batch.undone_at is None]
    if not open_ids:
        return
    chosen = st.selectbox("Fortryd en indlæsning", open_ids, key="imports_undo_choice")
    if st.button("Fortryd", icon=":material/undo:"):
        st.session_state[KEY_UNDO] = chosen
    if st.session_state.get(KEY_UNDO) == chosen:
        _confirm_undo(user, chosen)


def _confirm_undo(user: User, batch_id: str) -> None:
    st.warning(f"Fortryd {batch_id}? Det, indlæsningen oprettede, fjernes, og det, den ændrede, får sine tidligere "
               "værdier. Det kan ikke gøres om.")  # fmt: skip
    yes, no = st.columns(2)
    if no.button("Annullér", key="imports_undo_no"):
        st.session_state[KEY_UNDO] = None
        st.rerun()
    if yes.button("Ja, fortryd", type="primary", key="imports_undo_yes"):
        done = common.attempt(lambda: import_batches.undo_batch(common.db(), user, batch_id))
        st.session_state[KEY_UNDO] = None
        if done is not None:
            state.flash(PAGE, f"{done.batch_id} er fortrudt: {done.removed} rækker fjernet, {done.restored} gendannet.")
            st.rerun()
