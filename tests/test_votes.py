"""The explained vote: tallies add up, whips and views move votes, the why is reported."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import cadres, rules
from game.engine.start import new_state
from game.engine.state import Motion
from game.engine.votes import explain, resolve, shares


@pytest.fixture
def st(sc):
    return new_state(sc, 5)


def rng(n=1):
    return np.random.Generator(np.random.PCG64(n))


def test_congress_delegates_follow_membership(sc, st):
    a = cadres.convene(st, 408, rng())
    assert len(a.patron) == 408
    counts = np.bincount(a.group, minlength=len(sc.regions))
    assert list(counts) == cadres.apportion(408, st.members)


def test_tally_adds_up_to_the_body_and_groups(sc, st):
    st.factionalism[1] = 1.0
    a = cadres.convene(st, 748, rng())
    r = resolve(a, rules.stance(st, Motion("condemn", 0, 1)), rng(2))
    overall, groups = explain(a, r)
    yes, no = int(r.yes.sum()), int(r.no.sum())
    assert yes + no + (748 - yes - no) == 748
    assert sum(g[1] for g in groups) == yes and sum(g[2] for g in groups) == no
    assert sum(g[1] + g[2] + g[3] for g in groups) == 748
    assert set(overall) == {"loyalty", "views", "unity", "standing", "chance"}
    assert sum(shares(overall).values()) == pytest.approx(1, abs=0.01)


def test_a_factional_act_turns_the_party_against_the_faction(sc, st):
    m = Motion("condemn", sc.faction_index["stalin"], sc.faction_index["trotsky"])
    a = cadres.sitting(st, "plenum")
    calm = resolve(a, rules.stance(st, m), rng(3))
    st.factionalism[sc.faction_index["trotsky"]] = 2.0
    heated = resolve(a, rules.stance(st, m), rng(3))
    assert heated.yes.sum() > calm.yes.sum()


def test_whips_follow_proposer_target_pledges_and_alliances(sc, st):
    s, t, z, b = (sc.faction_index[x] for x in ("stalin", "trotsky", "zinoviev", "bukharin"))
    m = Motion("condemn", s, t)
    w = rules.whip_list(st, m)
    assert w[s] == 1 and w[t] == -1 and w[z] == 1  # Zinoviev is Stalin's ally
    st.pledges[b] = t
    assert rules.whip_list(st, m)[b] == -1


def test_loyal_clients_vote_with_their_patron(sc, st):
    s, t = sc.faction_index["stalin"], sc.faction_index["trotsky"]
    st.factionalism[t] = 1.0
    a = cadres.sitting(st, "plenum")
    r = resolve(a, rules.stance(st, Motion("condemn", s, t)), rng(4))
    stalin_seats = a.patron == s
    trotsky_seats = a.patron == t
    assert r.yes[stalin_seats].mean() > 0.8
    assert r.no[trotsky_seats].mean() > 0.6


def test_lenins_authority_adds_weight(sc, st):
    m = Motion("remove", sc.faction_index["zinoviev"], sc.post_index["general_secretary"])
    a = cadres.sitting(st, "plenum")
    plain = resolve(a, rules.stance(st, m), rng(5))
    m.authority = 0.6
    heavy = resolve(a, rules.stance(st, m), rng(5))
    assert heavy.yes.sum() > plain.yes.sum()


def test_expulsion_needs_two_thirds(sc, st):
    m = Motion("expel", sc.faction_index["stalin"], sc.leader_index["trotsky"])
    assert rules.stance(st, m).threshold == pytest.approx(2 / 3)


def test_a_meeting_records_its_votes_and_the_congress_elects(sc, st):
    t = sc.faction_index["trotsky"]
    st.factionalism[t] = 2.0
    rules.table(st, Motion("condemn", sc.faction_index["stalin"], t))
    congress = next(m for m in sc.meetings if m.id == "congress_12")
    rules.hold_meeting(st, congress)
    [tally] = st.tallies
    assert tally.yes + tally.no + tally.abstain == 408
    assert tally.passed and st.condemned[t] == 1
    assert len(st.cc_patron) == 40 and len(st.ccc_patron) == 50
    assert len(st.politburo) >= 7


def test_votes_are_reproducible_from_the_seed(sc):
    out = []
    for _ in range(2):
        st = new_state(sc, 9)
        st.factionalism[1] = 1.0
        rules.table(st, Motion("condemn", 0, 1))
        rules.hold_meeting(st, sc.meetings[0])
        out.append((st.tallies[0].yes, st.tallies[0].no))
    assert out[0] == out[1]
