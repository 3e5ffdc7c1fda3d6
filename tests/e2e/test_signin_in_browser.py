"""Sign-in in a real browser: local demo accounts, a reload that keeps you signed in, and single sign-on through a
local OpenID Connect provider (the PyPI package oidc-provider-mock) with Streamlit's st.login."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_port, demo_database_with_accounts, sign_in, start_app


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


# --- Single sign-on ------------------------------------------------------------------------------------------


def _wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the OpenID Connect provider stopped")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer")


@pytest.fixture(scope="module")
def sso_app(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with [auth] pointing at a local oidc-provider-mock, and a user whose subject is 'sara'."""
    from oto_match.domain import Staff
    from oto_match.services import accounts
    from oto_match.storage.db import Database

    folder = tmp_path_factory.mktemp("sso")
    db_path = demo_database_with_accounts(demo_path, folder / "sso.duckdb")
    db = Database(db_path)
    try:
        system = Staff("cli:test", "kommandolinje (test)", "", "system")
        accounts.add_user(db, system, accounts.NewUser("Sara Single", "viby", "team", username="sara",
                                                       oidc_subject="sara", email="sara@aarhus.example"))  # fmt: skip
    finally:
        db.close()
    provider_port, app_port = _free_port(), _free_port()
    provider = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(provider_port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    issuer = f"http://127.0.0.1:{provider_port}"
    app = None
    try:
        _wait_for(f"{issuer}/.well-known/openid-configuration", provider)
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
            'cookie_secret = "a-test-secret-that-is-long-enough-0123456789"\n'
            'client_id = "oto-match-test"\n'
            'client_secret = "oto-match-test-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            "utf-8",
        )
        url, app = start_app(db_path, ["--secrets.files", str(secrets)], port=app_port)
        yield url
    finally:
        if app is not None:
            app.terminate()
            app.wait(timeout=20)
        provider.terminate()
        provider.wait(timeout=20)


def _through_the_provider(page: object, url: str, subject: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ind med kommunens login").click()  # type: ignore[attr-defined]
    page.get_by_placeholder("sub").fill(subject)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Authorize").click()  # type: ignore[attr-defined]


def test_single_sign_on_through_an_openid_connect_provider_opens_the_app(page: object, sso_app: str) -> None:
    _through_the_provider(page, sso_app, "sara")
    page.get_by_role("heading", name="Virksomheder").wait_for()  # type: ignore[attr-defined]
    page.get_by_text("Sara Single").wait_for()  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ud").wait_for()  # type: ignore[attr-defined]


def test_an_identity_that_is_no_user_is_refused_in_danish(page: object, sso_app: str) -> None:
    _through_the_provider(page, sso_app, "ukendt-person")
    page.get_by_text("er ikke knyttet til en aktiv bruger i OTO Match").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="Virksomheder").count() == 0  # type: ignore[attr-defined]
