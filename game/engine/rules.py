"""Rules shared by events, actions and meetings: posts, statuses, motions.

Every change to who holds what goes through these functions so that the
chronicle and the milestone history stay complete.
"""

from __future__ import annotations

import numpy as np

from game.engine import cadres
from game.engine.defs import OUTSIDE_PARTY, PATRONAGE, PROPAGANDA, VOTES, MeetingDef
from game.engine.state import Entry, Motion, State, Tally
from game.engine.votes import TERMS, Result, Stance, explain, resolve

CAP = (20, 20, 12)
PERSONAL = frozenset({"condemn", "remove", "drop", "expel_cc", "expel"})


def clamp(x: float, lo: float = 0.0, hi: float = 100.0) -> float:
    """Bound a stat to its range."""
    return lo if x < lo else hi if x > hi else x


def draw_rng(st: State) -> np.random.Generator:
    """A fresh generator for one random draw, derived from the game's seed.

    The counter lives in the state, so a replay reproduces every draw and an
    undo can never re-roll one.
    """
    st.draws += 1
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([st.seed, st.draws])))


def log(st: State, kind: str, headline: str, detail: str = "", faction: int = -1) -> None:
    """Add a chronicle entry."""
    st.chronicle.append(Entry(st.season, kind, headline, detail, faction))


def leader_name(st: State, leader: int) -> str:
    """Display name of a leader."""
    return st.sc.leaders[leader].name


# ------------------------------------------------------------------ posts
def assign_post(st: State, post: int, leader: int) -> None:
    """Give a post to a leader (taking it from its holder)."""
    if st.holders[post] == leader:
        return
    st.holders[post] = leader
    pid = st.sc.posts[post].id
    st.history.append((st.season, "post", pid, st.sc.leaders[leader].id if leader >= 0 else ""))


def vacate_post(st: State, post: int) -> int:
    """Remove a post's holder; the first eligible successor takes it (or it stays vacant)."""
    old = st.holders[post]
    eligible = ("active", "ill", "recanted")
    new = next((c for c in st.sc.posts[post].successors if c != old and st.status[c] in eligible), -1)
    st.holders[post] = new
    st.history.append((st.season, "post", st.sc.posts[post].id, st.sc.leaders[new].id if new >= 0 else ""))
    return new


def posts_of(st: State, leader: int) -> list[int]:
    """Posts a leader holds."""
    return [p for p, h in enumerate(st.holders) if h == leader]


# --------------------------------------------------------------- statuses
def set_status(st: State, leader: int, status: str) -> None:
    """Change a leader's status; leaving the party costs posts and seats."""
    if st.status[leader] == status:
        return
    st.status[leader] = status
    st.history.append((st.season, "status", st.sc.leaders[leader].id, status))
    if status in OUTSIDE_PARTY:
        for p in posts_of(st, leader):
            vacate_post(st, p)
        leave_politburo(st, leader)
        st.cc_out.add(leader)


def leave_politburo(st: State, leader: int) -> None:
    """Take a leader out of the Politburo (full or candidate)."""
    if leader in st.politburo:
        st.politburo.remove(leader)
        st.history.append((st.season, "politburo", st.sc.leaders[leader].id, "out"))
    if leader in st.candidates:
        st.candidates.remove(leader)


def join_politburo(st: State, leader: int, candidate: bool = False) -> None:
    """Seat a leader in the Politburo as full member or candidate."""
    if candidate:
        if leader in st.politburo:  # a demotion
            st.politburo.remove(leader)
            st.history.append((st.season, "politburo", st.sc.leaders[leader].id, "candidate"))
        if leader not in st.candidates:
            st.candidates.append(leader)
        return
    if leader in st.candidates:
        st.candidates.remove(leader)
    if leader not in st.politburo:
        st.politburo.append(leader)
        st.history.append((st.season, "politburo", st.sc.leaders[leader].id, "in"))


def condemn(st: State, faction: int) -> None:
    """The party condemns a faction's platform: its leader is marked condemned."""
    st.condemned[faction] += 1
    lead = st.sc.leader_of(faction)
    if st.status[lead] in ("active", "ill", "recanted"):
        set_status(st, lead, "condemned")
    st.prestige[lead] = clamp(st.prestige[lead] - 8)
    st.credentials[lead] = clamp(st.credentials[lead] - 5)
    st.factionalism[faction] = 0.0
    st.history.append((st.season, "condemned", st.sc.factions[faction].id, ""))


