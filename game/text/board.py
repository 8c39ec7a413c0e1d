"""Text renderings of the board, events, votes and endings for the terminal."""

from __future__ import annotations

import textwrap

from game.engine import actions as acts
from game.engine import rules
from game.engine.calendar import season_label
from game.engine.defs import CURRENCIES, Scenario
from game.engine.game import Game, Outcome
from game.engine.state import Entry, State, Tally
from game.engine.view import view
from game.engine.votes import shares

GLYPHS = {"star": "★", "triangle": "▲", "circle": "●", "square": "■", "hammer": "⚒", "diamond": "◆"}
WIDTH = 78
TERM_WORDS = {
    "loyalty": "loyalty to patrons",
    "views": "their views",
    "unity": "party unity",
    "standing": "standing of the leaders",
    "chance": "chance",
}


def wrap(text: str, indent: str = "  ") -> str:
    """Wrap prose to the terminal width."""
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)


def rule(char: str = "─") -> str:
    """A horizontal line."""
    return char * WIDTH


def tag(sc: Scenario, f: int) -> str:
    """Glyph and name of a faction (never colour alone)."""
    fac = sc.factions[f]
    return f"{GLYPHS.get(fac.glyph, '•')} {fac.name}"


def board(game: Game, me: str | None = None) -> str:
    """The whole board as a player sees it."""
    st, sc = game.state, game.sc
    v = view(st)
    out = [rule("═")]
    root = game.root
    head = f" {(sc.phase_title or sc.title).upper()}"
    if root.variant_title:
        head += f" · {root.variant_title}"
    last = (root.later[-1] if root.later else root).end
    turn, turns = st.season - root.start + 1, last - root.start + 1
    right = f"{season_label(st.season)} · turn {turn} of {turns} · unity {st.unity:.0f}"
    out.append(head + right.rjust(WIDTH - len(head)))
    out.append(rule("═"))
    out.append(
        f" {'faction':<22}{'patronage':>10}{'propaganda':>11}{'votes':>6}   {'prestige':>8}{'Leninist':>9}  status"
    )
    for f, fac in enumerate(sc.factions):
        lead = sc.leader_of(f)
        you = " (you)" if fac.id == me else ""
        r = st.res[f]
        name = (tag(sc, f) + you)[:22]
        cond = f" condemned×{st.condemned[f]}" if st.condemned[f] else ""
        out.append(
            f" {name:<22}{r[0]:>10}{r[1]:>11}{r[2]:>6}   {st.prestige[lead]:>8.0f}{st.credentials[lead]:>9.0f}"
            f"  {st.status[lead]}{cond}"
        )
    allies = [f"{sc.factions[a].name} + {sc.factions[b].name}" for a, b in sorted(st.alliances)]
    out.append(f" Alliances: {', '.join(allies) or 'none'}")
    out.append(rule())
    out.append(" Posts")
    for p, post in enumerate(sc.posts):
        h = st.holders[p]
        who = rules.leader_name(st, h) if h >= 0 else "vacant"
        g = st.lfaction[h] if h >= 0 else -1
        camp = f" ({sc.factions[g].name})" if g >= 0 else ""
        out.append(f"   {post.name:<44} {who}{camp}")
    pb = ", ".join(_member(st, m) for m in st.politburo)
    cands = ", ".join(rules.leader_name(st, m) for m in st.candidates) or "none"
    out.append(wrap(f"Politburo: {pb}. Candidates: {cands}.", " "))
    cc = " · ".join(f"{sc.factions[f].name} {v.cc[f + 1]:.0%}" for f in range(len(sc.factions)))
    out.append(f" Central Committee ({len(st.cc_patron)}): {cc} · unattached {v.cc[0]:.0%}")
    dele = " · ".join(f"{sc.factions[f].name} {st.delegate_share(f):.0%}" for f in range(len(sc.factions)))
    out.append(f" Delegates if a congress met now: {dele}")
    out.append(rule())
    out.append(" Party opinion")
    for a, ax in enumerate(sc.axes):
        out.append(" " + _scale(ax.low, ax.high, float(v.mean[a])))
    out.append(rule())
    nxt = acts.next_meetings(st)
    if nxt:
        m = sc.meetings[nxt[0]]
        out.append(f" Next meeting: {m.name} ({season_label(m.season)})")
    else:
        out.append(" No meeting remains in this scenario.")
    for m in st.motions:
        out.append(
            f"   tabled: {rules.motion_text(st, m)}"
            + (f" — by {sc.factions[m.proposer].name}" if m.proposer >= 0 else " — by the Politburo majority")
        )
    return "\n".join(out)


