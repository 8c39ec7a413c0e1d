"""The terminal game: a readable board, numbered actions, event choices,
meeting results with the why of each vote, save, load and undo."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from platformdirs import user_data_dir

from game.ai.players import NEUTRAL, HeuristicPlayer
from game.engine import actions as acts
from game.engine.actions import Action, IllegalActionError
from game.engine.calendar import season_key, season_label, season_of
from game.engine.defs import Scenario
from game.engine.game import Game
from game.engine.state import State
from game.scenario.diagnostics import did_you_mean
from game.scenario.load import ROOT, ScenarioError, catalogue, load_scenario
from game.sim.record import Record, RecordError
from game.sim.session import HUMAN, Session
from game.text import board

HELP = """
  Type the number of an action, or a command:
    b  board       the whole board          r  regions    who commands each region
    n  news        the chronicle so far     w  why        the last votes, explained
    u  undo        take back your last move this turn
    s  save [file] save the game            l  load FILE  resume a saved game
    read           read the document of the current event
    h  help        this list                q  quit
"""


def saves_dir() -> Path:
    """Where saves go by default."""
    return Path(os.environ.get("SUCCESSOR_SAVES") or Path(user_data_dir("successor")) / "saves")


class TextGame:
    """One terminal game for one human faction."""

    def __init__(
        self,
        session: Session,
        me: str,
        ask: Callable[[str], str] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.s = session
        self.me = me
        self.ask = ask or input
        self.say = say or print
        self.news_seen = 0

    # -------------------------------------------------------------- loop
    def loop(self) -> int:
        """Play until the game ends or the player quits; returns an exit code."""
        self.say(board.board(self.s.game, self.me))
        self.say(HELP)
        while True:
            self.s.advance()
            self.flush()
            if self.s.game.is_terminal():
                self.finish()
                return 0
            try:
                if not self.turn():
                    return 0
            except EOFError:
                self.say("\n(end of input: leaving the game)")
                return 0

    def turn(self) -> bool:
        st = self.s.game.state
        if st.pending:
            d = st.pending[0]
            if d.kind == "event":
                return self.event_choice(d.subject)
            return self.offer(d.subject)
        return self.action()

    # ----------------------------------------------------------- decisions
    def event_choice(self, event: int) -> bool:
        game = self.s.game
        self.say(board.event_card(game, event))
        legal = game.legal_actions()
        ev = game.sc.events[event]
        for i, a in enumerate(legal, 1):
            opt = next(o for o in ev.options if o.id == a.target)
            self.say(f"  {i}. {opt.text}")
        while True:
            raw = self.ask("choose> ").strip()
            if raw == "read" and ev.document:
                self.say(read_document(ev.document))
                continue
            if raw in ("q", "quit"):
                return self.quit()
            if raw.isdigit() and 1 <= int(raw) <= len(legal):
                self.s.play(legal[int(raw) - 1])
                self.say(board.history_note(game, event))
                return True
            if not self.command(raw):
                self.say(f"  choose 1–{len(legal)}")

    def offer(self, from_faction: int) -> bool:
        sc = self.s.game.sc
        self.say(f"\n  {board.tag(sc, from_faction)} offers you an alliance: allies vote together.")
        while True:
            raw = self.ask("accept? [y/n]> ").strip().lower()
            if raw in ("y", "yes", "n", "no"):
                self.s.play(Action(self.me, "answer", "accept" if raw.startswith("y") else "decline"))
                return True
            if raw in ("q", "quit"):
                return self.quit()
            self.command(raw)

    def action(self) -> bool:
        """Your move: three suggestions, then the kinds of action, then targets."""
        game = self.s.game
        st = game.state
        f = game.sc.faction_index[self.me]
        legal = game.legal_actions()
        groups: dict[str, list[Action]] = {}
        for a in legal:
            groups.setdefault(a.kind, []).append(a)
        kinds = list(groups)
        tips = suggest(game, legal)
        r = st.res[f]
        self.say(
            f"\n  {season_label(st.season)} — your move ({st.ap[f]} action(s) left): "
            f"patronage {r[0]} · propaganda {r[1]} · votes {r[2]}"
        )
        self.say("  Suggested:")
        for letter, a in zip("ABC", tips, strict=False):
            self.say(f"   {letter}. {short(st, a)}")
        for i, kind in enumerate(kinds, 1):
            spec = acts.SPECS[kind]
            opts = groups[kind]
            cost = board.money(acts.price(st, opts[0]))
            more = f" — {len(opts)} choices" if len(opts) > 1 else ""
            self.say(f"  {i:>3}. {spec.label} [{cost}]{more}")
        while True:
            raw = self.ask("> ").strip()
            pick: Action | None = None
            if raw.upper() in ("A", "B", "C")[: len(tips)]:
                pick = tips["ABC".index(raw.upper())]
            elif raw.isdigit() and 1 <= int(raw) <= len(kinds):
                pick = self.target(groups[kinds[int(raw) - 1]])
                if pick is None:
                    continue
            elif raw in ("q", "quit"):
                return self.quit()
            elif not self.command(raw):
                self.say(f"  type A–C, a number from 1 to {len(kinds)}, or h for help")
                continue
            else:
                continue
            said = short(st, pick)  # in words before the game moves on
            try:
                self.s.play(pick)
            except IllegalActionError as e:
                self.say(f"  not allowed: {e}")
                continue
            self.say(f"  done: {said}")
            self.flush()
            return True

    def target(self, options: list[Action]) -> Action | None:
        """Choose the target of an action kind (None: back to the menu)."""
        st = self.s.game.state
        if len(options) == 1:
            self.say(board.wrap(acts.describe(st, options[0]), "   "))
            if self.ask("   do it? [Y/n]> ").strip().lower() in ("n", "no"):
                self.say("   back to the menu")
                return None
            return options[0]
        self.say(board.wrap(acts.SPECS[options[0].kind].help, "   "))
        for i, a in enumerate(options, 1):
            self.say(f"   {i:>3}. {acts.describe(st, a).split(': ', 1)[-1]}")
        raw = self.ask("   which? (Enter to go back)> ").strip()
        if raw.isdigit() and 1 <= int(raw) <= len(options):
            return options[int(raw) - 1]
        return None

    # ------------------------------------------------------------ commands
    def command(self, raw: str) -> bool:
        """Handle a non-move command; False if it was not one."""
        word, _, arg = raw.partition(" ")
        game = self.s.game
        if word in ("h", "help", "?"):
            self.say(HELP)
        elif word in ("b", "board"):
            self.say(board.board(game, self.me))
        elif word in ("r", "regions"):
            self.say(board.regions(game))
        elif word in ("n", "news"):
            for e in game.state.chronicle:
                self.say(board.entry(e))
        elif word in ("w", "why"):
            tallies = game.state.tallies[-6:]
            if not tallies:
                self.say("  no vote has been taken yet")
            for t in tallies:
                self.say(board.tally(t, game.sc))
        elif word in ("u", "undo"):
            self.say("  taken back" if self.s.undo() else "  nothing of this turn to take back")
        elif word in ("s", "save"):
            self.save(arg.strip())
        elif word in ("l", "load"):
            self.load(arg.strip())
        else:
            return False
        return True

    def save(self, name: str) -> None:
        st = self.s.game.state
        path = (
            Path(name)
            if name
            else saves_dir() / f"{self.s.sc.variant or self.s.sc.id}-{season_key(st.season)}.json"
        )
        try:
            self.s.save(path)
            self.say(f"  saved to {path}")
        except OSError as e:
            self.say(f"  could not save: {e}")

    def load(self, name: str) -> None:
        if not name:
            self.say("  load which file? (load FILE)")
            return
        try:
            rec = Record.load(Path(name))
            sc = load_scenario(rec.scenario, rec.variant or None)
            session = Session.resume(sc, rec)
        except (RecordError, ScenarioError) as e:
            self.say(f"  could not load the save: {e}. The current game goes on.")
            return
        humans = [f for f, seat in session.seats.items() if seat == HUMAN]
        self.s = session
        self.me = humans[0] if humans else self.me
        self.news_seen = len(session.game.state.chronicle)
        self.say(f"  loaded {name}")
        self.say(board.board(session.game, self.me))

    def quit(self) -> bool:
        raw = self.ask("save before quitting? [y/N]> ").strip().lower()
        if raw.startswith("y"):
            self.save("")
        return False

    # -------------------------------------------------------------- output
    def flush(self) -> None:
        """Print the chronicle entries (and vote explanations) not yet shown."""
        st = self.s.game.state
        new = st.chronicle[self.news_seen :]
        self.news_seen = len(st.chronicle)
        votes = iter(st.tallies[len(st.tallies) - sum(1 for e in new if e.kind == "vote") :])
        for e in new:
            if e.kind == "vote":  # the tally with its why, in place of the bare headline
                self.say(board.tally(next(votes), self.s.game.sc))
            else:
                self.say(board.entry(e))

    def finish(self) -> None:
        game = self.s.game
        out = game.outcome()
        assert out is not None
        self.say(board.ending(game, out))
        self.say(debrief(game.sc, game.state.chosen, self.me))


def suggest(game: Game, legal: list[Action], n: int = 3) -> list[Action]:
    """The moves a historically minded adviser would weigh first (different kinds)."""
    st = game.state
    f = game.sc.faction_index[legal[0].actor]
    adviser = HeuristicPlayer(np.random.Generator(np.random.PCG64(0)), "historical")
    try:
        prof = game.sc.profile("historical").factions[f]
    except KeyError:
        prof = NEUTRAL
    scores = adviser.scores(st, f, prof, legal)
    out: list[Action] = []
    for i in np.argsort(-scores, kind="stable"):
        a = legal[int(i)]
        if a.kind != "pass" and all(a.kind != b.kind for b in out):
            out.append(a)
        if len(out) == n:
            break
    return out


def short(st: State, a: Action) -> str:
    """An action in one line: its label, target and cost."""
    spec = acts.SPECS[a.kind]
    what = acts.describe(st, a).split(": ", 1)[-1]
    return f"{spec.label} [{board.money(acts.price(st, a))}]: {what}"


def debrief(sc: Scenario, chosen: dict[str, str], me: str) -> str:
    """Your choices against what really happened."""
    lines = ["", "  YOUR DECISIONS AGAINST HISTORY"]
    f = sc.faction_index[me]
    for ev in sc.events:
        if ev.chooser != f or ev.id not in chosen:
            continue
        opt = next(o for o in ev.options if o.id == chosen[ev.id])
        hist = next((o for o in ev.options if o.historical), None)
        mark = "as history" if opt.historical else "differs from history"
        lines.append(f"   {ev.title}: {opt.text} ({mark})")
        if not opt.historical and hist:
            lines.append(f"      really: {hist.text}")
    if len(lines) == 2:
        lines.append("   (you made no event decisions)")
    return "\n".join(lines)


def read_document(doc: str) -> str:
    """The full text of a primary source shipped with the scenarios."""
    path = ROOT / "documents" / f"{doc}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"  (the document {doc} is missing)"


def run_text(
    scenario: str,
    faction: str,
    variant: str | None,
    seed: int | None,
    profile: str = "historical",
    load: Path | None = None,
) -> int:
    """``text`` command: play one faction against the computer in the terminal."""
    if load:
        try:
            rec = Record.load(load)
            sc = load_scenario(rec.scenario, rec.variant or None)
            session = Session.resume(sc, rec)
        except RecordError as e:
            print(f"error: could not load {load}: {e}", file=sys.stderr)
            return 1
        me = next((f for f, s in session.seats.items() if s == HUMAN), faction)
        return TextGame(session, me).loop()
    sc = load_scenario(scenario, variant)
    if faction not in sc.faction_index:
        print(f"error: no faction '{faction}'; {did_you_mean(faction, sc.faction_index)}", file=sys.stderr)
        return 2
    if profile != "random" and profile not in {p.id for p in sc.profiles}:
        print(f"error: no AI profile '{profile}'", file=sys.stderr)
        return 2
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    seats = {
        f.id: HUMAN if f.id == faction else ("random" if profile == "random" else f"ai:{profile}")
        for f in sc.factions
    }
    print(f"  {sc.title} — you play {faction}; seed {seed} (replay it with --seed {seed})")
    return TextGame(Session(sc, seed, seats), faction).loop()


def run_menu(scenario: str | None, faction: str | None, variant: str | None, seed: int | None) -> int:
    """``play``: choose a scenario and a faction, then play in the terminal."""
    if scenario and faction:
        return run_text(scenario, faction, variant, seed)
    bases = [e for e in catalogue() if not e.base]
    print("\n  SUCCESSOR — the struggle for Lenin's succession, 1922–1929\n")
    for i, e in enumerate(bases, 1):
        span = f"{season_label(season_of(e.start))} – {season_label(season_of(e.end))}"
        print(f"  {i}. {e.title} ({span})")
        print(board.wrap(e.description, "       "))
    try:
        pick = _pick("scenario> ", len(bases)) if not scenario else None
        chosen = scenario or bases[pick - 1].id  # type: ignore[operator]
        sc = load_scenario(chosen, variant)
        print()
        for i, fac in enumerate(sc.factions, 1):
            print(f"  {i}. {board.tag(sc, i - 1)}")
            print(board.wrap(fac.blurb, "       "))
        f = faction or sc.factions[_pick("faction> ", len(sc.factions)) - 1].id
    except EOFError:
        return 0
    return run_text(chosen, f, variant, seed)


def _pick(prompt: str, n: int) -> int:
    while True:
        raw = input(prompt).strip()
        if raw.isdigit() and 1 <= int(raw) <= n:
            return int(raw)
        print(f"  choose 1–{n}")
