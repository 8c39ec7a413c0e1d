"""Turn a checked scenario model into the engine's immutable definitions."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from typing import Any

from game.engine import conditions as C
from game.engine import effects as E
from game.engine.calendar import season_of
from game.engine.defs import (
    ALWAYS,
    CURRENCIES,
    AxisDef,
    Condition,
    Effect,
    EndingDef,
    EventDef,
    FactionDef,
    FactionProfile,
    LeaderDef,
    MeetingDef,
    OptionDef,
    PostDef,
    ProfileDef,
    RegionDef,
    Scenario,
    SourceDef,
)
from game.scenario import format as fm


def content_hash(data: Any, variant: fm.Variant | None) -> str:
    """A stable hash of a scenario's merged content (and its variant header)."""
    head = variant.model_dump() if variant else None
    blob = json.dumps([data, head], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def compile_scenario(m: fm.Scenario, variant: fm.Variant | None, digest: str) -> Scenario:
    """Build the engine scenario from a validated model."""
    axes = tuple(AxisDef(a.id, a.name, a.low, a.high) for a in m.axes)
    axis_ids = [a.id for a in m.axes]
    fidx = {f.id: i for i, f in enumerate(m.factions)}
    lidx = {x.id: i for i, x in enumerate(m.leaders)}
    ridx = {r.id: i for i, r in enumerate(m.regions)}

    def vec(d: dict[str, float]) -> tuple[float, ...]:
        return tuple(float(d.get(a, 0.0)) for a in axis_ids)

    def shares(d: dict[str, float]) -> tuple[float, ...]:
        return tuple(float(d.get(f.id, 0.0)) for f in m.factions)

    factions = tuple(
        FactionDef(
            f.id,
            f.name,
            f.leader,
            f.colour,
            f.glyph,
            vec(f.ideology),
            (f.resources.patronage, f.resources.propaganda, f.resources.votes),
            f.blurb,
            f.condemned,
        )
        for f in m.factions
    )
    leaders = tuple(
        LeaderDef(
            x.id,
            x.name,
            fidx[x.faction] if x.faction else -1,
            float(x.prestige),
            float(x.credentials),
            float(x.health),
            x.status,
            "" if x.politburo == "none" else x.politburo,
            x.bio,
            x.in_cc,
        )
        for x in m.leaders
    )
    posts = tuple(
        PostDef(
            p.id,
            p.name,
            lidx[p.holder] if p.holder else -1,
            tuple(getattr(p.income, c) for c in CURRENCIES),
            frozenset(p.powers),
            tuple(ridx[r] for r in p.scope),
            p.value,
            tuple(lidx[s] for s in p.successors),
            p.description,
        )
        for p in m.posts
    )
    regions = tuple(
        RegionDef(r.id, r.name, r.members, shares(r.control), r.loyalty, vec(r.opinion), r.note)
        for r in m.regions
    )
    meetings = tuple(
        sorted(
            (
                MeetingDef(
                    x.id,
                    x.name,
                    season_of(x.date),
                    _month(x.date),
                    x.kind,
                    x.delegates,
                    x.cc_size,
                    x.ccc_size,
                    x.politburo_size,
                    x.text,
                    x.history,
                    x.source or "",
                )
                for x in m.meetings
            ),
            key=lambda md: (md.season, md.order),
        )
    )
    stub_events = tuple(
        EventDef(e.id, e.title, 0, 0, 0, "", "", ALWAYS, 1.0, -1, (), (), "", "", "") for e in m.events
    )
    stub_endings = tuple(EndingDef(x.id, x.title, -1, ALWAYS, False, "", "", False) for x in m.endings)
    initiative = tuple(fidx[f] for f in m.initiative) or tuple(range(len(m.factions)))
    tables = Scenario(
        id=m.id,
        title=m.title,
        summary=m.summary,
        variant=variant.id if variant else "",
        variant_title=variant.title if variant else "",
        variant_description=variant.description if variant else "",
        start=season_of(m.start),
        end=season_of(m.end),
        actions_per_turn=m.actions_per_turn,
        unity=float(m.unity),
        axes=axes,
        factions=factions,
        leaders=leaders,
        posts=posts,
        regions=regions,
        central_committee=shares(m.central_committee.shares),
        cc_size=m.central_committee.size,
        control_commission=shares(m.control_commission.shares),
        ccc_size=m.control_commission.size,
        meetings=meetings,
        events=stub_events,
        endings=stub_endings,
        profiles=(),
        sources=tuple(SourceDef(s.id, s.title, s.url) for s in m.sources),
        initiative=initiative,
        content_hash=digest,
        flags=frozenset(),
        phase=m.phase,
        counters=tuple(sorted((k, float(v)) for k, v in m.counters.items())),
        alliances=tuple(tuple(sorted((fidx[a], fidx[b]))) for a, b in m.alliances),  # type: ignore[misc]
    )
    events = tuple(_event(tables, e) for e in m.events)
    endings = tuple(_ending(tables, x) for x in m.endings)
    profiles = tuple(_profile(tables, p) for p in m.profiles)
    return dataclasses.replace(tables, events=events, endings=endings, profiles=profiles)


def _month(text: str) -> int:
    y, mo = text.split("-")
    return int(y) * 12 + int(mo)


def _event(sc: Scenario, e: fm.Event) -> EventDef:
    first = season_of(e.date) if e.date else sc.start
    last = season_of(e.until) if e.until else first
    if e.trigger_only and not e.date:
        last = sc.end
    options = tuple(
        OptionDef(
            o.id,
            o.text,
            o.historical,
            _conds(sc, o.available),
            tuple(_effect(sc, x) for x in o.effects),
            o.ai,
        )
        for o in e.options
    )
    return EventDef(
        id=e.id,
        title=e.title,
        first=first,
        last=last,
        order=_month(e.date) if e.date else 0,
        date=e.date or "",
        text=e.text,
        conditions=_conds(sc, e.conditions),
        chance=e.chance,
        chooser=sc.faction_index[e.chooser] if e.chooser else -1,
        effects=tuple(_effect(sc, x) for x in e.effects),
        options=options,
        history=e.history,
        source=e.source,
        contested=e.contested,
        quote=e.quote,
        document=e.document,
        trigger_only=e.trigger_only,
        after_meetings=e.timing == "after_meetings",
    )


def _ending(sc: Scenario, x: fm.Ending) -> EndingDef:
    winner = sc.faction_index[x.winner] if x.winner else -1
    return EndingDef(
        x.id, x.title, winner, _conds(sc, x.conditions), x.immediate, x.text, x.history, x.historical
    )


def _profile(sc: Scenario, p: fm.Profile) -> ProfileDef:
    out = []
    for f in sc.factions:
        fp = p.factions.get(f.id, fm.FactionProfile())
        hostility = tuple(fp.hostility.get(g.id, 0.0) for g in sc.factions)
        out.append(FactionProfile(dict(fp.weights), hostility, fp.history, fp.temperature))
    return ProfileDef(p.id, p.name, p.description, tuple(out))


def _conds(sc: Scenario, items: list[Any]) -> Condition:
    return C.all_of([_cond(sc, c) for c in items])


def _cond(sc: Scenario, c: Any) -> Condition:
    if isinstance(c, fm.AllC):
        return C.all_of([_cond(sc, x) for x in c.all])
    if isinstance(c, fm.AnyC):
        return C.any_of([_cond(sc, x) for x in c.any])
    if isinstance(c, fm.NotC):
        return C.not_(_cond(sc, c.not_))
    if isinstance(c, fm.FlagC):
        return C.flag(c.flag)
    if isinstance(c, fm.EventFiredC):
        return C.event_fired(sc, c.event_fired)
    if isinstance(c, fm.ChoseC):
        return C.chose(sc, c.chose.event, c.chose.option)
    if isinstance(c, fm.HoldsPostC):
        a = c.holds_post
        return C.holds_post(sc, a.post, a.leader, a.faction)
    if isinstance(c, fm.MemberOfC):
        return C.member_of(sc, c.member_of.leader, c.member_of.body)
    if isinstance(c, fm.StatusC):
        s = c.status.is_
        return C.status_is(sc, c.status.leader, [s] if isinstance(s, str) else s)
    if isinstance(c, fm.CondemnedC):
        return C.condemned(sc, c.condemned)
    if isinstance(c, fm.AlliedC):
        return C.allied(sc, c.allied[0], c.allied[1])
    if isinstance(c, fm.StatC):
        return C.stat(sc, c.stat.path, c.stat.tests())
    if isinstance(c, fm.ShareC):
        return C.share(sc, c.share.body, c.share.faction, c.share.tests())
    if isinstance(c, fm.DateC):
        return C.date(c.date.from_, c.date.until)
    if isinstance(c, fm.MotionPendingC):
        return C.motion_pending(sc, c.motion_pending.kind, c.motion_pending.target)
    raise TypeError(f"no compiler for condition {type(c).__name__}")


def _effects(sc: Scenario, items: list[Any]) -> Effect:
    return E.sequence([_effect(sc, x) for x in items])


def _effect(sc: Scenario, e: Any) -> Effect:
    if isinstance(e, fm.AddE):
        return E.add(sc, e.add.path, e.add.amount)
    if isinstance(e, fm.SetE):
        return E.set_stat(sc, e.set.path, e.set.value)
    if isinstance(e, fm.SetFlagE):
        return E.set_flag(e.set_flag)
    if isinstance(e, fm.ClearFlagE):
        return E.clear_flag(e.clear_flag)
    if isinstance(e, fm.AssignPostE):
        return E.assign_post(sc, e.assign_post.post, e.assign_post.leader)
    if isinstance(e, fm.VacatePostE):
        return E.vacate_post(sc, e.vacate_post)
    if isinstance(e, fm.SetStatusE):
        return E.set_status(sc, e.set_status.leader, e.set_status.status)
    if isinstance(e, fm.JoinBodyE):
        return E.join_body(sc, e.join_body.leader, e.join_body.body)
    if isinstance(e, fm.LeaveBodyE):
        return E.leave_body(sc, e.leave_body.leader, e.leave_body.body)
    if isinstance(e, fm.ChangeFactionE):
        return E.change_faction(sc, e.change_faction.leader, e.change_faction.faction)
    if isinstance(e, fm.ShiftControlE):
        a = e.shift_control
        return E.shift_control(sc, a.region, a.to, a.share, a.from_)
    if isinstance(e, fm.ShiftSeatsE):
        a2 = e.shift_seats
        return E.shift_seats(sc, a2.body, a2.to, a2.share, a2.from_)
    if isinstance(e, fm.ShiftLoyaltyE):
        b = e.shift_loyalty
        return E.shift_loyalty(sc, b.faction, b.amount, b.region)
    if isinstance(e, fm.ShiftOpinionE):
        o = e.shift_opinion
        return E.shift_opinion(sc, o.axis, o.amount, o.region)
    if isinstance(e, fm.ShiftIdeologyE):
        i = e.shift_ideology
        return E.shift_ideology(sc, i.faction, i.axis, i.to)
    if isinstance(e, fm.EnrolE):
        n = e.enrol
        return E.enrol(sc, n.members, n.faction, n.post, n.regions)
    if isinstance(e, fm.TableMotionE):
        t = e.table_motion
        return E.table_motion(sc, t.kind, t.target, t.proposer, t.authority, t.position, t.meeting or "")
    if isinstance(e, fm.CondemnE):
        return E.condemn(sc, e.condemn)
    if isinstance(e, fm.AllyE):
        return E.ally(sc, e.ally[0], e.ally[1])
    if isinstance(e, fm.BreakAllianceE):
        return E.break_alliance(sc, e.break_alliance[0], e.break_alliance[1])
    if isinstance(e, fm.FactionalActE):
        return E.factional_act(sc, e.factional_act.faction, e.factional_act.weight)
    if isinstance(e, fm.TriggerEventE):
        return E.trigger_event(sc, e.trigger_event)
    if isinstance(e, fm.IfE):
        return E.if_(_conds(sc, e.if_.cond), _effects(sc, e.if_.then), _effects(sc, e.if_.else_))
    if isinstance(e, fm.ChronicleE):
        return E.chronicle(e.chronicle.headline, e.chronicle.detail)
    if isinstance(e, fm.EndGameE):
        return E.end_game(sc, e.end_game)
    raise TypeError(f"no compiler for effect {type(e).__name__}")


_INDEXES = (
    "faction_index",
    "leader_index",
    "post_index",
    "region_index",
    "axis_index",
    "event_index",
    "ending_index",
)


def _copy(sc: Scenario, **changes: Any) -> Scenario:
    """A changed copy with its own id indexes (they are rebuilt, never shared)."""
    return dataclasses.replace(sc, **{k: {} for k in _INDEXES}, **changes)


class CampaignError(ValueError):
    """Phases that cannot be chained."""


def compile_campaign(
    m: fm.Campaign, phases: list[Scenario], variant: Scenario | None, digest: str
) -> Scenario:
    """Chain phases into one game; returns the first phase, carrying the rest in ``later``.

    The campaign's endings (compiled against the last phase) replace the last
    phase's own; earlier phases keep only their immediate endings.
    """
    for a, b in itertools.pairwise(phases):
        if b.start != a.end + 1:
            raise CampaignError(f"'{b.id}' must start the season after '{a.id}' ends")
        if [f.id for f in a.factions] != [f.id for f in b.factions]:
            raise CampaignError(f"'{a.id}' and '{b.id}' must have the same factions in the same order")
    final = phases[-1]
    endings = tuple(_ending(final, x) for x in m.endings)
    chain: list[Scenario] = []
    for k in range(len(phases) - 1, -1, -1):
        p = phases[k]
        own = tuple(e for e in p.endings if e.immediate)
        chain.insert(
            0,
            _copy(
                p,
                endings=own + (endings if k == len(phases) - 1 else ()),
                later=tuple(chain),
                campaign=m.title,
                phase_title=p.title,
            ),
        )
    first = chain[0]
    return _copy(
        first,
        id=m.id,
        title=m.title,
        summary=m.summary or first.summary,
        content_hash=digest,
        variant=variant.variant if variant else "",
        variant_title=variant.variant_title if variant else "",
        variant_description=variant.variant_description if variant else "",
        sources=first.sources + tuple(SourceDef(s.id, s.title, s.url) for s in m.sources),
    )
