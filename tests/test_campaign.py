"""The campaign: four phases chained, the end of one carried into the next."""

from __future__ import annotations

import itertools

import pytest

from game.engine import rules
from game.engine.calendar import season_of
from game.engine.campaign import carry
from game.engine.start import new_state
from game.scenario.load import load_scenario
from game.sim.run import play_game


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("campaign")


def test_the_campaign_chains_the_four_phases(campaign):
    phases = [campaign, *campaign.later]
    assert [p.phase_title for p in phases] == [
        "The Triumvirate",
        "Socialism in One Country",
        "The United Opposition",
        "The Right Deviation",
    ]
    assert campaign.start == season_of("1922-06") and phases[-1].end == season_of("1929-11")
    assert sum(p.turns for p in phases) == 30
    for a, b in itertools.pairwise(phases):
        assert b.start == a.end + 1


def test_standalone_phases_and_the_campaign_share_their_events(campaign):
    one_country = load_scenario("one_country")
    assert campaign.later[0].events is one_country.events


def test_a_campaign_game_plays_through_every_phase(campaign):
    g = play_game(campaign, 2)
    st = g.state
    out = g.outcome()
    assert out is not None and out.ending in {e.id for e in campaign.later[-1].endings}
    phase_heads = [e.headline for e in st.chronicle if e.kind == "phase"]
    if out.season == campaign.later[-1].end:
        assert phase_heads == ["SOCIALISM IN ONE COUNTRY", "THE UNITED OPPOSITION", "THE RIGHT DEVIATION"]
        assert st.sc is campaign.later[-1]
    assert g.root is campaign


def test_trotsky_keeps_the_war_commissariat_into_1926():
    """The 1926 phase of a game in which Trotsky kept the War Commissariat starts with him holding it."""
    p2, p3 = load_scenario("one_country"), load_scenario("united_opposition")
    end = new_state(p2, 1)
    end.season = p2.end
    rules.assign_post(end, p2.post_index["war_commissar"], p2.leader_index["trotsky"])
    start = carry(end, p3)
    assert start.holders[p3.post_index["war_commissar"]] == p3.leader_index["trotsky"]
    fresh = new_state(p3, 1)
    assert fresh.holders[p3.post_index["war_commissar"]] != p3.leader_index["trotsky"]


def test_carry_over_keeps_what_the_earlier_phase_decided():
    p1, p2 = load_scenario("triumvirate"), load_scenario("one_country")
    end = new_state(p1, 3)
    end.season = p1.end
    s, t = p1.faction_index["stalin"], p1.faction_index["trotsky"]
    end.condemned[t] = 0
    end.res[s] = [17, 3, 9]
    end.unity = 33.0
    end.flags.add("testament_written")
    rules.set_status(end, p1.leader_index["kamenev"], "expelled")
    r = p1.region_index["ukraine"]
    end.pool_patron[end.region_slice(r)] = s
    start = carry(end, p2)
    assert start.season == p2.start
    assert start.condemned[p2.faction_index["trotsky"]] == 0  # phase 2's own start says 1
    assert start.res[p2.faction_index["stalin"]] == [17, 3, 9]
    assert start.unity == 33.0 and "testament_written" in start.flags
    assert start.status[p2.leader_index["kamenev"]] == "expelled"
    assert start.region_share(p2.region_index["ukraine"], p2.faction_index["stalin"]) == 1.0
    assert "kirov" in p2.leader_index  # people new to the phase come from its own definitions
    assert start.status[p2.leader_index["kirov"]] == new_state(p2, 3).status[p2.leader_index["kirov"]]


def test_a_variant_of_a_phase_applies_to_the_campaign():
    sc = load_scenario("campaign", "testament_acted_on")
    assert sc.variant == "testament_acted_on"
    assert "shield_stalin" not in {o.id for e in sc.events if e.id == "testament_read" for o in e.options}
    assert sc.later[0].id == "one_country"


def test_calibration_report_has_its_structure():
    from game.sim.calibrate import calibrate, render

    report = calibrate(runs=2, seed=5, workers=1)
    assert set(report["targets"]) == {
        "historical_ending_at_least_70pct",
        "milestones_within_one_season",
        "every_variant_moves_10_points",
        "every_faction_wins_sometimes",
    }
    assert {m["id"] for m in report["milestones"]} == {
        "trotsky_war",
        "zinoviev_leningrad",
        "trotsky_politburo",
        "trotsky_expelled",
        "trotsky_exiled",
        "bukharin_politburo",
    }
    assert set(report["phases"]) == {"triumvirate", "one_country", "united_opposition", "right_deviation"}
    assert len(report["variants"]) >= 6
    assert [v["meeting"] for v in report["key_votes"]] == ["congress_13", "congress_14", "congress_15"]
    assert [m["meeting"] for m in report["membership"]][:2] == ["congress_12", "congress_13"]
    text = render(report)
    for heading in (
        "## Targets",
        "## Campaign endings",
        "## Milestones",
        "## Key votes",
        "## Party membership",
        "## Counterfactual variants",
        "## With other personalities",
    ):
        assert heading in text
