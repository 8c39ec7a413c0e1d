"""The scenario format, defined once: validator, JSON Schema and reference.

Every key a scenario file may hold is a field here. References to other
entries are marked with :class:`Ref` so one walker checks them all and
suggests the closest id when one is misspelt. Conditions and effects are
one-key mappings (``- holds_post: {post: general_secretary, leader: stalin}``),
told apart by that key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Ref:
    """Marks a field whose value must name an entry of this kind."""

    kind: str
    extra: tuple[str, ...] = ()


Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Month = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Text = Annotated[str, StringConstraints(max_length=8000)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Unit = Annotated[float, Field(ge=-1.0, le=1.0)]
Stat = Annotated[float, Field(ge=0.0, le=100.0)]

FactionId = Annotated[str, Ref("faction")]
LeaderId = Annotated[str, Ref("leader")]
PostId = Annotated[str, Ref("post")]
RegionId = Annotated[str, Ref("region")]
RegionOrAll = Annotated[str, Ref("region", ("all",))]
AxisId = Annotated[str, Ref("axis")]
EventId = Annotated[str, Ref("event")]
EndingId = Annotated[str, Ref("ending")]
SourceId = Annotated[str, Ref("source")]
MeetingId = Annotated[str, Ref("meeting")]
StatPath = Annotated[str, Ref("path")]
FlagName = Annotated[str, Ref("flag")]

Status = Literal[
    "active", "ill", "incapacitated", "condemned", "recanted", "expelled", "exiled", "deported", "dead"
]
Power = Literal["appoint", "slate", "enrol", "purge", "press", "comintern", "army", "unions", "police"]
ActionKind = Literal[
    "appoint",
    "slate",
    "enrol",
    "purge",
    "press",
    "publish",
    "doctrine",
    "rally",
    "motion",
    "pledge",
    "ally",
    "break",
    "platform",
    "recant",
    "exile",
    "deport",
    "pass",
    "condemn",
    "remove",
    "drop",
    "expel_cc",
    "expel",
    "readmit",
    "line",
]


class Strict(BaseModel):
    """Base of every format model: unknown keys are errors, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


# ------------------------------------------------------------------ conditions
class Comparison(Strict):
    """Comparators: at least one of gt, gte, lt, lte, eq."""

    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    eq: float | None = None

    @model_validator(mode="after")
    def _one(self) -> Comparison:
        if all(getattr(self, k) is None for k in ("gt", "gte", "lt", "lte", "eq")):
            raise ValueError("give at least one comparison: gt, gte, lt, lte or eq")
        return self

    def tests(self) -> dict[str, float]:
        """The comparators that were given."""
        return {k: v for k in ("gt", "gte", "lt", "lte", "eq") if (v := getattr(self, k)) is not None}


class AllC(Strict):
    """All of the listed conditions hold."""

    all: list[Condition]


class AnyC(Strict):
    """At least one of the listed conditions holds."""

    any: list[Condition]


class NotC(Strict):
    """The condition does not hold."""

    not_: Condition = Field(alias="not")


class FlagC(Strict):
    """A flag has been set."""

    flag: FlagName


class EventFiredC(Strict):
    """The event has fired."""

    event_fired: EventId


class ChoseArgs(Strict):
    event: EventId
    option: Id


class ChoseC(Strict):
    """An option of an event was chosen."""

    chose: ChoseArgs


class HoldsPostArgs(Strict):
    post: PostId
    leader: LeaderId | None = None
    faction: FactionId | None = None


class HoldsPostC(Strict):
    """Who holds a post: a leader, someone of a faction, or anyone."""

    holds_post: HoldsPostArgs


class MemberOfArgs(Strict):
    leader: LeaderId
    body: Literal["politburo", "candidates", "central_committee"]


class MemberOfC(Strict):
    """A leader sits in a body."""

    member_of: MemberOfArgs


class StatusArgs(Strict):
    leader: LeaderId
    is_: Status | list[Status] = Field(alias="is")


