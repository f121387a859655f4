"""``python -m castyou``: operator commands (users, seed, migrate, audit, backup, restore)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from castyou.db import session_scope
from castyou.i18n import t
from castyou.models.user import Role
from castyou.services import accounts, demo
from castyou.services.castars.reconcile import AuditReport
from castyou.services.errors import CasTyouError
from castyou.settings import get_settings


def _create_user(args: argparse.Namespace) -> int:
    password = os.environ.get("CASTYOU_PASSWORD") or getpass.getpass("Password: ")
    local_part = args.email.split("@")[0]
    name = args.name or (local_part if len(local_part) >= 2 else args.email)
    try:
        with session_scope() as db:
            user = accounts.create_user(
                session=db,
                email=args.email,
                password=password,
                display_name=name,
                role=Role(args.role.upper()),
            )
    except CasTyouError as error:
        print(f"error: {t(error.code, 'en', **error.params)}", file=sys.stderr)
        return 1
    print(json.dumps({"id": user.id, "email": user.email, "role": user.role}))
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    with session_scope() as db:
        if args.if_empty and not demo.database_is_empty(session=db):
            print("Database already has data: demo seed skipped.")
            return 0
        lines = demo.seed_demo(session=db)
    print("Demo data ready:")
    for line in lines:
        print(f"  {line}")
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from castyou.migrations import upgrade_to_head

    upgrade_to_head()
    print("Database schema is up to date.")
    return 0


def _audit(_args: argparse.Namespace) -> int:
    from castyou.services.castars.reconcile import run_audit

    with session_scope() as db:
        report = run_audit(session=db)
    _print_audit(report)
    return 0 if report.clean else 1


def _print_audit(report: AuditReport) -> None:
    print(
        f"Ledger audit: {report.wallets} wallets, {report.entries} entries, "
        f"{report.users} users, {report.mismatch_count} mismatches"
    )
    for item in report.mismatches:
        print(f"  user {item.user_id} [{item.kind}] {item.detail}")
    if report.mismatch_count > len(report.mismatches):
        print(f"  ... and {report.mismatch_count - len(report.mismatches)} more")


def _backup(args: argparse.Namespace) -> int:
    from castyou import backup

    try:
        if args.command == "backup":
            result = backup.backup(get_settings().database_url, Path(args.path))
        else:
            result = backup.restore(get_settings().database_url, Path(args.path), force=args.force)
    except backup.BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    verb = "Backed up to" if args.command == "backup" else "Restored into"
    print(f"{verb} {result.path} ({result.bytes} bytes).")
    _print_audit(result.audit)
    return 0 if result.audit.clean else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m castyou", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create-user", help="create an account (any role)")
    create.add_argument("email")
    create.add_argument("--role", required=True, choices=["talent", "producer", "admin"])
    create.add_argument("--name")
    create.set_defaults(func=_create_user)

    seed = commands.add_parser("seed-demo", help="idempotent demo data")
    seed.add_argument("--if-empty", action="store_true", help="only seed an empty database")
    seed.set_defaults(func=_seed_demo)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(func=_migrate)

    audit = commands.add_parser("audit", help="check every CasTars wallet against its ledger")
    audit.set_defaults(func=_audit)

    save = commands.add_parser("backup", help="online copy of the SQLite database, audited")
    save.add_argument("path", help="a new file to write")
    save.set_defaults(func=_backup)

    load = commands.add_parser("restore", help="replace the SQLite database with a backup")
    load.add_argument("path", help="a file written by `backup` (stop the app first)")
    load.add_argument("--force", action="store_true", help="restore even if its audit fails")
    load.set_defaults(func=_backup)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