def _member(st: State, m: int) -> str:
    name = rules.leader_name(st, m)
    return f"{name} ({st.status[m]})" if st.status[m] not in ("active",) else name


def _scale(low: str, high: str, x: float, width: int = 17) -> str:
    pos = round((x + 1) / 2 * (width - 1))
    bar = "".join("●" if i == pos else "─" for i in range(width))
    return f"{low[:29]:>29} {bar} {high[:29]}"


def regions(game: Game) -> str:
    """Each region: its weight and who commands its cadres."""
    st, sc = game.state, game.sc
    v = view(st)
    out = [
        f" {'region':<26}{'members':>9}{'delegates':>10}  "
        + "  ".join(f.name[:9].rjust(9) for f in sc.factions)
        + "  unattached"
    ]
    for r, reg in enumerate(sc.regions):
        cells = "  ".join(f"{v.share[r, f + 1]:>9.0%}" for f in range(len(sc.factions)))
        out.append(
            f" {reg.name[:26]:<26}{st.members[r]:>9,}{v.weight[r]:>10.0%}  {cells}  {v.share[r, 0]:>9.0%}"
        )
    return "\n".join(out)


def entry(e: Entry) -> str:
    """A chronicle entry as a newspaper line."""
    text = f" {season_label(e.season):>14} │ {e.headline}"
    if e.detail and e.kind in ("vote", "election", "ending"):
        text += f"\n {'':>14} │   {e.detail}"
    return text


def tally(t: Tally, sc: Scenario) -> str:
    """A vote with the why: the weight of each term, overall and by group."""
    verdict = "CARRIED" if t.passed else "DEFEATED"
    out = [f"  {t.motion} — {verdict}: {t.yes} for, {t.no} against, {t.abstain} abstaining ({t.body})"]
    sh = shares(t.terms)
    main = sorted(sh, key=lambda k: -sh[k])[:3]
    out.append("    what weighed most: " + ", ".join(f"{TERM_WORDS[k]} {sh[k]:.0%}" for k in main))
    for name, y, n, a, means in t.groups:
        push = max(means, key=lambda k: abs(means[k]))
        direction = "for" if means[push] > 0 else "against"
        out.append(
            f"    {name[:24]:<24} {y:>4} for {n:>4} against {a:>3} abst. — mostly {TERM_WORDS[push]} ({direction})"
        )
    return "\n".join(out)


def event_card(game: Game, event_index: int) -> str:
    """An event card: what happens, the choice, the quote and any contested note."""
    ev = game.sc.events[event_index]
    out = [rule("━"), f" {ev.title.upper()}  ·  {ev.date}", wrap(ev.text)]
    if ev.quote:
        out.append(wrap(f"“{ev.quote}”", "    "))
    if ev.contested:
        out.append(wrap(f"Contested: {ev.contested}", "  ⚑ "))
    if ev.document:
        out.append(f"  (type 'read' to read the full document: {ev.document})")
    return "\n".join(out)


def history_note(game: Game, event_index: int) -> str:
    """The 'what really happened' line with its source."""
    ev = game.sc.events[event_index]
    src = next((s for s in game.sc.sources if s.id == ev.source), None)
    cite = f"{src.title}" if src else ev.source
    return wrap(f"What really happened: {ev.history} [{cite}]", "  ")


def ending(game: Game, out: Outcome) -> str:
    """The ending with its epilogue and history."""
    sc = game.sc
    lines = [
        rule("═"),
        f" {out.title.upper()}",
        rule("═"),
        wrap(out.text),
        "",
        wrap(f"What really happened: {out.history}"),
    ]
    if out.winner:
        lines.append(f"\n  Winner: {tag(sc, sc.faction_index[out.winner])}")
    else:
        lines.append("\n  Nobody wins.")
    lines.append(f"  Reached in {season_label(out.season)}.")
    return "\n".join(lines)


def money(cost: tuple[int, int]) -> str:
    """'3 patronage'."""
    return f"{cost[1]} {CURRENCIES[cost[0]]}" if cost[1] else "free"
