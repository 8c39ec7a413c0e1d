"""Player actions: what a faction can spend patronage, propaganda and votes on.

An :class:`Action` is a small value (actor, kind, target) that prints and
parses as text, so records and the terminal share one notation:
``stalin appoint ukraine``. Each kind has a spec saying what it costs, which
targets it takes, why it may be illegal now, what it does, and how to say
that in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from game.engine import cadres, rules
from game.engine.defs import CURRENCIES, OUTSIDE_PARTY, PATRONAGE, POOL, PROPAGANDA, VOTES
from game.engine.state import Decision, Motion, State
from game.engine.view import invalidate, view

CHANCE = "chance"


class IllegalActionError(ValueError):
    """An action that is well formed but not allowed now, with the reason."""


class InvalidActionError(ValueError):
    """Text that does not name an action at all."""


class Action(NamedTuple):
    """One move: ``actor`` is a faction id (or ``chance``)."""

    actor: str
    kind: str
    target: str = ""

    def __str__(self) -> str:
        return f"{self.actor} {self.kind} {self.target}".strip()

    @classmethod
    def parse(cls, text: str) -> Action:
        """Read an action written as ``actor kind [target]``.

        >>> Action.parse("stalin appoint ukraine")
        Action(actor='stalin', kind='appoint', target='ukraine')
        """
        parts = text.split()
        if len(parts) not in (2, 3):
            raise InvalidActionError(f"not an action: {text!r}")
        return cls(*parts)


# -------------------------------------------------------------- helpers
def has_power(st: State, faction: int, power: str, region: int = -1) -> bool:
    """Whether one of the faction's people holds a post with this power (and scope)."""
    return view(st).has(faction, power, region)


def next_meetings(st: State) -> list[int]:
    """Indices of meetings still to sit in this scenario (this season's included)."""
    if st.step not in ("events", "income", "actions"):
        return [i for i, m in enumerate(st.sc.meetings) if m.season > st.season]
    return [i for i, m in enumerate(st.sc.meetings) if m.season >= st.season]


def next_congress_cc(st: State) -> int:
    """CC size of the next congress that elects one (0 if none remains)."""
    for i in next_meetings(st):
        if st.sc.meetings[i].cc_size:
            return st.sc.meetings[i].cc_size
    return 0


def meeting_this_season(st: State) -> bool:
    """Whether any meeting sits at the end of this season."""
    return any(m.season == st.season for m in st.sc.meetings)


def _lead(st: State, f: int) -> int:
    return st.sc.leader_of(f)


def _fname(st: State, f: int) -> str:
    return st.sc.factions[f].name


def _rivals(st: State, f: int) -> list[int]:
    return view(st).rivals[f]


# ---------------------------------------------------------------- specs
@dataclass(frozen=True, slots=True)
class Spec:
    """How one kind of action behaves."""

    label: str
    currency: int
    price: Callable[[State, int, str], int] | int
    targets: Callable[[State, int], list[str]]
    apply: Callable[[State, int, str], None]
    describe: Callable[[State, int, str], str]
    help: str


# appoint ------------------------------------------------------------------
APPOINT_N = 6


def _appoint_targets(st: State, f: int) -> list[str]:
    v = view(st)
    if "appoint" not in v.powers[f]:
        return []
    scope = v.powers[f]["appoint"]
    share = v.share[:, f + 1].tolist()
    return [
        reg.id for r, reg in enumerate(st.sc.regions) if (scope is None or r in scope) and share[r] < 0.95
    ]


def _appoint(st: State, f: int, t: str) -> None:
    cadres.appoint(st, st.sc.region_index[t], f, APPOINT_N)


def _appoint_text(st: State, f: int, t: str) -> str:
    r = st.sc.region_index[t]
    return (
        f"{APPOINT_N} of {POOL} cadres in {st.sc.regions[r].name} become your clients "
        f"(you hold {view(st).share[r, f + 1]:.0%} now; the region sends "
        f"{view(st).weight[r]:.0%} of delegates)"
    )


# slate --------------------------------------------------------------------
def _slate_price(st: State, f: int, t: str) -> int:
    return 2 if has_power(st, f, "slate") else 3


def _slate_targets(st: State, f: int) -> list[str]:
    size = next_congress_cc(st)
    if not size or st.slate[f] + 2 > size // 4:
        return []
    if not has_power(st, f, "slate") and _lead(st, f) not in st.politburo:
        return []
    return [""]


def _slate(st: State, f: int, t: str) -> None:
    st.slate[f] += 2