class StatusC(Strict):
    """A leader's status is one of these."""

    status: StatusArgs


class CondemnedC(Strict):
    """The party has condemned the faction."""

    condemned: FactionId


class AlliedC(Strict):
    """Two factions are allied."""

    allied: Annotated[list[FactionId], Field(min_length=2, max_length=2)]


class PendingArgs(Strict):
    kind: Literal["condemn", "remove", "drop", "expel_cc", "expel", "readmit", "line"]
    target: Id | None = None


class MotionPendingC(Strict):
    """A motion of this kind (and target) waits for a coming meeting."""

    motion_pending: PendingArgs


class StatArgs(Comparison):
    path: StatPath


class StatC(Strict):
    """Compare a stat, e.g. ``{path: leader.stalin.prestige, gte: 50}``."""

    stat: StatArgs


class ShareArgs(Comparison):
    body: Literal["politburo", "central_committee", "control_commission", "delegates"]
    faction: FactionId


class ShareC(Strict):
    """A faction's share (0–1) of a body's seats."""

    share: ShareArgs


class DateArgs(Strict):
    from_: Month | None = Field(None, alias="from")
    until: Month | None = None


class DateC(Strict):
    """The current season lies between two months."""

    date: DateArgs


def _op_key(v: Any) -> str | None:
    if isinstance(v, dict):
        return next(iter(v)) if len(v) == 1 else None
    if isinstance(v, BaseModel):
        return next(iter(type(v).model_fields), None) if len(type(v).model_fields) else None
    return None


CONDITION_OPS: dict[str, type[Strict]] = {
    "all": AllC,
    "any": AnyC,
    "not": NotC,
    "flag": FlagC,
    "event_fired": EventFiredC,
    "chose": ChoseC,
    "holds_post": HoldsPostC,
    "member_of": MemberOfC,
    "status": StatusC,
    "condemned": CondemnedC,
    "allied": AlliedC,
    "stat": StatC,
    "share": ShareC,
    "date": DateC,
    "motion_pending": MotionPendingC,
}


def _cond_key(v: Any) -> str | None:
    if isinstance(v, NotC):
        return "not"
    return _op_key(v)


Condition = Annotated[
    Union[tuple(Annotated[m, Tag(k)] for k, m in CONDITION_OPS.items())],  # type: ignore[valid-type]  # noqa: UP007
    Discriminator(
        _cond_key,
        custom_error_type="unknown_condition",
        custom_error_message="not a condition",
    ),
]


# --------------------------------------------------------------------- effects
class PathAmount(Strict):
    path: StatPath
    amount: float


class PathValue(Strict):
    path: StatPath
    value: float


class AddE(Strict):
    """Add to a stat (negative subtracts); the stat stays in range."""

    add: PathAmount


class SetE(Strict):
    """Set a stat."""

    set: PathValue


class SetFlagE(Strict):
    """Record that something happened."""

    set_flag: Id


class ClearFlagE(Strict):
    """Forget a flag."""

    clear_flag: FlagName


class PostLeader(Strict):
    post: PostId
    leader: LeaderId


class AssignPostE(Strict):
    """A leader takes a post."""

    assign_post: PostLeader


class VacatePostE(Strict):
    """A post's holder loses it; the first listed successor takes it."""

    vacate_post: PostId


class LeaderStatus(Strict):
    leader: LeaderId
    status: Status


class SetStatusE(Strict):
    """Change a leader's status (leaving the party costs posts and seats)."""

    set_status: LeaderStatus


class LeaderJoin(Strict):
    leader: LeaderId
    body: Literal["politburo", "candidates"]


class JoinBodyE(Strict):
    """Seat a leader in the Politburo, as member or candidate."""

    join_body: LeaderJoin


class LeaderLeave(Strict):
    leader: LeaderId
    body: Literal["politburo", "central_committee"]


class LeaveBodyE(Strict):
    """Take a leader out of the Politburo or the Central Committee."""

    leave_body: LeaderLeave


