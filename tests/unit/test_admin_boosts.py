"""Admin boosts: list what is in effect, revoke (the effect ends at once), stats by type."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.models.admin import AdminAction
from castyou.models.user import Role
from castyou.services.admin import boosts, stats
from castyou.services.errors import InvalidInput, NotFound
from castyou.services.store import activations
from castyou.services.store.features import Feature
from tests.casting_factories import make_talent
from tests.factories import fund, make_user


def _boost(db, talent, times: int = 1) -> None:
    for _ in range(times):
        activations.spend_on_feature(
            session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
        )


def test_list_by_type_and_user(db):
    admin = make_user(db, Role.ADMIN)
    first, second = make_talent(db), make_talent(db)
    for talent in (first, second):
        fund(db, talent, 400)
        _boost(db, talent)
    rows = boosts.list_active_boosts(session=db, actor_id=admin.id)
    assert {row.user_id for row in rows} == {first.id, second.id}
    mine = boosts.list_active_boosts(
        session=db, actor_id=admin.id, feature="PROFILE_BOOST", user_id=first.id
    )
    assert [(row.user_id, row.feature) for row in mine] == [(first.id, "PROFILE_BOOST")]
    assert boosts.list_active_boosts(session=db, actor_id=admin.id, feature="FEATURED_JOB") == []
    with pytest.raises(InvalidInput):
        boosts.list_active_boosts(session=db, actor_id=admin.id, feature="HACK")


def test_revoke_ends_the_effect_at_once_including_queued_segments(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_talent(db)
    fund(db, talent, 400)
    _boost(db, talent, times=2)
    assert stats.active_boosts_by_type(session=db, actor_id=admin.id) == {"PROFILE_BOOST": 1}
    [row] = boosts.list_active_boosts(session=db, actor_id=admin.id)
    revoked = boosts.revoke_boost(session=db, actor_id=admin.id, activation_id=row.id)
    assert revoked == 2
    assert not activations.is_active(session=db, feature=Feature.PROFILE_BOOST, target_id=talent.id)
    assert boosts.list_active_boosts(session=db, actor_id=admin.id) == []
    assert stats.active_boosts_by_type(session=db, actor_id=admin.id) == {}
    [action] = db.exec(select(AdminAction).where(AdminAction.action == "boost.revoked")).all()
    assert action.before["feature"] == "PROFILE_BOOST" and action.after == {"revoked_segments": 2}
    with pytest.raises(NotFound):
        boosts.revoke_boost(session=db, actor_id=admin.id, activation_id=9999)
