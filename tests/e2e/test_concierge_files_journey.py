"""Journey: a requester attaches two files, the team sees thumbnails and fulfils with a file,
and the requester's opted-in e-mail lands in the development outbox."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect
from sqlmodel import select

from castyou.db import make_engine, session_scope
from castyou.models.user import User
from castyou.services.castars import ledger
from castyou.services.demo import DEMO_PASSWORD
from tests import file_samples
from tests.e2e.helpers import log_in, sign_up, toast, unique_email, wait_ready

WAIT = {"timeout": 20_000}
NEED = "Need a mime artist for a silent film teaser"


def _grant(app_env: dict[str, str], email: str, stars: int) -> None:
    engine = make_engine(app_env["DATABASE_URL"])
    try:
        with session_scope(engine) as db:
            user = db.exec(select(User).where(User.email == email)).one()
            assert user.id is not None
            ledger.grant_stars(
                session=db, user_id=user.id, amount=stars, reason="e2e", key=f"e2e-files:{email}"
            )
    finally:
        engine.dispose()


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    photo, script, shortlist = (
        tmp_path / "headshot.jpg",
        tmp_path / "script.pdf",
        tmp_path / "shortlist.pdf",
    )
    photo.write_bytes(file_samples.jpeg_with_exif((120, 90)))
    script.write_bytes(file_samples.pdf_minimal())
    shortlist.write_bytes(file_samples.pdf_minimal())
    return photo, script, shortlist


def test_files_thumbnails_fulfilment_file_and_email(
    browser: Browser, base_url: str, app_env: dict[str, str], tmp_path: Path
) -> None:
    photo, script, shortlist = _files(tmp_path)
    talent = browser.new_context().new_page()
    email = unique_email("files")
    sign_up(talent, base_url, email=email, name="Mona Mime")
    talent.goto(f"{base_url}/settings")
    wait_ready(talent)
    talent.check("#pref-concierge_updates")
    talent.click("#settings-save")
    toast(talent, "E-mail settings saved.")
    _grant(app_env, email, 6_000)
    talent.goto(f"{base_url}/concierge")
    wait_ready(talent)
    expect(talent.locator("#concierge-balance")).to_contain_text("6,000", **WAIT)
    talent.click("#tier-BASIC")
    talent.fill("#description", NEED)
    talent.click("#concierge-submit")
    card = talent.locator("#my-requests > *").first
    expect(card).to_contain_text(NEED, **WAIT)
    card.locator(".thread-toggle").click()
    talent.locator("#concierge-files input[type=file]").set_input_files([str(photo), str(script)])
    talent.click("#files-upload")
    toast(talent, "2 file(s) attached.")
    expect(talent.locator("#request-files .file-tile")).to_have_count(2, **WAIT)

    admin = browser.new_context().new_page()
    log_in(admin, base_url, email="admin@demo.castyou.test", password=DEMO_PASSWORD)
    admin.goto(f"{base_url}/admin/concierge")
    wait_ready(admin)
    row = admin.locator("[id^=queue-row-]", has_text=NEED).first
    expect(row).to_be_visible(**WAIT)
    row.locator("[id^=open-]").first.click()
    thumb = admin.locator("#request-files img.file-thumb")
    expect(thumb).to_have_count(1, **WAIT)
    admin.wait_for_function(
        "() => document.querySelector('#request-files img.file-thumb').naturalWidth > 0"
    )
    admin.locator("#concierge-files input[type=file]").set_input_files([str(shortlist)])
    admin.click("#files-upload")
    toast(admin, "1 file(s) attached.")
    expect(admin.locator("#request-files .file-tile")).to_have_count(3, **WAIT)
    admin.click("#fulfil-open")
    admin.click("#fulfil-submit")
    expect(admin.locator("#detail-status")).to_have_text("Fulfilled", **WAIT)

    expect(card.locator(".request-status")).to_have_text("Fulfilled", **WAIT)
    expect(talent.locator("#request-files")).to_contain_text("Files from the team", **WAIT)

    admin.goto(f"{base_url}/admin/castars")
    wait_ready(admin)
    admin.click("#tab-outbox")
    mail = admin.locator(".outbox-row", has_text=email).first
    expect(mail).to_contain_text("is fulfilled", **WAIT)