def _slate_text(st: State, f: int, t: str) -> str:
    return (
        f"two more of your clients on the Central Committee slate of the next congress "
        f"({st.slate[f]} placed so far)"
    )


# enrol --------------------------------------------------------------------
ENROL_SHARE = 0.06


def _enrol_targets(st: State, f: int) -> list[str]:
    """A drive runs where the faction also names the secretaries."""
    if not has_power(st, f, "enrol"):
        return []
    v = view(st)
    return [reg.id for r, reg in enumerate(st.sc.regions) if v.has(f, "appoint", r)]


def _enrol(st: State, f: int, t: str) -> None:
    r = st.sc.region_index[t]
    cadres.enrol(st, [r], f, [round(st.members[r] * ENROL_SHARE)])


def _enrol_text(st: State, f: int, t: str) -> str:
    r = st.sc.region_index[t]
    n = round(st.members[r] * ENROL_SHARE)
    return f"recruit {n:,} new members in {st.sc.regions[r].name}; they owe the apparatus that admitted them"


# purge --------------------------------------------------------------------
PURGE_N = 5


def _purge_targets(st: State, f: int) -> list[str]:
    allowed = has_power(st, f, "purge") or any(
        has_power(st, g, "purge") and st.allied(f, g) for g in _rivals(st, f)
    )
    if not allowed:
        return []
    v = view(st)
    foes = [g for g in _rivals(st, f) if not st.allied(f, g)]
    return [
        f"{reg.id}/{st.sc.factions[g].id}"
        for r, reg in enumerate(st.sc.regions)
        for g in foes
        if v.share[r, g + 1] >= 0.1
    ]


def _split(st: State, t: str) -> tuple[int, int]:
    reg, fac = t.split("/")
    return st.sc.region_index[reg], st.sc.faction_index[fac]


def _purge(st: State, f: int, t: str) -> None:
    r, g = _split(st, t)
    cadres.purge(st, r, g, PURGE_N)
    st.unity = rules.clamp(st.unity - 1)


def _purge_text(st: State, f: int, t: str) -> str:
    r, g = _split(st, t)
    return (
        f"the Control Commission expels up to {PURGE_N} of {_fname(st, g)}'s cadres in "
        f"{st.sc.regions[r].name} (unity −1)"
    )


# press --------------------------------------------------------------------
def _press_price(st: State, f: int, t: str) -> int:
    return 2 if has_power(st, f, "press") else 3


def _press_targets(st: State, f: int) -> list[str]:
    return [st.sc.factions[g].id for g in _rivals(st, f)]


def _press(st: State, f: int, t: str) -> None:
    g = st.sc.faction_index[t]
    lead = _lead(st, g)
    st.prestige[lead] = rules.clamp(st.prestige[lead] - 5)
    st.credentials[lead] = rules.clamp(st.credentials[lead] - 2)
    m = st.pool_patron == g
    st.pool_loyalty[m] = np.maximum(st.pool_loyalty[m] - 0.03, 0.05)
    own = _lead(st, f)
    st.prestige[own] = rules.clamp(st.prestige[own] + 1)


def _press_text(st: State, f: int, t: str) -> str:
    g = st.sc.faction_index[t]
    return f"a press campaign against {_fname(st, g)}: their prestige −5, credentials −2, clients waver"


# publish ------------------------------------------------------------------
def _publish(st: State, f: int, t: str) -> None:
    lead = _lead(st, f)
    st.credentials[lead] = rules.clamp(st.credentials[lead] + 4)
    st.prestige[lead] = rules.clamp(st.prestige[lead] + 2)


def _publish_text(st: State, f: int, t: str) -> str:
    return "publish a work of theory: Leninist credentials +4, prestige +2"


# doctrine -----------------------------------------------------------------
DOCTRINE_STEP = 0.06


def _doctrine_price(st: State, f: int, t: str) -> int:
    a = st.sc.axis_index[t]
    return 2 if a == 0 and has_power(st, f, "comintern") else 3


def _doctrine_targets(st: State, f: int) -> list[str]:
    mean = view(st).mean
    return [ax.id for a, ax in enumerate(st.sc.axes) if abs(mean[a] - st.ideology[f][a]) > 0.1]


def _doctrine(st: State, f: int, t: str) -> None:
    a = st.sc.axis_index[t]
    goal = st.ideology[f][a]
    for arr in (st.pool_opinion, st.cc_opinion):
        col = arr[:, a]
        arr[:, a] = col + np.clip(goal - col, -DOCTRINE_STEP, DOCTRINE_STEP)


