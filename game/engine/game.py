"""The game API every front end drives: terminal, AI, batch runner, UI.

Modelled on OpenSpiel's state API: :meth:`Game.current_player`,
:meth:`Game.legal_actions`, :meth:`Game.apply`, :meth:`Game.chance_outcomes`,
:meth:`Game.is_terminal`, :meth:`Game.outcome`, :meth:`Game.returns`,
:meth:`Game.clone`. A turn runs events → income → actions → meetings →
upkeep (events marked ``after_meetings`` fire between the meetings and the
upkeep); the game stops whenever a faction (or chance) must decide.

>>> from game.scenario.load import load_scenario
>>> g = Game(load_scenario("triumvirate"), seed=1)
>>> g.current_player() in ("stalin", "trotsky", "zinoviev", "bukharin", "chance")
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from game.engine import actions as acts
from game.engine import rules
from game.engine.actions import CHANCE, Action, IllegalActionError
from game.engine.calendar import season_label
from game.engine.campaign import carry
from game.engine.defs import Scenario
from game.engine.start import new_state
from game.engine.state import Decision, State
from game.engine.view import invalidate

TERMINAL = "terminal"


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a finished game ended."""

    ending: str
    title: str
    winner: str | None
    text: str
    history: str
    historical: bool
    season: int


@functools.lru_cache(maxsize=64)
def _event_order(sc: Scenario) -> tuple[int, ...]:
    """Event indices in the order they fire within a season (by month, then as written)."""
    return tuple(sorted(range(len(sc.events)), key=lambda i: (sc.events[i].order, i)))


