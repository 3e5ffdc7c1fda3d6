"""CLI: the local administrator's tools — user accounts and the audit log (the system acts, and is audited)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from oto_match.cli.common import EXIT_ERROR, EXIT_OK, cli_actor, command, emit, open_db

ROLES = ("team", "leader", "employer_only")


def add_commands(sub: Any) -> None:
    """users add|list|disable, audit [verify]."""
    p = sub.add_parser("users", help="brugere: opret (engangsadgangskode), vis, spær")
    users = p.add_subparsers(dest="users_command", required=True)
    add = users.add_parser("add", help="opret en bruger; udskriver en engangsadgangskode, der skal skiftes")
    add.add_argument("name", help="medarbejderens navn")
    add.add_argument("--team", required=True, help="gellerup, viby eller tilst")
    add.add_argument("--role", required=True, choices=ROLES, help="team, leader eller employer_only")
    add.add_argument("--staff-id", help="en eksisterende medarbejder (ellers findes/oprettes navnet i teamet)")
    add.add_argument("--username", help="brugernavn (standard: fornavnet med små bogstaver)")
    add.add_argument("--email", help="e-mail hos kommunens single sign-on")
    add.add_argument("--profession", help="fag for en ny medarbejder (standard efter rollen)")
    listing = users.add_parser("list", help="alle brugere")
    listing.add_argument("--json", action="store_true")
    disable = users.add_parser("disable", help="spær en bruger")
    disable.add_argument("username")
    command("users")(cmd_users)

    p = sub.add_parser("audit", help="loggen: søg (ledere/system), eller 'verify' for at kontrollere kæden")
    p.add_argument("what", nargs="?", choices=("verify",), help="verify: kontrollér at ingen række er slettet/ændret")
    p.add_argument("--citizen", help="rækker om denne borger (også rangeringer, der viste borgeren)")
    p.add_argument("--user", help="rækker af denne bruger (brugernavn eller medarbejder-id)")
    p.add_argument("--since", type=date.fromisoformat, help="fra og med DATO (ÅÅÅÅ-MM-DD)")
    p.add_argument("--until", type=date.fromisoformat, help="til og med DATO (ÅÅÅÅ-MM-DD)")
    p.add_argument("--limit", type=int, default=500, help="højst så mange rækker (nyeste først; standard 500)")
    p.add_argument("--report", action="store_true", help="med --citizen: 'hvem har set mine oplysninger' på dansk")
    p.add_argument("--json", action="store_true")
    command("audit")(cmd_audit)


def cmd_users(args: argparse.Namespace) -> int:
    if args.users_command == "add":
        return _users_add(args)
    if args.users_command == "list":
        return _users_list(args)
    from oto_match.services.accounts import disable_user

    disable_user(open_db(args), cli_actor(), args.username)
    print(f"Brugeren {args.username} er spærret.")
    return EXIT_OK


def _users_add(args: argparse.Namespace) -> int:
    from oto_match.services.accounts import NewUser, add_user

    new = NewUser(args.name, args.team, args.role, staff_id=args.staff_id, username=args.username, email=args.email,
                  profession=args.profession)  # fmt: skip
    added = add_user(open_db(args), cli_actor(), new)
    u = added.user
    print(f"Bruger oprettet: {u.username} — {u.name} ({u.staff_id}), {args.team}, rolle {u.role}.")
    print(f"Engangsadgangskode (vises kun nu; skal skiftes ved første login): {added.one_time_password}")
    return EXIT_OK


def _users_list(args: argparse.Namespace) -> int:
    from oto_match.services.accounts import list_users

    users = list_users(open_db(args), cli_actor())
    payload = {"users": [
        {"username": u.username, "staff_id": u.staff_id, "name": u.name, "team_id": u.team_id, "role": u.role,
         "disabled": u.disabled, "must_change_password": u.must_change_password, "email": u.email,
         "last_sign_in": u.last_sign_in.isoformat(timespec="seconds") if u.last_sign_in else None}
        for u in users
    ]}  # fmt: skip
    lines = [
        f"{u.username:<16} {u.name:<24} {u.team_id:<9} {u.role:<14}"
        f"{' SPÆRRET' if u.disabled else ''}{' skal skifte adgangskode' if u.must_change_password else ''}"
        for u in users
    ] or ["Ingen brugere."]
    emit(args, payload, lines)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    if args.what == "verify":
        from oto_match.services.audit_log import verify_log, verify_message

        check = verify_log(open_db(args), cli_actor())
        print(verify_message(check))
        if check.broken_at is None and check.last_hash:
            print(f"Seneste kædehash (notér den for at kunne opdage sletning af de nyeste rækker): {check.last_hash}")
        return EXIT_OK if check.broken_at is None else EXIT_ERROR
    if args.report:
        return _audit_report(args)
    from oto_match.services.audit_log import audit_entries

    rows = audit_entries(open_db(args), cli_actor(), args.citizen, args.user, args.since, args.until, args.limit)
    payload = {"entries": [
        {"audit_id": r.audit_id, "at": r.at.isoformat(timespec="seconds"), "staff_id": r.staff_id,
         "staff_name": r.staff_name, "action": r.action, "entity": r.entity, "entity_id": r.entity_id,
         "detail": r.detail, "citizen_ids": list(r.citizen_ids) if r.citizen_ids is not None else None}
        for r in rows
    ]}  # fmt: skip
    lines = [
        f"{r.at:%Y-%m-%d %H:%M:%S}  {r.staff_name:<28} {r.action:<14} {r.entity} {r.entity_id}"
        f"{'  ' + r.detail if r.detail else ''}"
        for r in rows
    ] or ["Ingen rækker."]
    emit(args, payload, lines)
    return EXIT_OK


def _audit_report(args: argparse.Namespace) -> int:
    from oto_match.errors import ValidationError
    from oto_match.services.audit_log import citizen_report

    if not args.citizen:
        raise ValidationError.single("citizen_id", "--report kræver --citizen")
    report = citizen_report(open_db(args), cli_actor(), args.citizen, args.since, args.until)
    emit(args, {"citizen_id": report.citizen_id, "entries": report.entries, "lines": report.lines}, report.lines)
    return EXIT_OK