class LeaderFaction(Strict):
    leader: LeaderId
    faction: FactionId | None


class ChangeFactionE(Strict):
    """A leader changes camp."""

    change_faction: LeaderFaction


class ControlArgs(Strict):
    region: RegionOrAll = "all"
    to: FactionId | None
    share: Share
    from_: FactionId | None = Field(None, alias="from")


class ShiftControlE(Strict):
    """A share of a region's cadres change patron."""

    shift_control: ControlArgs


class SeatsArgs(Strict):
    body: Literal["central_committee", "control_commission"]
    to: FactionId | None
    share: Share
    from_: FactionId | None = Field(None, alias="from")


class ShiftSeatsE(Strict):
    """Members of the Central Committee or Control Commission change camp."""

    shift_seats: SeatsArgs


class LoyaltyArgs(Strict):
    faction: FactionId
    amount: Unit
    region: RegionOrAll = "all"


class ShiftLoyaltyE(Strict):
    """Clients' loyalty to a faction rises or falls."""

    shift_loyalty: LoyaltyArgs


class OpinionArgs(Strict):
    axis: AxisId
    amount: Unit
    region: RegionOrAll = "all"


class ShiftOpinionE(Strict):
    """Party opinion moves along an axis."""

    shift_opinion: OpinionArgs


class IdeologyArgs(Strict):
    faction: FactionId
    axis: AxisId
    to: Unit


class ShiftIdeologyE(Strict):
    """A faction changes its line."""

    shift_ideology: IdeologyArgs


class EnrolArgs(Strict):
    members: Annotated[int, Field(gt=0, le=5_000_000)]
    faction: FactionId | None = None
    post: PostId | None = None
    regions: list[RegionId] = []

    @model_validator(mode="after")
    def _who(self) -> EnrolArgs:
        if (self.faction is None) == (self.post is None):
            raise ValueError(
                "name either the faction the recruits owe, or the post whose holder runs the drive"
            )
        return self


class EnrolE(Strict):
    """A recruitment drive whose recruits owe a faction."""

    enrol: EnrolArgs


class MotionArgs(Strict):
    kind: Literal["condemn", "remove", "drop", "expel_cc", "expel", "readmit", "line"]
    target: Id
    proposer: FactionId | None = None
    authority: Annotated[float, Field(ge=-2.0, le=2.0)] = 0.0
    position: Unit = 0.0
    meeting: MeetingId | None = None


class TableMotionE(Strict):
    """Table a motion for the next (or a named) meeting."""

    table_motion: MotionArgs


class CondemnE(Strict):
    """Condemn a faction without a vote."""

    condemn: FactionId


class AllyE(Strict):
    """Two factions ally."""

    ally: Annotated[list[FactionId], Field(min_length=2, max_length=2)]


class BreakAllianceE(Strict):
    """An alliance ends."""

    break_alliance: Annotated[list[FactionId], Field(min_length=2, max_length=2)]


class FactionalArgs(Strict):
    faction: FactionId
    weight: Annotated[float, Field(gt=0, le=5)] = 1.0


class FactionalActE(Strict):
    """An open factional act lowers unity and marks the faction."""

    factional_act: FactionalArgs


class TriggerEventE(Strict):
    """Another event fires next."""

    trigger_event: EventId


class IfArgs(Strict):
    cond: list[Condition]
    then: list[Effect] = []
    else_: list[Effect] = Field([], alias="else")


class IfE(Strict):
    """Effects that depend on a condition."""

    if_: IfArgs = Field(alias="if")


class ChronicleArgs(Strict):
    headline: Text
    detail: Text = ""


class ChronicleE(Strict):
    """A headline in the game's newspaper."""

    chronicle: ChronicleArgs


class EndGameE(Strict):
    """The game ends at once."""

    end_game: EndingId