def factional_act(st: State, faction: int, weight: float) -> None:
    """An open factional act: it lowers unity and marks the actor (the 1921 ban)."""
    st.factionalism[faction] += weight
    st.unity = clamp(st.unity - 5.0 * weight)


def add_resource(st: State, faction: int, kind: int, amount: int) -> None:
    """Add (or spend, if negative) a currency, kept within its bounds."""
    st.res[faction][kind] = max(0, min(CAP[kind], st.res[faction][kind] + amount))


# ------------------------------------------------------------------ motions
def target_faction(st: State, m: Motion) -> int:
    """The faction a motion is aimed at (-1 for a policy line)."""
    if m.kind == "condemn":
        return m.target
    if m.kind == "remove":
        return st.holder_faction(m.target)
    if m.kind in ("drop", "expel_cc", "expel", "readmit"):
        return st.lfaction[m.target]
    return -1


def target_leader(st: State, m: Motion) -> int:
    """The leader a personal motion falls on (-1 if none)."""
    if m.kind == "condemn":
        return st.sc.leader_of(m.target)
    if m.kind == "remove":
        return st.holders[m.target]
    if m.kind in ("drop", "expel_cc", "expel", "readmit"):
        return m.target
    return -1


def motion_valid(st: State, m: Motion) -> bool:
    """Whether a tabled motion still makes sense when its meeting sits."""
    if m.kind == "condemn":
        return st.active(m.target)
    if m.kind == "remove":
        h = st.holders[m.target]
        return h >= 0 and (m.proposer < 0 or st.lfaction[h] != m.proposer)
    if m.kind == "drop":
        return m.target in st.politburo or m.target in st.candidates
    if m.kind == "expel_cc":
        return m.target not in st.cc_out and st.status[m.target] not in OUTSIDE_PARTY
    if m.kind == "expel":
        return st.status[m.target] not in OUTSIDE_PARTY
    if m.kind == "readmit":
        return st.status[m.target] in ("expelled", "exiled")
    return m.kind == "line"


def target_id(st: State, m: Motion) -> str:
    """The id of what a motion is aimed at (a faction, post, leader or axis)."""
    sc = st.sc
    if m.kind == "condemn":
        return sc.factions[m.target].id
    if m.kind == "remove":
        return sc.posts[m.target].id
    if m.kind == "line":
        return sc.axes[m.target].id
    return sc.leaders[m.target].id


def motion_text(st: State, m: Motion) -> str:
    """A motion in words."""
    sc = st.sc
    if m.kind == "condemn":
        return f"Condemn the platform of {sc.factions[m.target].name}"
    if m.kind == "remove":
        post = sc.posts[m.target]
        h = st.holders[m.target]
        who = leader_name(st, h) if h >= 0 else "its holder"
        return f"Remove {who} as {post.name}"
    if m.kind == "drop":
        return f"Drop {leader_name(st, m.target)} from the Politburo"
    if m.kind == "expel_cc":
        return f"Expel {leader_name(st, m.target)} from the Central Committee"
    if m.kind == "expel":
        return f"Expel {leader_name(st, m.target)} from the party"
    if m.kind == "readmit":
        return f"Readmit {leader_name(st, m.target)} to the party"
    axis = sc.axes[m.target]
    side = axis.high if m.value > 0 else axis.low
    return f"Adopt the line: {side}"


def standing(st: State, faction: int) -> float:
    """A faction leader's public weight: mean of prestige and credentials (0-100)."""
    if faction < 0:
        return 50.0
    lead = st.sc.leader_of(faction)
    return (st.prestige[lead] + st.credentials[lead]) / 2


def whip_list(st: State, m: Motion) -> list[float]:
    """How each faction instructs its clients to vote: +1 for, -1 against, 0 free.

    Proposer and target whip for themselves; pledges and alliances bind next;
    otherwise a faction follows its views and the ban on factions.
    """
    n_f = len(st.sc.factions)
    out = [0.0] * n_f
    p, t = m.proposer, target_faction(st, m)
    lead = st.sc.faction_leader
    for f in range(n_f):
        if st.status[lead[f]] in ("dead", "deported"):
            continue
        if f == p or (f == t and m.kind == "readmit"):
            w = 1.0
        elif f == t:
            w = -1.0
        elif p >= 0 and st.pledges.get(f) == p:
            w = 1.0
        elif (t >= 0 and st.pledges.get(f) == t) or (t >= 0 and st.allied(f, t)):
            w = -1.0
        elif p >= 0 and st.allied(f, p):
            w = 1.0
        elif m.kind == "line":
            d = abs(st.ideology[f][m.target] - m.value)
            w = 1.0 if d < 0.6 else -1.0 if d > 1.2 else 0.0
        elif m.kind == "readmit" or t < 0:
            w = 0.0
        else:
            a, b = st.ideology[f], st.ideology[t]
            far = sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)
            w = 1.0 if st.factionalism[t] > 0.5 or far > 0.9 else 0.0
        out[f] = w
    return out