class Game:
    """One game of a scenario: the state plus the moves that produced it."""

    def __init__(self, sc: Scenario, seed: int = 0, state: State | None = None) -> None:
        #: the scenario (or campaign) the game was started from: its identity for records
        self.root = sc
        self.moves: list[str] = []
        self._due: dict[int, list[int]] = {}
        self._legal: list[Action] | None = None
        self._allowed: tuple[int, Action] | None = None
        if state is None:
            self.state = new_state(sc, seed)
            self._advance()
        else:
            self.state = state

    @property
    def sc(self) -> Scenario:
        """The scenario (in a campaign: the phase) now being played."""
        return self.state.sc

    # ---------------------------------------------------------------- API
    def current_player(self) -> str:
        """Faction id to move, ``chance``, or ``terminal``."""
        st = self.state
        if st.step == "over":
            return TERMINAL
        if st.pending:
            d = st.pending[0]
            return CHANCE if d.kind == "chance" else self.sc.factions[d.faction].id
        f = self._actor()
        return self.sc.factions[f].id if f is not None else TERMINAL

    def legal_actions(self) -> list[Action]:
        """Every action the player to move may take, in a stable order.

        The list is cached until the next :meth:`apply`; code that changes
        ``state`` directly must call :meth:`changed`.
        """
        if self._legal is None:
            self._legal = self._list_legal()
        return list(self._legal)

    def allows(self, a: Action) -> bool:
        """Whether the faction to move may take this action now (without listing them all)."""
        if self._allowed == (len(self.moves), a):
            return True
        st = self.state
        who = self.current_player()
        if st.pending or who in (TERMINAL, CHANCE) or a.actor != who:
            return False
        ok = acts.allowed(st, self.sc.faction_index[who], a)
        if ok:
            self._allowed = (len(self.moves), a)
        return ok

    def changed(self) -> None:
        """Drop cached answers after the state was edited directly."""
        self._legal = None
        self._allowed = None
        invalidate(self.state)

    def _list_legal(self) -> list[Action]:
        st = self.state
        if st.step == "over":
            return []
        if st.pending:
            d = st.pending[0]
            actor = CHANCE if d.kind == "chance" else self.sc.factions[d.faction].id
            kind = {"event": "choose", "offer": "answer", "chance": "outcome"}[d.kind]
            return [Action(actor, kind, o) for o in d.options]
        f = self._actor()
        if f is None:
            return []
        return acts.faction_actions(st, f)

    def chance_outcomes(self) -> list[tuple[Action, float]]:
        """Outcomes and probabilities when chance is to move (else empty)."""
        st = self.state
        if not st.pending or st.pending[0].kind != "chance":
            return []
        d = st.pending[0]
        return [(Action(CHANCE, "outcome", o), p) for o, p in zip(d.options, d.probs, strict=True)]

    def apply(self, action: Action | str) -> None:
        """Play an action, then run the rules until someone must decide.

        Raises :class:`IllegalActionError` with the reason if it is not allowed now.
        """
        a = Action.parse(action) if isinstance(action, str) else action
        st = self.state
        if st.pending:
            if a not in self.legal_actions():
                raise IllegalActionError(self.why_illegal(a))
            self._decide(st.pending.pop(0), a.target)
        else:
            if not self.allows(a):
                raise IllegalActionError(self.why_illegal(a))
            acts.perform(st, a)
        self.moves.append(str(a))
        self._advance()
        self.changed()

    def is_terminal(self) -> bool:
        """Whether the game is over."""
        return self.state.step == "over"

    def outcome(self) -> Outcome | None:
        """The ending reached, or None while the game goes on."""
        st = self.state
        if st.ending < 0 or st.step != "over":
            return None
        e = self.sc.endings[st.ending]
        winner = self.sc.factions[e.winner].id if e.winner >= 0 else None
        return Outcome(e.id, e.title, winner, e.text, e.history, e.historical, st.season)

    def returns(self) -> list[float]:
        """Per faction: +1 for the winner, -1 for the others, 0 all round if nobody won."""
        o = self.outcome()
        n = len(self.sc.factions)
        if o is None or o.winner is None:
            return [0.0] * n
        w = self.sc.faction_index[o.winner]
        return [1.0 if i == w else -1.0 for i in range(n)]

    def clone(self) -> Game:
        """An independent copy (the scenario is shared)."""
        g = Game(self.root, state=self.state.clone())
        g.moves = list(self.moves)
        g._due = self._due
        return g

    # ------------------------------------------------------------ helpers
    def why_illegal(self, a: Action, legal: list[Action] | None = None) -> str:
        """A readable reason why an action is not allowed now."""
        legal = self.legal_actions() if legal is None else legal
        who = self.current_player()
        if who == TERMINAL:
            return "the game is over"
        if a.actor != who:
            return f"it is {who}'s move, not {a.actor}'s"
        if self.state.pending:
            opts = ", ".join(x.target for x in legal)
            return f"{a.actor} must answer first: one of {opts}"
        if a.kind not in acts.SPECS:
            return f"there is no action called {a.kind!r}"
        f = self.sc.faction_index[a.actor]
        spec = acts.SPECS[a.kind]
        if a.target not in spec.targets(self.state, f):
            return f"{spec.label.lower()} is not possible with target {a.target or '(none)'!r} now"
        need = acts.cost(self.state, f, a.kind, a.target)
        have = self.state.res[f][spec.currency]
        return f"{spec.label.lower()} costs {need} and you have {have}"

    def season_label(self) -> str:
        """Label of the current season."""
        return season_label(self.state.season)

    def _actor(self) -> int | None:
        """The faction acting now: the first in initiative order with actions left.

        Each faction spends all its actions before the next one moves, down
        the hierarchy as the initiative order sets it.
        """
        st = self.state
        if st.step != "actions":
            return None
        for f in self.sc.initiative:
            if st.ap[f] > 0:
                return f
        return None

    def _due_events(self, season: int, late: bool = False) -> list[int]:
        """Events that may fire this season, at its start or (``late``) after its meetings."""
        key = season * 2 + late
        due = self._due.get(key)
        if due is None:
            events = self.sc.events
            due = [
                i
                for i in _event_order(self.sc)
                if not (e := events[i]).trigger_only
                and e.first <= season <= e.last
                and e.after_meetings == late
            ]
            self._due[key] = due
        return due

    def _consider(self, i: int) -> None:
        st = self.state
        ev = self.sc.events[i]
        if ev.id in st.fired or not ev.conditions(st):
            return
        if ev.chance < 1.0:
            st.pending.append(Decision("chance", -1, i, ("fire", "skip"), (ev.chance, 1 - ev.chance)))
            return
        self._fire(i)

    def _fire(self, i: int) -> None:
        st = self.state
        ev = self.sc.events[i]
        st.fired[ev.id] = st.season
        rules.log(st, "event", ev.title, ev.text)
        for eff in ev.effects:
            eff(st)
        if not ev.options:
            return
        avail = tuple(o.id for o in ev.options if o.available(st))
        if not avail:
            return
        chooser = ev.chooser
        if chooser < 0 or not st.active(chooser) or len(avail) == 1:
            hist = [o for o in ev.options if o.id in avail and o.historical]
            self._choose(i, hist[0].id if hist else avail[0])
            return
        st.pending.append(Decision("event", chooser, i, avail))

    def _choose(self, i: int, option: str) -> None:
        st = self.state
        ev = self.sc.events[i]
        opt = next(o for o in ev.options if o.id == option)
        st.chosen[ev.id] = option
        rules.log(st, "choice", f"{ev.title}: {opt.text}", faction=ev.chooser)
        for eff in opt.effects:
            eff(st)

    def _decide(self, d: Decision, choice: str) -> None:
        st = self.state
        if d.kind == "event":
            self._choose(d.subject, choice)
        elif d.kind == "chance":
            if choice == "fire":
                self._fire(d.subject)
        else:
            a, b = d.subject, d.faction
            names = (self.sc.factions[a].name, self.sc.factions[b].name)
            if choice == "accept":
                st.alliances.add((min(a, b), max(a, b)))
                rules.log(st, "alliance", f"{names[0].upper()} AND {names[1].upper()} JOIN FORCES")
            else:
                rules.log(st, "alliance", f"{names[1]} rejects {names[0]}'s offer of alliance")

    def _advance(self) -> None:
        """Run the turn sequence until a decision is needed or the game ends."""
        st = self.state
        sc = self.sc
        while True:
            if st.step == "over":
                return
            if st.ending >= 0:
                self._finish()
                return
            if st.pending:
                return
            if st.queue:
                i = st.queue.pop(0)
                if sc.events[i].id not in st.fired and sc.events[i].conditions(st):
                    self._fire(i)
                continue
            if st.step in ("events", "late_events"):
                due = self._due_events(st.season, late=st.step == "late_events")
                if st.cursor < len(due):
                    st.cursor += 1
                    self._consider(due[st.cursor - 1])
                    continue
                st.step, st.cursor = ("income", 0) if st.step == "events" else ("upkeep", 0)
            elif st.step == "income":
                rules.income(st)
                st.ap = [sc.actions_per_turn if st.active(f) else 0 for f in range(len(sc.factions))]
                st.step, st.cursor = "actions", 0
            elif st.step == "actions":
                if self._actor() is not None:
                    return
                st.step, st.cursor = "meetings", 0
            elif st.step == "meetings":
                ms = sc.meetings_in(st.season)
                if st.cursor < len(ms):
                    st.cursor += 1
                    rules.hold_meeting(st, ms[st.cursor - 1])
                    continue
                st.step, st.cursor = "late_events", 0
            elif st.step == "upkeep":
                rules.upkeep(st)
                e = rules.check_endings(st, final=False)
                if e < 0 and st.season >= sc.end and sc.later:
                    self.state = st = carry(st, sc.later[0])
                    sc = st.sc
                    self._due = {}
                    continue
                if e < 0 and st.season >= sc.end:
                    e = rules.check_endings(st, final=True)
                    if e < 0:
                        e = len(sc.endings) - 1
                if e >= 0:
                    st.ending = e
                    continue
                st.season += 1
                st.step, st.cursor = "events", 0

    def _finish(self) -> None:
        st = self.state
        st.step = "over"
        st.pending.clear()
        e = self.sc.endings[st.ending]
        rules.log(st, "ending", e.title.upper(), e.text)