def _doctrine_text(st: State, f: int, t: str) -> str:
    a = st.sc.axis_index[t]
    ax = st.sc.axes[a]
    side = ax.high if st.ideology[f][a] > view(st).mean[a] else ax.low
    return f"push the party towards “{side}” (opinion moves {DOCTRINE_STEP} on this axis)"


# rally --------------------------------------------------------------------
def _rally_targets(st: State, f: int) -> list[str]:
    share = view(st).share
    return [reg.id for r, reg in enumerate(st.sc.regions) if share[r, f + 1] >= 0.1]


def _rally(st: State, f: int, t: str) -> None:
    r = st.sc.region_index[t]
    sl = st.region_slice(r)
    m = st.pool_patron[sl] == f
    st.pool_loyalty[sl] = np.where(m, np.minimum(st.pool_loyalty[sl] + 0.15, 1.0), st.pool_loyalty[sl])
    idx = np.flatnonzero(st.pool_patron[sl] == -1)[:2] + sl.start
    st.pool_patron[idx] = f
    st.pool_loyalty[idx] = 0.4


def _rally_text(st: State, f: int, t: str) -> str:
    r = st.sc.region_index[t]
    return f"rally your people in {st.sc.regions[r].name}: their loyalty +0.15, two unattached cadres join"


# motions ------------------------------------------------------------------
MOTION_PRICE = {"condemn": 3, "remove": 4, "drop": 3, "expel_cc": 4, "expel": 4, "readmit": 2, "line": 2}


def _motion_price(st: State, f: int, t: str) -> int:
    return MOTION_PRICE[t.split("/")[0]]


def _motion_targets(st: State, f: int) -> list[str]:
    """Motions a faction may table now.

    The ban on factions is the pretext: a faction can be condemned only after
    an open factional act, and defeat goes by stages — condemned, dropped
    from the Politburo, out of the CC, expelled. Removing a post-holder needs
    his faction condemned, or a challenger of far greater standing. A faction
    whose leader is outside the party tables nothing.
    """
    if not next_meetings(st) or st.status[_lead(st, f)] in OUTSIDE_PARTY:
        return []
    sc = st.sc
    out = []
    rivals = [g for g in _rivals(st, f) if not st.allied(f, g)]
    pending = {(m.kind, m.target) for m in st.motions}
    for g in rivals:
        if st.factionalism[g] > 0.3 and ("condemn", g) not in pending:
            out.append(f"condemn/{sc.factions[g].id}")
    mine = rules.standing(st, f)
    near = {g for g in rivals if not st.condemned[g] and mine - rules.standing(st, g) < 15}
    for p, post in enumerate(sc.posts):
        g = st.holder_faction(p)
        if g < 0 or g == f or g in near or post.value <= 0 or ("remove", p) in pending:
            continue
        if g in rivals:
            out.append(f"remove/{post.id}")
    for g in rivals:
        if not st.condemned[g]:
            continue
        lead = _lead(st, g)
        gone = st.status[lead] in OUTSIDE_PARTY
        if lead in st.politburo:
            kind = "drop"
        elif lead not in st.cc_out and not gone:
            kind = "expel_cc"
        elif lead in st.cc_out and not gone:
            kind = "expel"
        else:
            continue
        if (kind, lead) not in pending:
            out.append(f"{kind}/{sc.leaders[lead].id}")
    for g in _rivals(st, f):
        lead = _lead(st, g)
        if (
            st.status[lead] in ("expelled", "exiled")
            and f"capitulated_{sc.leaders[lead].id}" in st.flags
            and ("readmit", lead) not in pending
        ):
            out.append(f"readmit/{sc.leaders[lead].id}")
    mean = view(st).mean
    for a, ax in enumerate(sc.axes):
        goal = st.ideology[f][a]
        if abs(goal) >= 0.3 and abs(mean[a] - goal) > 0.2 and ("line", a) not in pending:
            out.append(f"line/{ax.id}")
    return out


def parse_motion(st: State, f: int, t: str) -> Motion:
    """Build the motion an action target such as ``condemn/trotsky`` names."""
    kind, tid = t.split("/")
    sc = st.sc
    if kind == "condemn":
        return Motion(kind, f, sc.faction_index[tid], origin="player")
    if kind == "remove":
        return Motion(kind, f, sc.post_index[tid], origin="player")
    if kind == "line":
        a = sc.axis_index[tid]
        return Motion(kind, f, a, value=st.ideology[f][a], origin="player")
    return Motion(kind, f, sc.leader_index[tid], origin="player")