def whips(st: State, m: Motion) -> np.ndarray:
    """The whips as an array with a trailing 0 for unattached voters."""
    return np.asarray([*whip_list(st, m), 0.0], dtype=np.float32)


def stance(st: State, m: Motion) -> Stance:
    """Reduce a motion to the numbers the vote formula needs."""
    t = target_faction(st, m)
    whip = whips(st, m)
    if m.kind == "line":
        lead = standing(st, m.proposer)
        return Stance(whip, m.target, m.value, None, 1.0, 0.0, 0.4 * (lead - 50) / 100 + m.authority)
    phi = st.factionalism[t] if t >= 0 else 0.0
    gap = (standing(st, m.proposer) - standing(st, t)) / 100
    against = np.asarray(st.ideology[t], np.float32) if t >= 0 else None
    if m.kind == "readmit":
        return Stance(whip, -1, 0.0, against, -1.0, 0.1 - phi * 0.2, -gap + m.authority)
    unity = 0.6 * phi / (1 + phi) - 0.25 * st.unity / 100
    if m.kind == "condemn":
        unity += 0.1
    threshold = 2 / 3 if m.kind in ("expel", "expel_cc") else 0.5
    return Stance(whip, -1, 0.0, against, 1.0, unity, 0.6 * gap + m.authority, threshold)


def table(st: State, m: Motion) -> None:
    """Put a motion on the agenda of the coming meeting."""
    st.motions.append(m)


def _apply_motion(st: State, m: Motion, passed: bool) -> None:
    sc = st.sc
    lead_p = sc.leader_of(m.proposer) if m.proposer >= 0 else -1
    victim = target_leader(st, m)
    if not passed:
        if lead_p >= 0:
            st.prestige[lead_p] = clamp(st.prestige[lead_p] - 3)
        if victim >= 0 and m.kind in PERSONAL:
            st.prestige[victim] = clamp(st.prestige[victim] + 2)
        return
    if lead_p >= 0:
        st.prestige[lead_p] = clamp(st.prestige[lead_p] + 2)
    if m.kind == "condemn":
        condemn(st, m.target)
    elif m.kind == "remove":
        st.prestige[victim] = clamp(st.prestige[victim] - 6)
        vacate_post(st, m.target)
    elif m.kind == "drop":
        st.prestige[victim] = clamp(st.prestige[victim] - 5)
        leave_politburo(st, m.target)
    elif m.kind == "expel_cc":
        st.prestige[victim] = clamp(st.prestige[victim] - 5)
        leave_politburo(st, m.target)
        st.cc_out.add(m.target)
        st.history.append((st.season, "cc", sc.leaders[m.target].id, "out"))
    elif m.kind == "expel":
        st.prestige[victim] = clamp(st.prestige[victim] - 10)
        set_status(st, m.target, "expelled")
    elif m.kind == "readmit":
        set_status(st, m.target, "recanted")  # back in the party, not in the Central Committee
    else:  # line
        axis = m.target
        for arr in (st.pool_opinion, st.cc_opinion, st.ccc_opinion):
            col = arr[:, axis]
            arr[:, axis] = col + np.clip(m.value - col, -0.12, 0.12)


def hold_meeting(st: State, md: MeetingDef) -> None:
    """Sit a meeting: vote its motions; a congress then elects the CC and Politburo."""
    rng = draw_rng(st)
    if md.kind in ("congress", "conference"):
        assembly = cadres.convene(st, md.delegates, rng)
        body = "congress" if md.kind == "congress" else "conference"
    else:
        assembly = cadres.sitting(st, md.kind)
        body = {"politburo": "politburo", "joint_plenum": "joint plenum"}.get(md.kind, "central committee")
    agenda = [m for m in st.motions if m.meeting in ("", md.id)]
    st.motions = [m for m in st.motions if m.meeting not in ("", md.id)]
    log(st, "meeting", md.name.upper() + " OPENS", md.text)
    for m in agenda:
        if not motion_valid(st, m):
            continue
        text = motion_text(st, m)
        s = stance(st, m)
        r = resolve(assembly, s, rng)
        if st.detail:
            overall, groups = explain(assembly, r)
        else:  # a batch game keeps the counts and the overall weights, not the breakdown
            overall, groups = dict(zip(TERMS, np.round(r.terms.mean(axis=1), 4).tolist(), strict=True)), []
        yes, no = int(r.yes.sum()), int(r.no.sum())
        abst = len(assembly.patron) - yes - no
        st.tallies.append(
            Tally(
                st.season,
                md.id,
                body,
                text,
                r.passed,
                yes,
                no,
                abst,
                overall,
                groups,
                m.kind,
                target_id(st, m),
            )
        )
        _feedback(st, assembly, r)
        _apply_motion(st, m, r.passed)
        verdict = "CARRIED" if r.passed else "DEFEATED"
        log(st, "vote", f"{md.name}: {text} — {verdict}", f"{yes} for, {no} against, {abst} abstaining")
    if md.kind == "congress":
        st.history.append((st.season, "members", md.id, str(sum(st.members))))
        _elections(st, md, assembly, rng)


