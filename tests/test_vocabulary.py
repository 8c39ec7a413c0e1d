"""Every condition and effect of the scenario format does what its docstring says."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from game.engine import conditions as C
from game.engine import effects as E
from game.engine.defs import POOL
from game.engine.start import new_state
from game.scenario import format as fm
from game.scenario.compile import _cond, _effect


@pytest.fixture
def st(sc):
    return new_state(sc, 3)


def i(sc, kind, name):
    return getattr(sc, f"{kind}_index")[name]


# ------------------------------------------------------------------ effects
def test_add_and_set_stay_in_range(sc, st):
    lead = i(sc, "leader", "stalin")
    E.add(sc, "leader.stalin.prestige", 100)(st)
    assert st.prestige[lead] == 100
    E.set_stat(sc, "unity", -5)(st)
    assert st.unity == 0
    E.add(sc, "faction.trotsky.votes", 50)(st)
    assert st.res[i(sc, "faction", "trotsky")][2] == 12
    E.add(sc, "counter.lenin_distrust", 2)(st)
    assert st.counters["lenin_distrust"] == 2


def test_flags(sc, st):
    E.set_flag("x")(st)
    assert C.flag("x")(st)
    E.clear_flag("x")(st)
    assert not C.flag("x")(st)


def test_posts(sc, st):
    E.assign_post(sc, "war_commissar", "frunze")(st)
    assert C.holds_post(sc, "war_commissar", leader="frunze")(st)
    E.vacate_post(sc, "general_secretary")(st)
    assert C.holds_post(sc, "general_secretary", leader="rudzutak")(st)  # the first successor
    assert st.history[-1] == (st.season, "post", "general_secretary", "rudzutak")


def test_status_outside_the_party_costs_posts_and_seats(sc, st):
    E.set_status(sc, "trotsky", "expelled")(st)
    tr = i(sc, "leader", "trotsky")
    assert st.holders[i(sc, "post", "war_commissar")] == i(sc, "leader", "frunze")
    assert tr not in st.politburo and tr in st.cc_out
    assert C.status_is(sc, "trotsky", ["expelled"])(st)
    assert not C.member_of(sc, "trotsky", "central_committee")(st)


def test_bodies(sc, st):
    E.join_body(sc, "kuibyshev", "candidates")(st)
    assert C.member_of(sc, "kuibyshev", "candidates")(st)
    E.join_body(sc, "kuibyshev", "politburo")(st)
    assert C.member_of(sc, "kuibyshev", "politburo")(st)
    E.leave_body(sc, "kuibyshev", "central_committee")(st)
    assert not C.member_of(sc, "kuibyshev", "politburo")(st)
    assert not C.member_of(sc, "kuibyshev", "central_committee")(st)


def test_demotion_to_candidate(sc, st):
    E.join_body(sc, "kamenev", "candidates")(st)
    k = i(sc, "leader", "kamenev")
    assert k not in st.politburo and k in st.candidates
    assert st.history[-1][1:] == ("politburo", "kamenev", "candidate")


def test_motion_pending(sc, st):
    cond = C.motion_pending(sc, "remove", "war_commissar")
    assert not cond(st)
    E.table_motion(sc, "remove", "war_commissar", proposer="zinoviev")(st)
    assert cond(st) and C.motion_pending(sc, "remove")(st)
    assert not C.motion_pending(sc, "remove", "general_secretary")(st)


def test_change_faction(sc, st):
    E.change_faction(sc, "frunze", "zinoviev")(st)
    assert st.lfaction[i(sc, "leader", "frunze")] == i(sc, "faction", "zinoviev")


def test_shift_control(sc, st):
    r, s = i(sc, "region", "leningrad"), i(sc, "faction", "stalin")
    before = st.region_share(r, s)
    E.shift_control(sc, "leningrad", "stalin", 0.25, "zinoviev")(st)
    assert st.region_share(r, s) == pytest.approx(before + round(POOL * 0.25) / POOL)


def test_shift_seats(sc, st):
    s, b = i(sc, "faction", "stalin"), i(sc, "faction", "bukharin")
    before_s, before_b = st.cc_share(s), st.cc_share(b)
    E.shift_seats(sc, "central_committee", "bukharin", 0.1, "stalin")(st)
    moved = round(len(st.cc_patron) * 0.1) / len(st.cc_patron)
    assert st.cc_share(s) == pytest.approx(before_s - moved)
    assert st.cc_share(b) == pytest.approx(before_b + moved)


def test_shift_loyalty_and_opinion(sc, st):
    f, r = i(sc, "faction", "trotsky"), i(sc, "region", "red_army")
    sl = st.region_slice(r)
    mine = st.pool_patron[sl] == f
    before = float(st.pool_loyalty[sl][mine].mean())
    E.shift_loyalty(sc, "trotsky", 0.1, "red_army")(st)
    assert float(st.pool_loyalty[sl][mine].mean()) > before
    a = i(sc, "axis", "revolution")
    mean = st.mean_opinion(a)
    E.shift_opinion(sc, "revolution", 0.2)(st)
    assert st.mean_opinion(a) > mean


def test_shift_ideology(sc, st):
    E.shift_ideology(sc, "stalin", "economy", 0.8)(st)
    assert st.ideology[i(sc, "faction", "stalin")][i(sc, "axis", "economy")] == 0.8


def test_enrol_follows_the_post_holder(sc, st):
    total = sum(st.members)
    E.enrol(sc, 241600, post="general_secretary")(st)
    assert sum(st.members) == total + 241600
    assert st.delegate_share(i(sc, "faction", "stalin")) > 0.35


def test_table_motion_and_condemn(sc, st):
    E.table_motion(sc, "condemn", "trotsky", proposer="stalin", authority=0.2)(st)
    [m] = st.motions
    assert (m.kind, m.target, m.proposer, m.authority) == ("condemn", 1, 0, 0.2)
    E.condemn(sc, "trotsky")(st)
    assert C.condemned(sc, "trotsky")(st)
    assert st.status[i(sc, "leader", "trotsky")] == "condemned"


def test_alliances_and_factional_acts(sc, st):
    E.ally(sc, "trotsky", "bukharin")(st)
    assert C.allied(sc, "bukharin", "trotsky")(st)
    E.break_alliance(sc, "bukharin", "trotsky")(st)
    assert not C.allied(sc, "bukharin", "trotsky")(st)
    unity = st.unity
    E.factional_act(sc, "trotsky", 2)(st)
    assert st.unity == unity - 10 and st.factionalism[i(sc, "faction", "trotsky")] == 2


def test_trigger_if_chronicle_end(sc, st):
    E.trigger_event(sc, "lenin_dies")(st)
    assert st.queue == [i(sc, "event", "lenin_dies")]
    E.if_(C.flag("nope"), E.set_flag("then"), E.set_flag("else"))(st)
    assert "else" in st.flags and "then" not in st.flags
    E.chronicle("HEADLINE", "detail")(st)
    assert st.chronicle[-1].headline == "HEADLINE"
    E.end_game(sc, "party_split")(st)
    assert sc.endings[st.ending].id == "party_split"


# --------------------------------------------------------------- conditions
def test_logic_and_comparisons(sc, st):
    yes, no = C.flag("a"), C.flag("b")
    st.flags.add("a")
    assert C.all_of([yes, C.not_(no)])(st)
    assert C.any_of([no, yes])(st)
    assert not C.all_of([yes, no])(st)
    assert C.stat(sc, "leader.trotsky.prestige", {"gte": 75, "lt": 76})(st)
    assert C.share(sc, "central_committee", "stalin", {"gte": 0.29, "lte": 0.31})(st)
    assert C.share(sc, "politburo", "bukharin", {"gt": 0.2})(st)  # Rykov and Tomsky of seven
    assert C.date("1922-06", "1922-08")(st) and not C.date("1923-01", None)(st)


def test_events_and_choices(sc, st):
    assert not C.event_fired(sc, "funeral")(st)
    st.fired["funeral"] = st.season
    st.chosen["funeral"] = "go_on"
    assert C.event_fired(sc, "funeral")(st)
    assert C.chose(sc, "funeral", "go_on")(st)


def test_every_condition_renders_in_words(sc):
    cond = C.all_of([C.holds_post(sc, "general_secretary", faction="stalin"), C.condemned(sc, "trotsky")])
    assert cond.text == "Stalin's camp holds General Secretary and Trotsky has been condemned"


# ------------------------------------------- format ↔ compiler completeness
CONDITION_SAMPLES = {
    "all": {"all": [{"flag": "a"}]},
    "any": {"any": [{"flag": "a"}]},
    "not": {"not": {"flag": "a"}},
    "flag": {"flag": "a"},
    "event_fired": {"event_fired": "funeral"},
    "chose": {"chose": {"event": "funeral", "option": "go_on"}},
    "holds_post": {"holds_post": {"post": "general_secretary", "leader": "stalin"}},
    "member_of": {"member_of": {"leader": "stalin", "body": "politburo"}},
    "status": {"status": {"leader": "lenin", "is": ["ill", "dead"]}},
    "condemned": {"condemned": "trotsky"},
    "allied": {"allied": ["stalin", "zinoviev"]},
    "stat": {"stat": {"path": "unity", "gte": 10}},
    "share": {"share": {"body": "delegates", "faction": "stalin", "gt": 0}},
    "date": {"date": {"from": "1922-06"}},
    "motion_pending": {"motion_pending": {"kind": "remove", "target": "war_commissar"}},
}
EFFECT_SAMPLES = {
    "add": {"add": {"path": "unity", "amount": 1}},
    "set": {"set": {"path": "unity", "value": 50}},
    "set_flag": {"set_flag": "a"},
    "clear_flag": {"clear_flag": "a"},
    "assign_post": {"assign_post": {"post": "ccc_chair", "leader": "kuibyshev"}},
    "vacate_post": {"vacate_post": "ccc_chair"},
    "set_status": {"set_status": {"leader": "lenin", "status": "dead"}},
    "join_body": {"join_body": {"leader": "frunze", "body": "candidates"}},
    "leave_body": {"leave_body": {"leader": "frunze", "body": "politburo"}},
    "change_faction": {"change_faction": {"leader": "frunze", "faction": None}},
    "shift_control": {"shift_control": {"to": "stalin", "share": 0.1}},
    "shift_seats": {
        "shift_seats": {"body": "central_committee", "to": "bukharin", "share": 0.1, "from": "stalin"}
    },
    "shift_loyalty": {"shift_loyalty": {"faction": "stalin", "amount": 0.1}},
    "shift_opinion": {"shift_opinion": {"axis": "economy", "amount": 0.1}},
    "shift_ideology": {"shift_ideology": {"faction": "stalin", "axis": "economy", "to": 0.5}},
    "enrol": {"enrol": {"members": 1000, "faction": "stalin"}},
    "table_motion": {"table_motion": {"kind": "line", "target": "economy", "position": 0.5}},
    "condemn": {"condemn": "trotsky"},
    "ally": {"ally": ["trotsky", "bukharin"]},
    "break_alliance": {"break_alliance": ["stalin", "zinoviev"]},
    "factional_act": {"factional_act": {"faction": "trotsky"}},
    "trigger_event": {"trigger_event": "funeral"},
    "if": {"if": {"cond": [{"flag": "a"}], "then": [{"set_flag": "b"}], "else": [{"set_flag": "c"}]}},
    "chronicle": {"chronicle": {"headline": "H"}},
    "end_game": {"end_game": "party_split"},
}


def test_every_operator_of_the_format_compiles_and_runs(sc, st):
    assert set(CONDITION_SAMPLES) == set(fm.CONDITION_OPS)
    assert set(EFFECT_SAMPLES) == set(fm.EFFECT_OPS)
    st.flags.add("a")
    for sample in CONDITION_SAMPLES.values():
        cond = _cond(sc, TypeAdapter(fm.Condition).validate_python(sample))
        assert isinstance(cond(st), bool) and cond.text
    for sample in EFFECT_SAMPLES.values():
        eff = _effect(sc, TypeAdapter(fm.Effect).validate_python(sample))
        eff(st)
        assert eff.text