def _motion(st: State, f: int, t: str) -> None:
    rules.table(st, parse_motion(st, f, t))


def _motion_text(st: State, f: int, t: str) -> str:
    m = parse_motion(st, f, t)
    nxt = st.sc.meetings[next_meetings(st)[0]].name
    return f"table “{rules.motion_text(st, m)}” for the {nxt}"


# pledge -------------------------------------------------------------------
def _pledge_targets(st: State, f: int) -> list[str]:
    if not meeting_this_season(st) or st.status[_lead(st, f)] in OUTSIDE_PARTY:
        return []
    return [st.sc.factions[g].id for g in _rivals(st, f) if st.pledges.get(f) != g]


def _pledge(st: State, f: int, t: str) -> None:
    st.pledges[f] = st.sc.faction_index[t]


def _pledge_text(st: State, f: int, t: str) -> str:
    g = st.sc.faction_index[t]
    return f"your bloc votes with {_fname(st, g)} at this season's meetings, for their motions and against motions aimed at them"


# alliances ----------------------------------------------------------------
def _ally_targets(st: State, f: int) -> list[str]:
    if any(d.kind == "offer" for d in st.pending):
        return []
    return [st.sc.factions[g].id for g in _rivals(st, f) if not st.allied(f, g)]


def _ally(st: State, f: int, t: str) -> None:
    g = st.sc.faction_index[t]
    st.pending.append(Decision("offer", g, f, ("accept", "decline")))


def _ally_text(st: State, f: int, t: str) -> str:
    g = st.sc.faction_index[t]
    return (
        f"offer {_fname(st, g)} an alliance: allies vote together and never table motions against each other"
    )


def _break_targets(st: State, f: int) -> list[str]:
    return [st.sc.factions[g].id for g in _rivals(st, f) if st.allied(f, g)]


def _break(st: State, f: int, t: str) -> None:
    g = st.sc.faction_index[t]
    st.alliances.discard((min(f, g), max(f, g)))
    st.unity = rules.clamp(st.unity - 3)
    rules.log(st, "alliance", f"{_fname(st, f).upper()} BREAKS WITH {_fname(st, g).upper()}", faction=f)


def _break_text(st: State, f: int, t: str) -> str:
    return f"end the alliance with {_fname(st, st.sc.faction_index[t])} (unity −3)"


# platform -----------------------------------------------------------------
def _platform_targets(st: State, f: int) -> list[str]:
    return [""]


def _platform(st: State, f: int, t: str) -> None:
    m = st.pool_patron == f
    st.pool_loyalty[m] = np.minimum(st.pool_loyalty[m] + 0.1, 1.0)
    ideo = np.asarray(st.ideology[f], np.float32)
    near = np.abs(st.pool_opinion - ideo).mean(axis=1) < 0.6
    st.pool_opinion[near] += (ideo - st.pool_opinion[near]) * 0.15
    lead = _lead(st, f)
    st.prestige[lead] = rules.clamp(st.prestige[lead] + 3)
    rules.factional_act(st, f, 1.5)
    rules.log(st, "faction", f"{_fname(st, f).upper()} ISSUES A PLATFORM", faction=f)


def _platform_text(st: State, f: int, t: str) -> str:
    return (
        "issue an open platform: your clients' loyalty +0.1, sympathisers move towards you, "
        "prestige +3 — but it is a factional act (unity −7.5) and invites condemnation"
    )


# recant -------------------------------------------------------------------
def _recant_targets(st: State, f: int) -> list[str]:
    lead = _lead(st, f)
    if st.status[lead] == "condemned":
        return [""]
    if st.status[lead] in ("expelled", "exiled") and f"capitulated_{st.sc.leaders[lead].id}" not in st.flags:
        return [""]
    return []


def _recant(st: State, f: int, t: str) -> None:
    """A condemned leader submits and stays in; an expelled one capitulates and
    may later be readmitted (a ``readmit`` motion), as Zinoviev and Kamenev were."""
    lead = _lead(st, f)
    if st.status[lead] == "condemned":
        rules.set_status(st, lead, "recanted")
    else:
        st.flags.add(f"capitulated_{st.sc.leaders[lead].id}")
    st.prestige[lead] = rules.clamp(st.prestige[lead] - 10)
    st.credentials[lead] = rules.clamp(st.credentials[lead] - 5)
    st.factionalism[f] = 0.0
    st.unity = rules.clamp(st.unity + 2)
    rules.log(st, "faction", f"{st.sc.leaders[lead].name.upper()} RECANTS", faction=f)


