"""Sign-in in a real browser: local demo accounts, a reload that keeps you signed in, and single sign-on through a
local OpenID Connect provider (the PyPI package oidc-provider-mock) with Streamlit's st.login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    _free_port,
    add_sso_user,
    demo_database_with_accounts,
    running_app,
    sign_in,
    sso_secrets,
    through_the_provider,
)


def test_before_sign_in_no_page_is_built(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/borgere")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Log ind").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("link", name="Borgere").count() == 0  # type: ignore[attr-defined]
    assert page.locator("[data-testid='stDataFrame']").count() == 0  # type: ignore[attr-defined]


def test_a_demo_account_signs_in_and_sees_the_employers(page: object, app_url: str) -> None:
    sign_in(page, app_url, "anne", "demo-anne")
    page.get_by_role("heading", name="Virksomheder").wait_for()  # type: ignore[attr-defined]
    page.locator("[data-testid='stDataFrame']").first.wait_for()  # type: ignore[attr-defined]
    page.get_by_text("Logget ind som").wait_for()  # type: ignore[attr-defined]


def test_a_reload_keeps_you_signed_in_and_signing_out_ends_it(page: object, app_url: str) -> None:
    sign_in(page, app_url, "anne", "demo-anne")
    page.reload()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Virksomheder").wait_for()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ud").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Log ind").wait_for()  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Log ind").wait_for()  # type: ignore[attr-defined]
    page.wait_for_timeout(1000)  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Virksomheder").count() == 0  # type: ignore[attr-defined]


def test_a_wrong_password_is_refused_in_danish(page: object, app_url: str) -> None:
    page.goto(app_url)  # type: ignore[attr-defined]
    page.get_by_label("Brugernavn").fill("anne")  # type: ignore[attr-defined]
    page.get_by_label("Adgangskode").fill("forkert")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ind", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_text("Forkert brugernavn eller adgangskode.").wait_for()  # type: ignore[attr-defined]


# --- Single sign-on (the provider and its helpers: conftest.py, shared with the other-team journey) ------------


@pytest.fixture(scope="module")
def sso_app(demo_path: Path, tmp_path_factory: pytest.TempPathFactory, oidc_issuer: str) -> Iterator[str]:
    """The app with [auth] pointing at the local provider, and a user whose subject is 'sara'."""
    folder = tmp_path_factory.mktemp("sso")
    db_path = demo_database_with_accounts(demo_path, folder / "sso.duckdb")
    add_sso_user(db_path, "Sara Single", "viby", "sara")
    port = _free_port()
    with running_app(db_path, sso_secrets(folder, oidc_issuer, port), port) as url:
        yield url


def test_single_sign_on_through_an_openid_connect_provider_opens_the_app(page: object, sso_app: str) -> None:
    through_the_provider(page, sso_app, "sara")
    page.get_by_role("heading", name="Virksomheder").wait_for()  # type: ignore[attr-defined]
    page.get_by_text("Sara Single").wait_for()  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ud").wait_for()  # type: ignore[attr-defined]


def test_an_identity_that_is_no_user_is_refused_in_danish(page: object, sso_app: str) -> None:
    through_the_provider(page, sso_app, "ukendt-person")
    page.get_by_text("er ikke knyttet til en aktiv bruger i OTO Match").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Virksomheder").count() == 0  # type: ignore[attr-defined]