EFFECT_OPS: dict[str, type[Strict]] = {
    "add": AddE,
    "set": SetE,
    "set_flag": SetFlagE,
    "clear_flag": ClearFlagE,
    "assign_post": AssignPostE,
    "vacate_post": VacatePostE,
    "set_status": SetStatusE,
    "join_body": JoinBodyE,
    "leave_body": LeaveBodyE,
    "change_faction": ChangeFactionE,
    "shift_control": ShiftControlE,
    "shift_seats": ShiftSeatsE,
    "shift_loyalty": ShiftLoyaltyE,
    "shift_opinion": ShiftOpinionE,
    "shift_ideology": ShiftIdeologyE,
    "enrol": EnrolE,
    "table_motion": TableMotionE,
    "condemn": CondemnE,
    "ally": AllyE,
    "break_alliance": BreakAllianceE,
    "factional_act": FactionalActE,
    "trigger_event": TriggerEventE,
    "if": IfE,
    "chronicle": ChronicleE,
    "end_game": EndGameE,
}


def _effect_key(v: Any) -> str | None:
    if isinstance(v, IfE):
        return "if"
    return _op_key(v)


Effect = Annotated[
    Union[tuple(Annotated[m, Tag(k)] for k, m in EFFECT_OPS.items())],  # type: ignore[valid-type]  # noqa: UP007
    Discriminator(_effect_key, custom_error_type="unknown_effect", custom_error_message="not an effect"),
]

for _m in (AllC, AnyC, NotC, IfArgs):
    _m.model_rebuild()


# ------------------------------------------------------------------- entries
class Axis(Strict):
    """An axis of party opinion, from ``low`` (−1) to ``high`` (+1)."""

    id: Id
    name: str
    low: str
    high: str


class Resources(Strict):
    patronage: Annotated[int, Field(ge=0, le=20)] = 0
    propaganda: Annotated[int, Field(ge=0, le=20)] = 0
    votes: Annotated[int, Field(ge=0, le=12)] = 0


class Faction(Strict):
    """A playable faction."""

    id: Id
    name: str
    leader: LeaderId
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
    glyph: Literal["star", "hammer", "circle", "square", "triangle", "diamond"]
    ideology: dict[AxisId, Unit]
    resources: Resources = Resources()
    condemned: Annotated[int, Field(ge=0, le=20)] = 0
    blurb: Text = ""


class Leader(Strict):
    """A person: a faction's leader or a character leaning to one."""

    id: Id
    name: str
    faction: FactionId | None = None
    prestige: Stat = 30
    credentials: Stat = 30
    health: Stat = 90
    status: Status = "active"
    politburo: Literal["member", "candidate", "none"] = "none"
    in_cc: bool = True
    bio: Text = ""


class Income(Strict):
    patronage: Annotated[int, Field(ge=0, le=10)] = 0
    propaganda: Annotated[int, Field(ge=0, le=10)] = 0
    votes: Annotated[int, Field(ge=0, le=10)] = 0


class Post(Strict):
    """An office: its holder, income and powers."""

    id: Id
    name: str
    holder: LeaderId | None = None
    income: Income = Income()
    powers: list[Power] = []
    scope: list[RegionId] = []
    value: Annotated[float, Field(ge=0, le=10)] = 1.0
    successors: list[LeaderId] = []
    description: Text = ""


class Region(Strict):
    """A regional party organisation."""

    id: Id
    name: str
    members: Annotated[int, Field(gt=0, le=5_000_000)]
    control: dict[FactionId, Share] = {}
    loyalty: Share = 0.6
    opinion: dict[AxisId, Unit] = {}
    note: Text = ""


class Body(Strict):
    """A party body's size and the share of seats each faction's clients hold."""

    size: Annotated[int, Field(ge=1, le=500)]
    shares: dict[FactionId, Share] = {}


class Meeting(Strict):
    """A scheduled plenum, conference or congress."""

    id: Id
    name: str
    date: Month
    kind: Literal["plenum", "joint_plenum", "conference", "congress", "politburo"]
    delegates: Annotated[int, Field(ge=0, le=5000)] = 0
    cc_size: Annotated[int, Field(ge=0, le=500)] = 0
    ccc_size: Annotated[int, Field(ge=0, le=500)] = 0
    politburo_size: Annotated[int, Field(ge=0, le=20)] = 0
    text: Text = ""
    history: Text = ""
    source: SourceId | None = None