def _recant_text(st: State, f: int, t: str) -> str:
    if st.status[_lead(st, f)] == "condemned":
        return "recant your errors: you stay in the party, but prestige −10 and credentials −5"
    return "capitulate: readmission becomes possible (a motion must carry it); prestige −10, credentials −5"


# exile / deport -------------------------------------------------------------
def _police_targets(st: State, f: int, status: str) -> list[str]:
    if not has_power(st, f, "police"):
        return []
    return [st.sc.leaders[_lead(st, g)].id for g in _rivals(st, f) if st.status[_lead(st, g)] == status]


def _police(
    before: str, after: str, headline: str, effect: str
) -> tuple[
    Callable[[State, int], list[str]], Callable[[State, int, str], None], Callable[[State, int, str], str]
]:
    """Targets, effect and wording of an OGPU action taking a rival from ``before`` to ``after``."""

    def targets(st: State, f: int) -> list[str]:
        return _police_targets(st, f, before)

    def apply(st: State, f: int, t: str) -> None:
        i = st.sc.leader_index[t]
        rules.set_status(st, i, after)
        st.unity = rules.clamp(st.unity - 2)
        rules.log(st, "status", f"{st.sc.leaders[i].name.upper()} {headline}", faction=f)

    def text(st: State, f: int, t: str) -> str:
        return f"the OGPU {effect.format(st.sc.leaders[st.sc.leader_index[t]].name)} (unity −2)"

    return targets, apply, text


def _pass_targets(st: State, f: int) -> list[str]:
    return [""]


def _pass(st: State, f: int, t: str) -> None:
    st.ap[f] = 0


SPECS: dict[str, Spec] = {
    "appoint": Spec(
        "Appoint secretaries",
        PATRONAGE,
        3,
        _appoint_targets,
        _appoint,
        _appoint_text,
        "Your General Secretary (or regional boss) installs loyal secretaries.",
    ),
    "slate": Spec(
        "Place clients on the CC slate",
        PATRONAGE,
        _slate_price,
        _slate_targets,
        _slate,
        _slate_text,
        "Clients on the slate take Central Committee seats at the next congress.",
    ),
    "enrol": Spec(
        "Enrolment drive",
        PATRONAGE,
        4,
        _enrol_targets,
        _enrol,
        _enrol_text,
        "New members who owe the apparatus dilute the old guard.",
    ),
    "purge": Spec(
        "Purge through the Control Commission",
        PATRONAGE,
        3,
        _purge_targets,
        _purge,
        _purge_text,
        "The Control Commission 'verifies' a rival's cadres.",
    ),
    "press": Spec(
        "Press campaign",
        PROPAGANDA,
        _press_price,
        _press_targets,
        _press,
        _press_text,
        "Attack a rival in the party press.",
    ),
    "publish": Spec(
        "Publish",
        PROPAGANDA,
        2,
        _pass_targets,
        _publish,
        _publish_text,
        "A work of theory raises your Leninist credentials.",
    ),
    "doctrine": Spec(
        "Push a doctrine",
        PROPAGANDA,
        _doctrine_price,
        _doctrine_targets,
        _doctrine,
        _doctrine_text,
        "Opinion moves slowly: propaganda nudges, it does not flip.",
    ),
    "rally": Spec(
        "Rally supporters",
        PROPAGANDA,
        2,
        _rally_targets,
        _rally,
        _rally_text,
        "Firm up your people in a region where you hold at least a tenth of the cadres.",
    ),
    "motion": Spec(
        "Table a motion",
        VOTES,
        _motion_price,
        _motion_targets,
        _motion,
        _motion_text,
        "Motions are voted at the next plenum, conference or congress.",
    ),
    "pledge": Spec(
        "Pledge your votes",
        VOTES,
        1,
        _pledge_targets,
        _pledge,
        _pledge_text,
        "Bind your bloc to another faction for this season's votes.",
    ),
    "ally": Spec("Offer an alliance", VOTES, 0, _ally_targets, _ally, _ally_text, "Allies vote together."),
    "break": Spec("Break an alliance", VOTES, 0, _break_targets, _break, _break_text, "Go your own way."),
    "platform": Spec(
        "Issue a platform",
        PROPAGANDA,
        2,
        _platform_targets,
        _platform,
        _platform_text,
        "Rally the party's opinion to your side, in defiance of the ban on factions.",
    ),
    "recant": Spec(
        "Recant",
        VOTES,
        0,
        _recant_targets,
        _recant,
        _recant_text,
        "Bow to the majority to stay in (or return to) the party.",
    ),
    "exile": Spec(
        "Exile",
        PATRONAGE,
        3,
        *_police("expelled", "exiled", "SENT INTO INTERNAL EXILE", "sends {} into internal exile"),
        "Exile an expelled rival.",
    ),
    "deport": Spec(
        "Deport",
        PATRONAGE,
        4,
        *_police("exiled", "deported", "DEPORTED FROM THE USSR", "deports {} from the USSR"),
        "Deport an exiled rival: he is out of the game.",
    ),
    "pass": Spec(
        "End your turn",
        VOTES,
        0,
        _pass_targets,
        _pass,
        lambda st, f, t: "keep what you have for next season",
        "Save your resources.",
    ),
}
ORDER = {k: i for i, k in enumerate(SPECS)}


