"""The compiled scenario: immutable definitions the rules read.

The scenario package turns YAML into these objects; the engine never sees
YAML. Ids are resolved to indices here so the rules work on small integers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.state import State

CURRENCIES = ("patronage", "propaganda", "votes")
PATRONAGE, PROPAGANDA, VOTES = 0, 1, 2

#: Leader statuses, in the order defeat proceeds (DESIGN §2.9).
STATUSES = (
    "active",
    "ill",
    "incapacitated",
    "condemned",
    "recanted",
    "expelled",
    "exiled",
    "deported",
    "dead",
)
#: Statuses that keep a leader out of party bodies and posts.
OUTSIDE_PARTY = frozenset({"expelled", "exiled", "deported", "dead"})

BODIES = ("politburo", "central_committee", "control_commission")
POWERS = ("appoint", "slate", "enrol", "purge", "press", "comintern", "army", "unions", "police")
MEETING_KINDS = ("plenum", "joint_plenum", "conference", "congress", "politburo")
MOTION_KINDS = ("condemn", "remove", "drop", "expel_cc", "expel", "line", "readmit")

#: Cadres kept per region: a region's party organisation in miniature.
POOL = 40


@dataclass(frozen=True, slots=True)
class Condition:
    """A read-only test on the state with its rendering in words."""

    test: Callable[[State], bool]
    text: str

    def __call__(self, st: State) -> bool:
        return self.test(st)


@dataclass(frozen=True, slots=True)
class Effect:
    """A change to the state with its rendering in words."""

    run: Callable[[State], None]
    text: str

    def __call__(self, st: State) -> None:
        self.run(st)


ALWAYS = Condition(lambda st: True, "always")
NOTHING = Effect(lambda st: None, "nothing happens")


@dataclass(frozen=True, slots=True)
class AxisDef:
    """An axis of party opinion from ``low`` (-1) to ``high`` (+1)."""

    id: str
    name: str
    low: str
    high: str


@dataclass(frozen=True, slots=True)
class FactionDef:
    """A playable faction."""

    id: str
    name: str
    leader: str
    colour: str
    glyph: str
    ideology: tuple[float, ...]
    resources: tuple[int, int, int]
    blurb: str = ""
    condemned: int = 0


@dataclass(frozen=True, slots=True)
class LeaderDef:
    """A person: faction leader or a character who leans to a faction."""

    id: str
    name: str
    faction: int  # -1: no faction
    prestige: float
    credentials: float
    health: float
    status: str
    politburo: str  # "member", "candidate" or ""
    bio: str = ""
    in_cc: bool = True


@dataclass(frozen=True, slots=True)
class PostDef:
    """An office with income and powers."""

    id: str
    name: str
    holder: int  # leader index, -1 vacant
    income: tuple[int, int, int]
    powers: frozenset[str]
    scope: tuple[int, ...]  # regions the appoint power reaches; empty = all
    value: float  # how much the AI wants it
    successors: tuple[int, ...] = ()  # who takes the post when its holder is removed
    description: str = ""


@dataclass(frozen=True, slots=True)
class RegionDef:
    """A regional party organisation that sends delegates."""

    id: str
    name: str
    members: int
    control: tuple[float, ...]  # share of cadres per faction
    loyalty: float
    opinion: tuple[float, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class MeetingDef:
    """A scheduled plenum, conference or congress."""

    id: str
    name: str
    season: int  # absolute season
    order: int
    kind: str
    delegates: int  # congress / conference size
    cc_size: int  # congress: seats of the new Central Committee (0: no election)
    ccc_size: int  # congress: seats of the new Control Commission (0: unchanged)
    politburo_size: int  # congress: full members after re-election (0: unchanged)
    text: str = ""
    history: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class OptionDef:
    """One choice of an event."""

    id: str
    text: str
    historical: bool
    available: Condition
    effects: tuple[Effect, ...]
    ai_weight: float


@dataclass(frozen=True, slots=True)
class EventDef:
    """A dated or conditional historical event."""

    id: str
    title: str
    first: int  # absolute season window
    last: int
    order: int  # month order inside the window
    date: str
    text: str
    conditions: Condition
    chance: float
    chooser: int  # faction index choosing among options, -1 none
    effects: tuple[Effect, ...]
    options: tuple[OptionDef, ...]
    history: str
    source: str
    contested: str  # empty when not contested
    quote: str = ""
    document: str = ""
    trigger_only: bool = False
    after_meetings: bool = False


@dataclass(frozen=True, slots=True)
class EndingDef:
    """An ending with its winner (``-1``: nobody wins)."""

    id: str
    title: str
    winner: int
    conditions: Condition
    immediate: bool
    text: str
    history: str
    historical: bool


@dataclass(frozen=True, slots=True, eq=False)
class FactionProfile:
    """AI personality of one faction."""

    weights: dict[str, float]
    hostility: tuple[float, ...]
    history: float
    temperature: float


@dataclass(frozen=True, slots=True)
class ProfileDef:
    """A named AI personality covering every faction."""

    id: str
    name: str
    description: str
    factions: tuple[FactionProfile, ...]


@dataclass(frozen=True, slots=True)
class SourceDef:
    """A bibliography entry events cite."""

    id: str
    title: str
    url: str


@dataclass(frozen=True, eq=False)
class Scenario:
    """Everything static about one scenario (or variant)."""

    id: str
    title: str
    summary: str
    variant: str
    variant_title: str
    variant_description: str
    start: int
    end: int
    actions_per_turn: int
    unity: float
    axes: tuple[AxisDef, ...]
    factions: tuple[FactionDef, ...]
    leaders: tuple[LeaderDef, ...]
    posts: tuple[PostDef, ...]
    regions: tuple[RegionDef, ...]
    central_committee: tuple[float, ...]  # initial seat shares per faction
    cc_size: int
    control_commission: tuple[float, ...]
    ccc_size: int
    meetings: tuple[MeetingDef, ...]
    events: tuple[EventDef, ...]
    endings: tuple[EndingDef, ...]
    profiles: tuple[ProfileDef, ...]
    sources: tuple[SourceDef, ...]
    initiative: tuple[int, ...]
    content_hash: str
    flags: frozenset[str] = frozenset()
    counters: tuple[tuple[str, float], ...] = ()
    alliances: tuple[tuple[int, int], ...] = ()
    later: tuple[Scenario, ...] = ()  # in a campaign: the phases still to come
    campaign: str = ""  # in a campaign: its title
    phase_title: str = ""  # in a campaign: this phase's own title
    phase: int = 1
    faction_index: dict[str, int] = field(default_factory=dict)
    leader_index: dict[str, int] = field(default_factory=dict)
    post_index: dict[str, int] = field(default_factory=dict)
    region_index: dict[str, int] = field(default_factory=dict)
    axis_index: dict[str, int] = field(default_factory=dict)
    event_index: dict[str, int] = field(default_factory=dict)
    ending_index: dict[str, int] = field(default_factory=dict)
    faction_leader: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        self.faction_index.update({f.id: i for i, f in enumerate(self.factions)})
        self.leader_index.update({x.id: i for i, x in enumerate(self.leaders)})
        self.post_index.update({x.id: i for i, x in enumerate(self.posts)})
        self.region_index.update({x.id: i for i, x in enumerate(self.regions)})
        self.axis_index.update({x.id: i for i, x in enumerate(self.axes)})
        self.event_index.update({x.id: i for i, x in enumerate(self.events)})
        self.ending_index.update({x.id: i for i, x in enumerate(self.endings)})
        lead = tuple(self.leader_index[f.leader] for f in self.factions)
        object.__setattr__(self, "faction_leader", lead)

    @property
    def turns(self) -> int:
        """Number of turns (seasons) the scenario lasts."""
        return self.end - self.start + 1

    def profile(self, pid: str) -> ProfileDef:
        """The AI profile with this id."""
        for p in self.profiles:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def leader_of(self, faction: int) -> int:
        """Index of a faction's leader."""
        return self.faction_leader[faction]

    def outcomes(self) -> tuple[EndingDef, ...]:
        """Every ending a game of this scenario can reach (in a campaign: of every phase), by id."""
        seen: dict[str, EndingDef] = {}
        for sc in (self, *self.later):
            for e in sc.endings:
                seen.setdefault(e.id, e)
        final = self.later[-1] if self.later else self
        return tuple(sorted(seen.values(), key=lambda e: (e not in final.endings, 0)))

    def meetings_in(self, season: int) -> list[MeetingDef]:
        """Meetings held in this season, in order."""
        return [m for m in self.meetings if m.season == season]
