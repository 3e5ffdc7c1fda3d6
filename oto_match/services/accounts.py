"""Accounts and sign-in: local accounts (argon2), single sign-on mapping, lockout, midlertidig adgang, demo accounts.

Rules in plain words:
- A new account gets a random one-time password, shown once; it must be changed at the first sign-in
  (until then access.py refuses everything else). A new password has at least 12 characters.
- Failed sign-ins are limited: after 5 wrong passwords within 15 minutes (config.sign_in_limits) the account waits
  until the oldest of those is 15 minutes old; the message says how long. Unknown names are counted the same way
  and get the same message, so a refusal does not tell whether a name exists. Every sign-in, failed or not, is in
  the audit log.
- A single sign-on identity (the identity provider's subject or e-mail) maps to the one account that names it.
- Midlertidig adgang: see access.py; given here, audited, listed for leaders, ends by itself.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from oto_match import access, config, vocab
from oto_match.access import Action, Role, User
from oto_match.domain import Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, PermissionDeniedError, ValidationError
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import audit
from oto_match.storage import staff as staff_sql
from oto_match.storage.accounts import Account, AccountListing
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor
from oto_match.validation import NAME_MAX, parse_email, text_problem

MIN_PASSWORD_LENGTH = 12
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
WRONG = "Forkert brugernavn eller adgangskode."
_OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
# Default profession of a staff member created with an account (`users add` without --staff-id).
_DEFAULT_PROFESSION = {
    Role.LEADER: "team_leader",
    Role.EMPLOYER_ONLY: "employer_consultant",
    Role.TEAM: "job_consultant",
}
_HASHER = PasswordHasher()  # argon2id, the library's recommended parameters
_DEMO_HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)  # demo passwords are printed anyway


def _now(now: datetime | None) -> datetime:
    return now or datetime.now()


def one_time_password() -> str:
    """16 random characters in groups of four (about 79 bits), easy to read aloud: 'k7mq-x3pa-…'."""
    raw = "".join(secrets.choice(_OTP_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def suggest_username(name: str, taken: set[str]) -> str:
    """The first name in lower case without accents (ø -> oe, æ -> ae, å -> aa); if taken, plus the initial of
    the last name ('pia.p'), then a number ('pia.p2')."""
    parts = [_ascii(p) for p in name.split()] or ["bruger"]
    parts = [p for p in parts if p] or ["bruger"]
    base = parts[0] if len(parts[0]) >= 2 else (parts[0] + "x")
    candidates = [base] + ([f"{base}.{parts[-1][0]}"] if len(parts) > 1 else [])
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    n = 2
    while f"{candidates[-1]}{n}" in taken:
        n += 1
    return f"{candidates[-1]}{n}"


def _ascii(word: str) -> str:
    word = word.lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain)[:30]


def password_problem(password: str, username: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"skal have mindst {MIN_PASSWORD_LENGTH} tegn"
    if username and username in password.lower():
        return "må ikke indeholde brugernavnet"
    return text_problem(password, 200, multiline=False)


@dataclass(frozen=True)
class NewUser:
    """`oto-match users add NAME --team T --role R [--staff-id S] [--username U]`: an account for a staff member.

    With `staff_id` the staff member must exist (in `team_id`); without it, the one active staff member of that name
    in the team is used, or a new staff member is created (profession from the role unless given).
    """

    name: str
    team_id: str
    role: str
    staff_id: str | None = None
    username: str | None = None
    profession: str | None = None
    email: str | None = None
    oidc_subject: str | None = None

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        if not self.name.strip():
            found.append(FieldProblem("name", "mangler"))
        elif problem := text_problem(self.name, NAME_MAX, multiline=False):
            found.append(FieldProblem("name", problem))
        if self.role not in access.ACCOUNT_ROLES:
            found.append(FieldProblem("role", f"'{self.role}' er ikke en rolle (team, leader, employer_only)"))
        if self.username is not None and not USERNAME.fullmatch(self.username):
            found.append(FieldProblem("username", "2-40 tegn: små bogstaver a-z, tal, punktum, - og _"))
        if self.email:
            try:
                parse_email(self.email)
            except ValueError as e:
                found.append(FieldProblem("email", str(e)))
        return found


@dataclass(frozen=True)
class AddedUser:
    user: User
    one_time_password: str


def _user(account: Account, staff: Staff) -> User:
    return User(
        staff.staff_id, staff.name, staff.team_id, staff.profession, is_leader=account.role == Role.LEADER,
        active=staff.active and not account.disabled, role=account.role, username=account.username,
        must_change_password=account.must_change_password,
    )  # fmt: skip


def _staff_for(cur: Cursor, new: NewUser) -> Staff:
    """The staff member the new account is for (found, or created)."""
    if new.staff_id:
        staff = staff_sql.get_staff(cur, new.staff_id)
        if staff is None:
            raise NotFoundError(f"Medarbejderen {new.staff_id} findes ikke")
        if staff.team_id != new.team_id:
            raise ValidationError.single("team_id", f"{staff.name} er i team {vocab.team_name(staff.team_id)}, "
                                             f"ikke {vocab.team_name(new.team_id)}")  # fmt: skip
        return staff
    if new.team_id not in {t.team_id for t in staff_sql.list_teams(cur)}:
        raise ValidationError.single("team_id", f"'{new.team_id}' er ikke et team")
    same = [s for s in staff_sql.list_staff(cur, new.team_id) if s.name == new.name.strip()]
    if len(same) > 1:
        raise ValidationError.single("staff_id", f"{len(same)} medarbejdere hedder {new.name}: angiv --staff-id")
    if same:
        return same[0]
    profession = new.profession or _DEFAULT_PROFESSION[Role(new.role)]
    staff = Staff(new_id("S"), new.name.strip(), new.team_id, profession, is_leader=new.role == Role.LEADER)
    staff_sql.save_staff(cur, staff)
    return staff


def add_user(db: Database, actor: Staff, new: NewUser, now: datetime | None = None) -> AddedUser:
    """Create an account (leaders and the system); returns the user and the one-time password to hand over."""
    access.require(actor, Action.ADMINISTER_USERS)
    if problems := new.problems():
        raise ValidationError(problems)
    password, at = one_time_password(), _now(now)
    with db.transaction() as cur:
        staff = _staff_for(cur, new)
        if (existing := accounts_sql.account_for_staff(cur, staff.staff_id)) is not None:
            raise ValidationError.single("staff_id", f"{staff.name} har allerede brugeren '{existing.username}'")
        taken = accounts_sql.usernames(cur)
        username = new.username or suggest_username(staff.name, taken)
        if username in taken:
            raise ValidationError.single("username", f"'{username}' er taget")
        email = (new.email or "").strip().lower() or None
        account = Account(username, staff.staff_id, new.role, _HASHER.hash(password), True, False, at,
                          actor.staff_id, None, new.oidc_subject or None, email)  # fmt: skip
        accounts_sql.insert_accounts(cur, [account])
        detail = f"rolle {access.ROLE_LABELS.get(new.role, new.role)}, {access.team_label(staff.team_id)}"
        audit.log(cur, actor.staff_id, "user_add", "user", username, detail, at=at)
    return AddedUser(_user(account, staff), password)


def lockout_remaining(failures: Sequence[datetime], now: datetime, limit: int, window: timedelta) -> timedelta | None:
    """How long an account must still wait, or None. Locked when `limit` failures fall within the last `window`;
    the lock lifts when the oldest of those `limit` is `window` old."""
    recent = sorted(f for f in failures if now - window < f <= now)
    if len(recent) < limit:
        return None
    return recent[-limit] + window - now


def wait_text(wait: timedelta) -> str:
    minutes = max(1, -(-int(wait.total_seconds()) // 60))
    return "1 minut" if minutes == 1 else f"{minutes} minutter"


def _limits() -> tuple[int, timedelta]:
    limit, minutes = config.sign_in_limits()
    return limit, timedelta(minutes=minutes)


def _check_password(account: Account | None, password: str) -> bool:
    """Whether the password is the account's; an unknown name is checked against a dummy hash (same time)."""
    stored = account.password_hash if account is not None else None
    try:
        matches = _HASHER.verify(stored or _no_account_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and stored is not None


@cache
def _no_account_hash() -> str:
    return _HASHER.hash(secrets.token_hex(16))


def _attempt(cur: Cursor, name: str, password: str, at: datetime) -> tuple[str, Account | None, Staff | None, str]:
    """(outcome, account, staff, message) of one sign-in attempt, recorded and audited."""
    limit, window = _limits()
    account = accounts_sql.get_account(cur, name)
    staff = staff_sql.get_staff(cur, account.staff_id) if account else None
    wait = lockout_remaining(accounts_sql.failures_since_success(cur, name, at - window), at, limit, window)
    if wait is not None:
        outcome, message = "locked", f"For mange forkerte forsøg. Prøv igen om {wait_text(wait)}."
    elif not _check_password(account, password):
        outcome, message = ("wrong_password" if account else "unknown_user"), WRONG
        left = lockout_remaining([*accounts_sql.failures_since_success(cur, name, at - window), at], at, limit, window)
        if left is not None:
            message += f" Der er nu lukket for forsøg i {wait_text(left)}."
    elif account is None or staff is None or account.disabled or not staff.active:
        outcome, message = "disabled", "Din konto er spærret. Kontakt en leder."
    else:
        outcome, message = "ok", ""
    accounts_sql.record_attempt(cur, name, at, outcome)
    who = account.staff_id if account else None
    if outcome == "ok":
        audit.log(cur, who, "sign_in", "user", name, "adgangskode", at=at)
    else:
        audit.log(cur, who, "sign_in_failed", "user", name, outcome, at=at)
    return outcome, account, staff, message


def sign_in(db: Database, username: str, password: str, now: datetime | None = None) -> User:
    """The signed-in user, or PermissionDeniedError with a Danish message (the attempt is kept either way)."""
    name, at = username.strip().lower(), _now(now)
    with db.transaction() as cur:
        outcome, account, staff, message = _attempt(cur, name, password, at)
        if outcome == "ok" and account and account.password_hash and _HASHER.check_needs_rehash(account.password_hash):
            accounts_sql.set_password(cur, name, _HASHER.hash(password), account.must_change_password, at)
    if outcome != "ok" or account is None or staff is None:
        raise PermissionDeniedError(message)
    return _user(account, staff)


def change_password(db: Database, actor: User, old_password: str, new_password: str,
                    now: datetime | None = None) -> User:  # fmt: skip
    """The signed-in user changes their own password (the one-time one, or any); returns the user as now."""
    at = _now(now)
    with db.transaction() as cur:
        account = accounts_sql.get_account(cur, actor.username)
        if account is None or account.disabled:
            raise PermissionDeniedError("Din konto er spærret. Kontakt en leder.")
        if not _check_password(account, old_password):
            raise ValidationError.single("password", "er ikke din nuværende adgangskode")
        problem = password_problem(new_password, account.username)
        if problem is None and new_password == old_password:
            problem = "skal være en anden end den nuværende"
        if problem:
            raise ValidationError.single("new_password", problem)
        accounts_sql.set_password(cur, account.username, _HASHER.hash(new_password), False, at)
        audit.log(cur, actor.staff_id, "password_change", "user", account.username, at=at)
    return replace(actor, must_change_password=False)


def reset_password(db: Database, actor: Staff, username: str, now: datetime | None = None) -> str:
    """A leader gives a user a new one-time password (forgotten password); returns it, to hand over once."""
    access.require(actor, Action.ADMINISTER_USERS)
    password, at = one_time_password(), _now(now)
    with db.transaction() as cur:
        _account(cur, username)
        accounts_sql.set_password(cur, username, _HASHER.hash(password), True, at)
        audit.log(cur, actor.staff_id, "password_reset", "user", username, at=at)
    return password


def _account(cur: Cursor, username: str) -> Account:
    account = accounts_sql.get_account(cur, username)
    if account is None:
        raise NotFoundError(f"Brugeren '{username}' findes ikke")
    return account


def disable_user(db: Database, actor: Staff, username: str, now: datetime | None = None) -> None:
    """A leader (or the system) disables an account: it can no longer sign in, and a running session is refused."""
    access.require(actor, Action.ADMINISTER_USERS)
    with db.transaction() as cur:
        account = _account(cur, username)
        if account.staff_id == actor.staff_id:
            raise PermissionDeniedError("Du kan ikke spærre din egen konto.")
        accounts_sql.set_disabled(cur, username, True)
        audit.log(cur, actor.staff_id, "user_disable", "user", username, at=_now(now))


def list_users(db: Database, actor: Staff) -> list[AccountListing]:
    access.require(actor, Action.ADMINISTER_USERS)
    with db.transaction() as cur:
        return accounts_sql.list_accounts(cur)


def user_for_username(db: Database, username: str) -> User:
    """The user behind an account as it is now (the CLI's --as, a session re-checked); refuses a disabled one."""
    with db.transaction() as cur:
        account = _account(cur, username.strip().lower())
        staff = staff_sql.get_staff(cur, account.staff_id)
    if staff is None or account.disabled or not staff.active:
        raise PermissionDeniedError(f"Brugeren '{username}' er spærret.")
    return _user(account, staff)


def user_for_oidc(db: Database, email_or_subject: str | Sequence[str], now: datetime | None = None) -> User:
    """Sign in through single sign-on: the account whose subject or e-mail the identity provider gave (try the
    subject first). Audited like a password sign-in; an unknown or disabled identity is refused in Danish."""
    identities = [email_or_subject] if isinstance(email_or_subject, str) else list(email_or_subject)
    identities = [i.strip() for i in identities if i and i.strip()]
    at = _now(now)
    with db.transaction() as cur:
        account = next((a for i in identities if (a := accounts_sql.account_for_identity(cur, i))), None)
        staff = staff_sql.get_staff(cur, account.staff_id) if account else None
        ok = account is not None and staff is not None and not account.disabled and staff.active
        name = account.username if account else (identities[0] if identities else "")
        action, detail = ("sign_in", "single sign-on") if ok else ("sign_in_failed", "single sign-on: ukendt/spærret")
        audit.log(cur, account.staff_id if account else None, action, "user", name, detail, at=at)
        if ok:
            accounts_sql.record_attempt(cur, name, at, "ok")
    if not ok or account is None or staff is None:
        shown = ", ".join(identities) or "(ingen identitet)"
        raise PermissionDeniedError(
            f"Din kommunale konto ({shown}) er ikke knyttet til en aktiv bruger i OTO Match. Bed en leder om adgang."
        )
    return replace(_user(account, staff), must_change_password=False)


# Demo accounts (demo only): every active demo staff member gets an account whose password is "demo-<username>",
# and a student helper with the role employer_only is added to Gellerup, so every role can be tried at once.
DEMO_PASSWORD_PREFIX = "demo-"
DEMO_CREATOR = "demo"
DEMO_STUDENT = Staff("S-demo-student", "Emma Lund", "gellerup", "employer_consultant")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    name: str
    team_id: str
    role: str


def create_demo_accounts(db: Database, student_helper: bool = True, now: datetime | None = None) -> list[DemoAccount]:
    """Accounts for the demo staff with known passwords: username = first name in lower case without accents
    ('søren' -> 'soeren'; a second Pia gets 'pia.p'), password 'demo-<username>', no change required. Leaders get the
    role leader, everyone else team; the student helper (Emma Lund, Gellerup) employer_only. Run it again and it adds
    only what is missing. Returns every demo account (their passwords as given, unless changed since).
    NEVER for a real deployment: anyone who reads this docstring can sign in."""
    at = _now(now)
    with db.transaction() as cur:
        if student_helper and staff_sql.get_staff(cur, DEMO_STUDENT.staff_id) is None:
            staff_sql.save_staff(cur, DEMO_STUDENT)
        taken, new = accounts_sql.usernames(cur), []
        for staff in sorted(staff_sql.list_staff(cur), key=lambda s: s.staff_id):
            if accounts_sql.account_for_staff(cur, staff.staff_id) is not None:
                continue
            username = suggest_username(staff.name, taken)
            taken.add(username)
            role = Role.LEADER if staff.is_leader else Role.TEAM
            role = Role.EMPLOYER_ONLY if staff.staff_id == DEMO_STUDENT.staff_id else role
            password_hash = _DEMO_HASHER.hash(DEMO_PASSWORD_PREFIX + username)
            new.append(Account(username, staff.staff_id, role, password_hash, False, False, at, DEMO_CREATOR))
        accounts_sql.insert_accounts(cur, new)
        rows = [(a.username, f"demokonto, rolle {access.ROLE_LABELS.get(a.role, a.role)}") for a in new]
        audit.log_each(cur, DEMO_CREATOR, "user_add", "user", rows)
        listing = [a for a in accounts_sql.list_accounts(cur) if a.created_by == DEMO_CREATOR]
    return [DemoAccount(a.username, DEMO_PASSWORD_PREFIX + a.username, a.name, a.team_id, a.role) for a in listing]


def demo_account_lines(accounts: Sequence[DemoAccount]) -> list[str]:
    """What `make run` prints: one line per team with the leader first, then the student helper (demo only)."""
    lines = ["Demo-brugere (kun demo) — adgangskoden er demo-<brugernavn>, fx demo-" + (accounts[0].username
             if accounts else "anne") + ":"]  # fmt: skip
    for team in sorted({a.team_id for a in accounts}):
        members = [a for a in accounts if a.team_id == team and a.role != Role.EMPLOYER_ONLY]
        members.sort(key=lambda a: (a.role != Role.LEADER, a.username))
        names = ", ".join(f"{a.username} (leder)" if a.role == Role.LEADER else a.username for a in members)
        lines.append(f"  {access.team_label(team)}: {names}")
    for a in accounts:
        if a.role == Role.EMPLOYER_ONLY:
            lines.append(f"  kun virksomheder: {a.username} ({a.name}, {access.team_label(a.team_id)})")
    return lines