def _feedback(st: State, a: cadres.Assembly, r: Result) -> None:
    """A bloc whipped against its own views loses some loyalty to its patron."""
    strained = (r.terms[0] * r.terms[1]) < -0.12
    if not strained.any():
        return
    if a.pool_index is not None:
        np.subtract.at(st.pool_loyalty, a.pool_index[strained], 0.01)
        np.clip(st.pool_loyalty, 0.0, 1.0, out=st.pool_loyalty)
    elif len(a.patron) == len(st.cc_patron):
        st.cc_loyalty[strained] = np.maximum(st.cc_loyalty[strained] - 0.03, 0.0)


def _elections(st: State, md: MeetingDef, assembly: cadres.Assembly, rng: np.random.Generator) -> None:
    sc = st.sc
    if md.cc_size:
        st.cc_patron, st.cc_loyalty, st.cc_opinion = cadres.elect_body(
            st, assembly, md.cc_size, st.slate, rng
        )
        shares = ", ".join(f"{f.name} {st.cc_share(i):.0%}" for i, f in enumerate(sc.factions))
        log(st, "election", f"NEW CENTRAL COMMITTEE OF {md.cc_size} ELECTED", shares)
    if md.ccc_size:
        st.ccc_patron, st.ccc_loyalty, st.ccc_opinion = cadres.elect_body(
            st, assembly, md.ccc_size, [0] * len(sc.factions), rng
        )
    st.slate = [0] * len(sc.factions)
    if md.politburo_size:
        eligible = [
            c for c in st.candidates if st.status[c] in ("active", "ill", "recanted") and c not in st.cc_out
        ]
        eligible.sort(key=lambda c: -(st.prestige[c] + st.credentials[c]))
        while len(st.politburo) < md.politburo_size and eligible:
            c = eligible.pop(0)
            join_politburo(st, c)
            log(st, "election", f"{leader_name(st, c).upper()} ENTERS THE POLITBURO")


# ------------------------------------------------------------ turn upkeep
def income(st: State) -> None:
    """Collect income from posts, standing and seats (turn step 2)."""
    sc = st.sc
    n_f = len(sc.factions)
    for post, h in zip(sc.posts, st.holders, strict=True):
        if h < 0 or st.status[h] in OUTSIDE_PARTY:
            continue
        f = st.lfaction[h]
        if f >= 0 and st.active(f):
            for k in range(3):
                if post.income[k]:
                    add_resource(st, f, k, post.income[k])
    for f in range(n_f):
        if not st.active(f):
            continue
        lead = sc.leader_of(f)
        add_resource(st, f, PATRONAGE, 1)
        add_resource(st, f, PROPAGANDA, 1 + int(st.prestige[lead] // 30))
        seats = sum(1 for m in st.politburo if st.lfaction[m] == f)
        add_resource(st, f, VOTES, 1 + round(8 * st.cc_share(f)) + seats)


def upkeep(st: State) -> None:
    """Loyalty decays, unity recovers, factional heat cools (turn step 5)."""
    attached = st.pool_patron >= 0
    st.pool_loyalty[attached] = np.maximum(st.pool_loyalty[attached] * 0.97, 0.15)
    st.cc_loyalty *= np.float32(0.99)
    st.unity = clamp(st.unity + (65.0 - st.unity) * 0.1)
    st.factionalism = [x * 0.5 for x in st.factionalism]
    st.pledges.clear()


def check_endings(st: State, final: bool) -> int:
    """Index of the first ending whose conditions hold (immediate ones only, unless final)."""
    for i, e in enumerate(st.sc.endings):
        if (final or e.immediate) and e.conditions(st):
            return i
    return -1