def cost(st: State, f: int, kind: str, target: str) -> int:
    """What an action of this kind costs the faction, in its spec's currency."""
    p = SPECS[kind].price
    return p if isinstance(p, int) else p(st, f, target)


def options(
    st: State, f: int, skip: frozenset[str] = frozenset(), only: str | None = None
) -> list[tuple[str, list[str]]]:
    """Per kind of action, the targets the faction can afford and take now."""
    out = []
    for kind, spec in SPECS.items():
        if kind in skip or (only is not None and kind != only):
            continue
        have = st.res[f][spec.currency]
        p = spec.price
        if isinstance(p, int):
            targets = spec.targets(st, f) if p <= have else []
        else:
            targets = [t for t in spec.targets(st, f) if p(st, f, t) <= have]
        if targets:
            out.append((kind, targets))
    return out


def faction_actions(st: State, f: int) -> list[Action]:
    """Every action the faction can afford and take now, in a stable order."""
    fid = st.sc.factions[f].id
    return [Action(fid, kind, t) for kind, targets in options(st, f) for t in targets]


def allowed(st: State, f: int, a: Action) -> bool:
    """Whether faction ``f`` may take this action now (without listing them all)."""
    spec = SPECS.get(a.kind)
    if spec is None or a.target not in spec.targets(st, f):
        return False
    return cost(st, f, a.kind, a.target) <= st.res[f][spec.currency]


def price(st: State, a: Action) -> tuple[int, int]:
    """(currency index, amount) an action costs."""
    f = st.sc.faction_index[a.actor]
    return SPECS[a.kind].currency, cost(st, f, a.kind, a.target)


def perform(st: State, a: Action) -> None:
    """Pay for and carry out a faction action (legality checked by the caller)."""
    f = st.sc.faction_index[a.actor]
    spec = SPECS[a.kind]
    st.res[f][spec.currency] -= cost(st, f, a.kind, a.target)
    if a.kind != "pass":
        what = target_name(st, a)
        rules.log(
            st, "action", f"{_fname(st, f)}: {spec.label.lower()}" + (f" — {what}" if what else ""), faction=f
        )
    spec.apply(st, f, a.target)
    invalidate(st)
    if a.kind != "pass":
        st.ap[f] -= 1


def target_name(st: State, a: Action) -> str:
    """The target of an action in words (a region, a faction, a motion, …)."""
    sc, t = st.sc, a.target
    if not t:
        return ""
    if a.kind == "motion":
        return rules.motion_text(st, parse_motion(st, sc.faction_index[a.actor], t))
    if a.kind == "purge":
        r, g = _split(st, t)
        return f"{sc.factions[g].name} in {sc.regions[r].name}"
    if a.kind == "doctrine":
        return sc.axes[sc.axis_index[t]].name
    for index, names in (
        (sc.region_index, sc.regions),
        (sc.faction_index, sc.factions),
        (sc.leader_index, sc.leaders),
    ):
        if t in index:
            return names[index[t]].name
    return t


def describe(st: State, a: Action) -> str:
    """What an action costs and does, in words."""
    if a.kind not in SPECS:
        return str(a)
    f = st.sc.faction_index[a.actor]
    spec = SPECS[a.kind]
    amount = cost(st, f, a.kind, a.target)
    paid = f"{amount} {CURRENCIES[spec.currency]}" if amount else "free"
    return f"{spec.label} — {paid}: {spec.describe(st, f, a.target)}"