class Option(Strict):
    """One choice of an event."""

    id: Id
    text: Text
    historical: bool = False
    available: list[Condition] = []
    effects: list[Effect] = []
    ai: Annotated[float, Field(ge=0, le=100)] = 1.0


class Event(Strict):
    """A historical event: when, for whom, what it does, and what really happened."""

    id: Id
    title: str
    date: Month | None = None
    until: Month | None = None
    timing: Literal["start", "after_meetings"] = "start"
    trigger_only: bool = False
    text: Text
    conditions: list[Condition] = []
    chance: Share = 1.0
    chooser: FactionId | None = None
    effects: list[Effect] = []
    options: list[Option] = []
    history: Text
    source: SourceId
    contested: Text = ""
    quote: Text = ""
    document: Text = ""

    @model_validator(mode="after")
    def _when(self) -> Event:
        if self.date is None and not self.trigger_only:
            raise ValueError("an event needs a date (or trigger_only: true)")
        return self


class Ending(Strict):
    """An ending: its conditions, winner and what really happened."""

    id: Id
    title: str
    winner: FactionId | None = None
    conditions: list[Condition] = []
    immediate: bool = False
    historical: bool = False
    text: Text
    history: Text


class FactionProfile(Strict):
    """How one faction's AI plays."""

    weights: dict[ActionKind, Annotated[float, Field(ge=0, le=20)]] = {}
    hostility: dict[FactionId, Annotated[float, Field(ge=-2, le=2)]] = {}
    history: Annotated[float, Field(ge=0, le=20)] = 0.0
    temperature: Annotated[float, Field(gt=0, le=5)] = 0.3


class Profile(Strict):
    """A named AI personality."""

    id: Id
    name: str
    description: Text = ""
    factions: dict[FactionId, FactionProfile] = {}


class Source(Strict):
    """A bibliography entry that events cite."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]
    title: str
    url: str = ""


class Scenario(Strict):
    """A scenario file."""

    format: Literal[1] = 1
    id: Id
    title: str
    summary: Text = ""
    phase: Annotated[int, Field(ge=1, le=9)] = 1
    start: Month
    end: Month
    actions_per_turn: Annotated[int, Field(ge=1, le=6)] = 2
    unity: Stat = 70
    axes: Annotated[list[Axis], Field(min_length=1, max_length=6)]
    factions: Annotated[list[Faction], Field(min_length=1, max_length=8)]
    initiative: list[FactionId] = []
    alliances: list[Annotated[list[FactionId], Field(min_length=2, max_length=2)]] = []
    leaders: Annotated[list[Leader], Field(min_length=1)]
    posts: list[Post] = []
    regions: Annotated[list[Region], Field(min_length=1, max_length=64)]
    central_committee: Body
    control_commission: Body
    meetings: list[Meeting] = []
    flags: list[Id] = []
    counters: dict[Id, float] = {}
    events: list[Event] = []
    endings: Annotated[list[Ending], Field(min_length=1)]
    profiles: list[Profile] = []
    sources: list[Source] = []


class Campaign(Strict):
    """A campaign file: phases played in order, each carrying its end state into the next."""

    format: Literal[1] = 1
    id: Id
    title: str
    summary: Text = ""
    phases: Annotated[list[Id], Field(min_length=2, max_length=8)]
    endings: Annotated[list[Ending], Field(min_length=1)]
    sources: list[Source] = []


class Variant(Strict):
    """The header of a variant file; every other key patches the base scenario."""

    model_config = ConfigDict(extra="allow", strict=True, populate_by_name=True)

    format: Literal[1] = 1
    extends: Id
    id: Id
    title: str
    description: Text
    argument: Text = ""
    source: str = ""


VARIANT_KEYS = frozenset(Variant.model_fields)
