"""Corrections: an analyst's decisions about the facts, kept as user data and re-applied on top
of every derivation.

A correction is one row of `corrections` (who, when, the action, the fact's key, the value
after, the machine's value before). Its key never names a row id: a report or a quote is
keyed by its article's content hash and path and its span (start, end and the text of the
span), so it is found again after a re-import, a newer extractor, `import --rebuild` or the
refresh from seeds/. A fact is found by: the same hash and span; else the same span text in the
article (same hash or same path: a changed file where the fact still exists); else, in the same
article, the span that overlaps it most (an extractor that moved the span's ends). A correction
whose fact is found nowhere is kept and marked orphaned (`correction_marks.status`), never
dropped.

Actions (an event is keyed by its reports, all of them, and found as the event that holds most):
- `confirm`, `reject` (not a release: the event leaves the timeline and the totals), `edit`
  (date, kind, count, per-country numbers; an edit is a check too, so it also confirms);
- `merge` (these two events are one), `split` (this report stands alone);
- `speaker` (set or clear a quote's speaker), `not_quote`;
- `alias` (two names are one person: the name becomes the other, in quotes and events);
- `distinct` (one name is two people: in one article, keyed by its hash and path, the name's
  mentions (any writing of it, `app.names.name_key`) become another name, in the people list,
  the quotes' speakers and the events' people). It is applied before the aliases, whatever
  its age: it speaks of the name the machine wrote in that article.

Applying is a pure function of (derived facts, corrections): the quotes are first put back as
the machine made them, then every correction is applied in the order it was made (grouping
first: merges and splits; then values; a later correction of the same value wins), and what
each one changed is written to `correction_marks` with the machine's value, which is what the
reads show as provenance.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from dataclasses import dataclass, field

from app.names import name_key

EVENT_ACTIONS = ("confirm", "reject", "edit", "merge", "split")
QUOTE_ACTIONS = ("speaker", "not_quote")
PERSON_ACTIONS = ("alias", "distinct")
ACTIONS = EVENT_ACTIONS + QUOTE_ACTIONS + PERSON_ACTIONS
EDIT_FIELDS = ("date", "kind", "count", "countries")
EXPORT_FORMAT = "pardons-corrections/1"


class CorrectionError(Exception):
    """A correction that cannot be made; the message says why."""


def _conn(db):
    return getattr(db, "conn", db)


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def who_am_i() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without passwd entry)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


# ---------------------------------------------------------------------------------------------
# Keys: facts by article hash and span

def report_key(db, report_id: int) -> dict:
    row = _conn(db).execute(
        "select a.hash, a.path, r.start, r.end, substr(a.text, r.start + 1, r.end - r.start) "
        "from reports r join articles a on a.id = r.article_id where r.id = ?",
        [report_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no report {report_id}")
    return dict(zip(("hash", "path", "start", "end", "text"), row))


def quote_key(db, quote_id: int) -> dict:
    row = _conn(db).execute(
        "select a.hash, a.path, q.start, q.end, q.text from quotes q "
        "join articles a on a.id = q.article_id where q.id = ?", [quote_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no quote {quote_id}")
    return dict(zip(("hash", "path", "start", "end", "text"), row))


def event_reports(db, event_id: int) -> list[int]:
    return [r for r, in _conn(db).execute(
        "select er.report_id from event_reports er join reports r on r.id = er.report_id "
        "join articles a on a.id = r.article_id where er.event_id = ? "
        "order by er.role is 'part', a.path, r.start", [event_id])]


def event_key(db, event_id: int) -> list[dict]:
    ids = event_reports(db, event_id)
    if not ids:
        raise CorrectionError(f"no event {event_id}")
    return [report_key(db, r) for r in ids]


def source_report(db, event_id: int, source: str) -> int:
    """The report of an event that `source` names: its article's path (or a unique part of
    it), or its place (1, 2 …) among the event's reports; its report of the whole first."""
    conn = _conn(db)
    rows = conn.execute("select er.report_id, a.path from event_reports er join reports r on "
                        "r.id = er.report_id join articles a on a.id = r.article_id "
                        "where er.event_id = ? order by er.role is 'part', a.path, r.start",
                        [event_id]).fetchall()
    if not rows:
        raise CorrectionError(f"no event {event_id}")
    if source.isdigit() and 1 <= int(source) <= len(rows):
        return rows[int(source) - 1][0]
    exact = [r for r, path in rows if path == source]
    hits = exact or list(dict.fromkeys(r for r, path in rows if source in path))
    paths = {path for r, path in rows if r in hits}
    if len(paths) != 1:
        raise CorrectionError(f"event {event_id} has {len(paths)} sources matching {source!r};"
                              f" give the article's path, or a number 1..{len(rows)}")
    return hits[0]


def _find(conn, table: str, key: dict) -> int | None:
    """The row of `table` (reports or quotes) that `key` names now, or None."""
    text_sql = ("substr(a.text, t.start + 1, t.end - t.start)" if table == "reports"
                else "t.text")
    rows = conn.execute(
        f"select t.id, a.hash, t.start, t.end, {text_sql} from {table} t "
        f"join articles a on a.id = t.article_id where a.hash = ? or a.path = ?",
        [key["hash"], key["path"]]).fetchall()
    for rid, h, s, e, _ in rows:
        if h == key["hash"] and s == key["start"] and e == key["end"]:
            return rid
    same_text = [(abs(s - key["start"]), rid) for rid, h, s, e, text in rows
                 if text == key["text"]]
    if same_text:
        return min(same_text)[1]
    overlap = [(min(e, key["end"]) - max(s, key["start"]), rid) for rid, h, s, e, _ in rows
               if h == key["hash"]]
    overlap = [o for o in overlap if o[0] > 0]
    return max(overlap)[1] if overlap else None


def _event_of(conn, keys: list[dict]) -> int | None:
    """The event that holds most of the reports `keys` name (ties: the first key's)."""
    votes: dict[int, int] = {}
    order: list[int] = []
    for k in keys:
        rid = _find(conn, "reports", k)
        if rid is None:
            continue
        row = conn.execute("select event_id from event_reports where report_id = ?",
                           [rid]).fetchone()
        if row:
            votes[row[0]] = votes.get(row[0], 0) + 1
            order.append(row[0])
    if not votes:
        return None
    return max(votes, key=lambda e: (votes[e], -order.index(e)))


def _slots(action: str, key, value) -> list[str]:
    """What a correction decides, as short strings: two corrections with a common slot and
    different values conflict (an import reports it rather than overwrite)."""
    def h(obj) -> str:
        return hashlib.sha1(_dumps(obj).encode()).hexdigest()[:16]

    if action in ("confirm", "reject"):
        return [f"event:{h(_anchor(key))}:verdict"]
    if action == "edit":
        slots = [f"event:{h(_anchor(key))}:{f}" for f in value if f != "countries"]
        slots += [f"event:{h(_anchor(key))}:country:{c}" for c in value.get("countries", {})]
        return slots
    if action == "merge":
        return [f"merge:{h(sorted([h(_anchor(key['a'])), h(_anchor(key['b']))]))}"]
    if action == "split":
        return [f"split:{h(_span(key))}"]
    if action in ("speaker", "not_quote"):
        return [f"quote:{h(_span(key))}:{'speaker' if action == 'speaker' else 'verdict'}"]
    if action == "alias":
        return [f"person:{key['name']}"]
    if action == "distinct":
        return [f"person:{key['name']}:{key['hash']}"]
    return [f"{action}:{h(key)}"]


def _span(k: dict) -> tuple:
    return (k["hash"], k["start"], k["end"])


def _anchor(keys: list[dict]) -> tuple:
    """An event's identity for conflicts: its first report in a stable order."""
    return min(_span(k) for k in keys)


# ---------------------------------------------------------------------------------------------
# Making, undoing, listing

@dataclass
class Correction:
    id: int | None
    action: str
    key: object
    value: object
    before: object = None
    who: str = ""
    at: str = ""
    status: str = ""  # applied, orphaned (its fact is gone), or refused (cannot apply)
    describe: str = ""

    def as_dict(self) -> dict:
        d = {"action": self.action, "key": self.key, "value": self.value,
             "before": self.before, "who": self.who, "at": self.at}
        if self.id is not None:
            d = {"id": self.id, **d, "status": self.status, "what": self.describe}
        return d


def _event_values(conn, eid: int) -> dict:
    row = conn.execute("select date, kind, count, bound from events where id = ?",
                       [eid]).fetchone()
    countries = dict(conn.execute("select country, count from event_countries "
                                  "where event_id = ? order by country", [eid]))
    return {"date": row[0], "kind": row[1], "count": row[2], "bound": row[3],
            "countries": countries} if row else {}


def make(db, action: str, *, event: int | None = None, other: int | None = None,
         report: int | None = None, quote: int | None = None, value=None,
         name: str | None = None, article: str | None = None,
         who: str | None = None) -> Correction:
    """Record one correction (by row ids of the current database, turned into stable keys) and
    apply it, in one transaction: a kill leaves the old state or the new one."""
    conn = _conn(db)
    if action not in ACTIONS:
        raise CorrectionError(f"unknown correction {action!r}; one of: {', '.join(ACTIONS)}")
    before = None
    if action in ("confirm", "reject", "edit"):
        _need(event, "an event")
        key = event_key(db, event)
        before = _event_values(conn, event)
        if action == "edit":
            value = _check_edit(value)
        else:
            value = None
    elif action == "merge":
        _need(event, "an event")
        _need(other, "the other event")
        if event == other:
            raise CorrectionError("an event cannot be merged with itself")
        for e in (event, other):
            kind = conn.execute("select kind from events where id = ?", [e]).fetchone()
            if kind is None:
                raise CorrectionError(f"no event {e}")
            from app.merge import KIND_GROUP
            if kind[0] not in KIND_GROUP:
                raise CorrectionError(f"event {e} is a {kind[0]}, not a release: only releases "
                                      f"(pardon, release, deport, exchange) merge")
        key = {"a": event_key(db, event), "b": event_key(db, other)}
        before = {"a": _event_values(conn, event), "b": _event_values(conn, other)}
        value = None
    elif action == "split":
        if report is None and event is not None:
            raise CorrectionError("say which source of the event to split out")
        _need(report, "a report")
        key = report_key(db, report)
        row = conn.execute("select event_id from event_reports where report_id = ?",
                           [report]).fetchone()
        before = {"event": _event_values(conn, row[0])} if row else None
        value = None
    elif action in QUOTE_ACTIONS:
        _need(quote, "a quote")
        key = quote_key(db, quote)
        before = {"speaker": conn.execute("select speaker from quotes where id = ?",
                                          [quote]).fetchone()[0]}
        if action == "speaker":
            value = {"speaker": (value or "").strip() or None}
        else:
            value = None
    elif action == "distinct":
        if not (name or "").strip():
            raise CorrectionError("distinct needs the name that is two people")
        _need(article, "an article (its path, or a part of it)")
        aid, h, path = article_of(db, article)
        name = name.strip()
        if not _writings(conn, aid, name):
            raise CorrectionError(f"{path} does not name {name!r}")
        key = {"name": name, "hash": h, "path": path}
        value = {"as": (value or "").strip() or f"{name} (2)"}
        if name_key(value["as"]) == name_key(name):
            raise CorrectionError(f"{value['as']!r} is a writing of {name!r}: give the other "
                                  f"person another name (default «{name} (2)»)")
    else:  # alias
        if not name or not (value or "").strip():
            raise CorrectionError("alias needs a name and the name it is one person with")
        key = {"name": name.strip()}
        value = {"as": value.strip()}
    c = Correction(None, action, key, value, before, who or who_am_i(),
                   dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    with _atomic(db):
        _insert(conn, c)
        reapply(db, regroup=False, read_side=action in TOTALS,
                new_group=c.id if action in GROUPING else None)
    c.describe = describe(c)
    return c


def article_of(db, text: str) -> tuple[int, str, str]:
    """(id, hash, path) of the article `text` names: its path, or a part of it one article has."""
    conn = _conn(db)
    row = conn.execute("select id, hash, path from articles where path = ?", [text]).fetchone()
    if row:
        return tuple(row)
    rows = conn.execute("select id, hash, path from articles where instr(path, ?) > 0 "
                        "order by path", [text]).fetchall()
    if len(rows) != 1:
        raise CorrectionError(f"{len(rows)} articles match {text!r}; give its path, or a part "
                              f"of it only one article has")
    return tuple(rows[0])


def _writings(conn, article_id: int, name: str) -> set[str]:
    """The writings of `name` (the same person by name_key) the article has: among the people
    of its reports and of its people, and its quotes' speakers."""
    k = name_key(name)
    if not k:
        return set()
    seen = {p for people, in conn.execute("select people from reports where article_id = ?",
                                          [article_id]) for p in json.loads(people or "[]")}
    seen |= {n for n, in conn.execute("select name from people where article_id = ?",
                                      [article_id])}
    seen |= {s for s, in conn.execute("select speaker from quotes where article_id = ? and "
                                      "speaker is not null", [article_id])}
    return {n for n in seen if n and name_key(n) == k}


def _need(x, what: str) -> None:
    if x is None:
        raise CorrectionError(f"this correction needs {what}")


def _check_edit(value) -> dict:
    if not isinstance(value, dict) or not value:
        raise CorrectionError("an edit needs at least one of: date, kind, count, country numbers")
    out = {}
    for f, v in value.items():
        if f not in EDIT_FIELDS:
            raise CorrectionError(f"cannot edit {f!r}: one of {', '.join(EDIT_FIELDS)}")
        if f == "date" and v is not None:
            try:
                for n, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
                    if len(v) == n:
                        dt.datetime.strptime(v, fmt)
                        break
                else:
                    raise ValueError
            except ValueError:
                raise CorrectionError(f"bad date {v!r}: YYYY-MM-DD, YYYY-MM or YYYY") from None
        if f == "count" and v is not None and (not isinstance(v, int) or v < 0):
            raise CorrectionError(f"bad count {v!r}: a whole number, 0 or more")
        if f == "kind" and not (isinstance(v, str) and v.strip()):
            raise CorrectionError("the kind cannot be empty")
        if f == "countries":
            if not isinstance(v, dict):
                raise CorrectionError("country numbers: a map of ISO code to number")
            for code, n in v.items():
                if not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
                    raise CorrectionError(f"bad country code {code!r}")
                if n is not None and (not isinstance(n, int) or n < 0):
                    raise CorrectionError(f"bad number for {code}: {n!r}")
            v = {code.upper(): n for code, n in v.items()}
        out[f] = v
    return out


def _insert(conn, c: Correction) -> int:
    c.id = conn.execute(
        "insert into corrections (action, key, value, before, slot, who, at) "
        "values (?, ?, ?, ?, ?, ?, ?)",
        [c.action, _dumps(c.key), _dumps(c.value), _dumps(c.before),
         _dumps(_slots(c.action, c.key, c.value or {})), c.who, c.at]).lastrowid
    return c.id


class _atomic:
    """One transaction (a savepoint when the caller already holds one)."""

    def __init__(self, db):
        self.conn = _conn(db)

    def __enter__(self):
        self.outer = self.conn.in_transaction
        self.conn.execute("savepoint corrections" if self.outer else "begin immediate")

    def __exit__(self, kind, *_):
        if kind is None:
            self.conn.execute("release corrections" if self.outer else "commit")
        elif self.outer:
            self.conn.execute("rollback to corrections")
            self.conn.execute("release corrections")
        else:
            self.conn.execute("rollback")


def undo_last(db) -> Correction | None:
    """Remove the newest correction and derive again without it; the removed one, or None."""
    conn = _conn(db)
    row = conn.execute("select id from corrections order by id desc limit 1").fetchone()
    if row is None:
        return None
    gone = listing(db, ids=[row[0]])[0]
    with _atomic(db):
        conn.execute("delete from corrections where id = ?", [row[0]])
        # a group the undone correction made must not be kept as known; a rejected event must
        # be derived again: both need the merge; any other undo puts values back
        again = gone.action in GROUPING or gone.action == "reject"
        reapply(db, full=again, regroup=again, read_side=gone.action in TOTALS)
    return gone


def listing(db, ids: list[int] | None = None) -> list[Correction]:
    """Every correction (or those of `ids`), oldest first, with its status on this derivation."""
    conn = _conn(db)
    status = {}
    for cid, st in conn.execute("select correction_id, status from correction_marks"):
        if status.get(cid) not in ("orphaned", "refused"):
            status[cid] = st
    where = f" where id in ({','.join('?' * len(ids))})" if ids else ""
    out = []
    for cid, action, key, value, before, who, at in conn.execute(
            f"select id, action, key, value, before, who, at from corrections{where} order by id",
            ids or []):
        c = Correction(cid, action, json.loads(key), json.loads(value),
                       json.loads(before) if before else None, who, at,
                       status.get(cid, "applied"))
        c.describe = describe(c)
        out.append(c)
    return out


def describe(c: Correction) -> str:
    """One line a person can read: what the correction says, about which fact."""
    def ev(keys) -> str:
        k = keys[0] if isinstance(keys, list) else keys
        return f"«{_short(k['text'])}» ({k['path'].rsplit('/', 1)[-1]})"

    v = c.value or {}
    if c.action == "confirm":
        return f"confirm event {ev(c.key)}"
    if c.action == "reject":
        return f"not a release: {ev(c.key)}"
    if c.action == "edit":
        parts = [f"{f} → {v[f]}" for f in ("date", "kind", "count") if f in v]
        parts += [f"{code} → {n}" for code, n in v.get("countries", {}).items()]
        return f"edit {', '.join(parts)}: {ev(c.key)}"
    if c.action == "merge":
        return f"merge {ev(c.key['a'])} with {ev(c.key['b'])}"
    if c.action == "split":
        return f"split out {ev(c.key)}"
    if c.action == "speaker":
        who = v.get("speaker")
        return f"speaker {'→ ' + who if who else 'cleared'}: {ev(c.key)}"
    if c.action == "not_quote":
        return f"not a quote: {ev(c.key)}"
    if c.action == "alias":
        return f"{c.key['name']} is {v.get('as')}"
    if c.action == "distinct":
        return (f"{c.key['name']} in {c.key['path'].rsplit('/', 1)[-1]} is another person: "
                f"{v.get('as')}")
    return c.action


def _short(text: str, n: int = 48) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 1] + "…"


def orphans(db) -> list[Correction]:
    return [c for c in listing(db) if c.status == "orphaned"]


# ---------------------------------------------------------------------------------------------
# Sharing: export and import

def export(db) -> dict:
    return {"format": EXPORT_FORMAT,
            "corrections": [Correction(None, c.action, c.key, c.value, c.before, c.who,
                                       c.at).as_dict() for c in listing(db)]}


@dataclass
class ImportResult:
    added: list[Correction] = field(default_factory=list)
    already: int = 0
    conflicts: list[tuple[dict, Correction]] = field(default_factory=list)  # (theirs, ours)
    orphaned: list[Correction] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"added": len(self.added), "already": self.already,
                "conflicts": [{"theirs": t, "ours": o.as_dict()} for t, o in self.conflicts],
                "orphaned": [c.as_dict() for c in self.orphaned]}


def import_file(db, data: dict) -> ImportResult:
    """Add the corrections of an export: one already here is skipped (importing a file twice
    changes nothing); one that decides a slot ours decides otherwise is a conflict, reported and
    not applied; the rest are added and applied, in one transaction."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise CorrectionError(f"not a pardons corrections file (format {EXPORT_FORMAT})")
    conn = _conn(db)
    result = ImportResult()
    ours = listing(db)
    with _atomic(db):
        for item in data.get("corrections", []):
            try:
                action, key, value = item["action"], item["key"], item.get("value")
            except (KeyError, TypeError):
                raise CorrectionError(f"a correction without action and key: {item!r}") from None
            if action not in ACTIONS:
                raise CorrectionError(f"unknown correction {action!r}")
            same = [o for o in ours if o.action == action and _dumps(o.key) == _dumps(key)
                    and _dumps(o.value) == _dumps(value)]
            if same:
                result.already += 1
                continue
            try:
                theirs = _decisions(action, key, value)
            except (KeyError, TypeError, AttributeError, ValueError):
                raise CorrectionError(f"a malformed {action} correction: {item!r}"[:300]) from None
            clash = [o for o in ours if any(
                theirs[s] != d for s, d in _decisions(o.action, o.key, o.value).items()
                if s in theirs)]
            if clash:
                result.conflicts.append((item, clash[-1]))
                continue
            c = Correction(None, action, key, value, item.get("before"),
                           item.get("who") or "unknown", item.get("at") or "")
            _insert(conn, c)
            ours.append(c)
            result.added.append(c)
        if result.added:
            actions = {c.action for c in result.added}
            reapply(db, regroup=bool(actions & set(GROUPING)), read_side=bool(actions & TOTALS))
    added = {c.id for c in result.added}
    result.orphaned = [c for c in listing(db) if c.id in added and c.status == "orphaned"]
    return result


def _decisions(action: str, key, value) -> dict[str, str]:
    """Slot → what the correction decides there: two corrections conflict where they decide one
    slot differently (a confirm and a reject of one event; two counts for one event)."""
    slots = _slots(action, key, value or {})
    if action != "edit":
        return {s: _dumps([action, value]) for s in slots}
    flat = [v for f, v in value.items() if f != "countries"]
    flat += list(value.get("countries", {}).values())
    return {s: _dumps(v) for s, v in zip(slots, flat)}


# ---------------------------------------------------------------------------------------------
# Applying

GROUPING = ("merge", "split")  # corrections that change which reports make an event
VALUES = ("confirm", "edit", "speaker", "not_quote", "alias", "distinct")  # ... that change values only
TOTALS = {"edit", "reject", "merge", "split"}  # ... that change the country totals


def reapply(db, *, full: bool = False, regroup: bool = True, read_side: bool = True,
            new_group: int | None = None) -> None:
    """Bring the derived data in line with the corrections (inside the caller's transaction).

    With `regroup`, the events are derived again from the reports and every correction applied
    on top; `full` merges everything afresh (needed when a correction that made groups, or a
    reject, is undone: the merge reuses the stored groups of unchanged years). Without it (a
    value changed: a confirm, an edit, a speaker …), the events keep their groups and only the
    value corrections are put back and applied again: milliseconds rather than a merge of
    every report; `new_group`, a merge or split just made, is applied to the events as they
    are, before the values. `read_side` rewrites the precomputed country totals."""
    if regroup or full:
        from app.store.events import rebuild_events

        _restore_events(_conn(db))  # so that events no correction regroups keep their ids
        rebuild_events(db, full=full)
        apply_corrections(db)
        return
    conn = _conn(db)
    _restore_quotes(conn)
    _restore_events(conn)
    # the value corrections, and a reject not applied yet (the one just made)
    todo = conn.execute(f"select id, action, key, value from corrections where action in "
                        f"({','.join('?' * len(VALUES))}) or action = 'reject' and id not in "
                        f"(select correction_id from correction_marks) order by id",
                        VALUES).fetchall()
    todo.sort(key=lambda row: (row[1] != "distinct", row[0]))  # names first (module docstring)
    conn.execute(f"delete from correction_marks where correction_id not in (select id from "
                 f"corrections where action not in ({','.join('?' * len(VALUES))}))", VALUES)
    ctx = _Apply(db)
    if new_group is not None:
        cid, action, key = conn.execute("select id, action, key from corrections where id = ?",
                                        [new_group]).fetchone()
        getattr(ctx, action)(cid, json.loads(key))
    for cid, action, key, value in todo:
        getattr(ctx, action)(cid, json.loads(key), json.loads(value))
    if read_side:
        from app.store.events import refresh_read_tables

        refresh_read_tables(db)


def _restore_events(conn) -> None:
    """Put the machine's values back on events a correction edited (the next derivation then
    finds them unchanged, and they keep their rows and ids)."""
    for eid, fld, original in conn.execute(
            "select target_id, field, original from correction_marks where target = 'event' "
            "and target_id is not null and (field in ('date', 'kind', 'people', '_count') "
            "or field like 'country:%' or field like '_absent:%') order by rowid desc"
            ).fetchall():
        o = json.loads(original)
        if fld == "date":
            from app.merge import PRECISION

            conn.execute("update events set date = ?, precision = ? where id = ?",
                         [o, PRECISION.get(len(o)) if o else None, eid])
        elif fld in ("kind", "people"):
            conn.execute(f"update events set {fld} = ? where id = ?",
                         [o if fld == "kind" else json.dumps(o, ensure_ascii=False), eid])
        elif fld == "_count":
            conn.execute("update events set count = ?, bound = ?, count_conflict = ? "
                         "where id = ?", [o["count"], o["bound"], o["count_conflict"], eid])
        elif fld.startswith("_absent:"):
            conn.execute("delete from event_countries where event_id = ? and country = ?",
                         [eid, fld.split(":", 1)[1]])
        else:
            conn.execute("update event_countries set count = ? where event_id = ? and "
                         "country = ?", [o, eid, fld.split(":", 1)[1]])


def apply_corrections(db) -> None:
    """Apply every correction to freshly derived events and to the quotes; called by the
    importer right after it derives the events (inside its transaction)."""
    conn = _conn(db)
    had_marks = _restore_quotes(conn)
    rows = conn.execute("select id, action, key, value from corrections order by id").fetchall()
    if not rows and not had_marks:
        return
    conn.execute("delete from correction_marks")
    todo = [(cid, action, json.loads(key), json.loads(value)) for cid, action, key, value in rows]
    ctx = _Apply(db)
    for cid, action, key, value in todo:  # groups first: values then land on the final events
        if action in ("merge", "split"):
            getattr(ctx, action)(cid, key)
    todo.sort(key=lambda row: row[1] != "distinct")  # then names (module docstring), then values
    for cid, action, key, value in todo:
        if action not in ("merge", "split"):
            getattr(ctx, action)(cid, key, value)
    from app.store.events import refresh_read_tables

    refresh_read_tables(db)


def _restore_quotes(conn) -> bool:
    """Put the quotes a correction changed back as the machine made them (when the article was
    not imported again since: then they are the machine's already). True if any marks existed."""
    marks = conn.execute("select target_id, field, original from correction_marks "
                         "where target = 'quote'").fetchall()
    for qid, fld, original in marks:
        o = json.loads(original)
        if fld == "speaker":
            conn.execute("update quotes set speaker = ? where id = ? and article_id = ? and "
                         "start = ? and end = ?",
                         [o["speaker"], qid, o["article_id"], o["start"], o["end"]])
        elif fld == "hidden":
            row = o["row"]
            alive = conn.execute("select 1 from articles where id = ? and imported_at = ?",
                                 [row["article_id"], o["imported_at"]]).fetchone()
            there = conn.execute("select 1 from quotes where article_id = ? and start = ? and "
                                 "end = ?", [row["article_id"], row["start"], row["end"]]
                                 ).fetchone()
            if alive and not there:
                cols = list(row)
                conn.execute(f"insert into quotes ({', '.join(cols)}) "
                             f"values ({', '.join('?' * len(cols))})", [row[c] for c in cols])
    has_any = conn.execute("select 1 from correction_marks limit 1").fetchone() is not None
    return has_any


class _Apply:
    """One pass of applying corrections; each method writes its marks."""

    def __init__(self, db):
        self.db, self.conn = db, _conn(db)
        self._reports = None

    def mark(self, cid: int, target: str, target_id: int | None, fld: str, original=None,
             value=None, status: str = "applied") -> None:
        self.conn.execute(
            "insert into correction_marks (correction_id, target, target_id, field, original, "
            "value, status) values (?, ?, ?, ?, ?, ?, ?)",
            [cid, target, target_id, fld, _dumps(original), _dumps(value), status])

    def orphan(self, cid: int, target: str, keys: list | None = None) -> None:
        """No fact for this correction. For an event: unless its reports still exist and a
        reject (applied before it) removed the event: then it is superseded, not orphaned."""
        if keys and any(_find(self.conn, "reports", k) is not None for k in keys):
            return self.mark(cid, target, None, "", status="superseded")
        self.mark(cid, target, None, "", status="orphaned")

    # -- groups ------------------------------------------------------------------------------

    def reports(self) -> dict:
        if self._reports is None:
            from app.store.events import load_reports

            self._reports = {r.id: r for r in load_reports(self.db)}
        return self._reports

    def members(self, eid: int) -> list[tuple[int, bool]]:
        return [(r, role == "part") for r, role in self.conn.execute(
            "select report_id, role from event_reports where event_id = ?", [eid])]

    def write(self, members: list[tuple[int, bool]]) -> int:
        """Write one event of these reports, summed up by the merge's own rules for a group."""
        from app.merge import KIND_GROUP, _Cluster, _order, _single
        from app.store.events import _countries, _row

        reports = self.reports()
        rs = sorted((reports[r] for r, _ in members), key=_order)
        parts = {r for r, part in members if part}
        if len(rs) == 1 and rs[0].kind not in KIND_GROUP:
            e = _single(rs[0])
        else:
            first = next((r for r in rs if r.id not in parts), rs[0])
            c = _Cluster(first, frozenset())
            for r in rs:
                if r is not first:
                    c.add(r, r.id in parts, frozenset())
            e = c.event()
        row = _row(e)
        eid = self.conn.execute(f"insert into events ({', '.join(row)}) "
                                f"values ({', '.join('?' * len(row))})", list(row.values())
                                ).lastrowid
        self.conn.executemany(
            "insert into event_reports (event_id, report_id, role) values (?, ?, ?)",
            [(eid, r, "part" if r in parts else "main") for r in e.report_ids])
        self.conn.executemany(
            "insert into event_countries (event_id, country, count) values (?, ?, ?)",
            [(eid, c, n) for c, n in _countries(e).items()])
        return eid

    def drop(self, eid: int) -> None:
        """Delete an event, and the marks of this pass on it (its id may be given again)."""
        self.conn.execute("delete from correction_marks where target = 'event' and "
                          "target_id = ?", [eid])
        for table, col in (("event_countries", "event_id"), ("event_reports", "event_id"),
                           ("events", "id")):
            self.conn.execute(f"delete from {table} where {col} = ?", [eid])

    def merge(self, cid: int, key: dict) -> None:
        a, b = _event_of(self.conn, key["a"]), _event_of(self.conn, key["b"])
        if a is None or b is None:
            return self.orphan(cid, "event")
        if a == b:
            return self.mark(cid, "event", a, "merged")
        from app.merge import KIND_GROUP

        members = self.members(a) + self.members(b)
        if any(self.reports()[r].kind not in KIND_GROUP for r, _ in members):
            return self.mark(cid, "event", None, "", status="refused")
        self.drop(a)
        self.drop(b)
        self.mark(cid, "event", self.write(members), "merged")

    def split(self, cid: int, key: dict) -> None:
        rid = _find(self.conn, "reports", key)
        row = rid and self.conn.execute("select event_id from event_reports where report_id = ?",
                                        [rid]).fetchone()
        if not row:
            return self.orphan(cid, "event")
        members = self.members(row[0])
        rest = [m for m in members if m[0] != rid]
        if not rest:
            return self.mark(cid, "event", row[0], "split")
        self.drop(row[0])
        self.write(rest)
        self.mark(cid, "event", self.write([(rid, False)]), "split")

    # -- values ------------------------------------------------------------------------------

    def confirm(self, cid: int, key, value) -> None:
        eid = _event_of(self.conn, key)
        if eid is None:
            return self.orphan(cid, "event", key)
        self.mark(cid, "event", eid, "confirmed")

    def reject(self, cid: int, key, value) -> None:
        eid = _event_of(self.conn, key)
        if eid is None:
            return self.orphan(cid, "event", key)
        original = _event_values(self.conn, eid)
        self.drop(eid)
        self.mark(cid, "event", None, "rejected", original=original)

    def edit(self, cid: int, key, value: dict) -> None:
        eid = _event_of(self.conn, key)
        if eid is None:
            return self.orphan(cid, "event", key)
        now = _event_values(self.conn, eid)
        for fld in ("date", "kind", "count"):
            if fld not in value:
                continue
            self.mark(cid, "event", eid, fld, original=self._original(eid, fld, now[fld]),
                      value=value[fld])
            if fld == "date":
                from app.merge import PRECISION

                d = value["date"]
                self.conn.execute("update events set date = ?, precision = ? where id = ?",
                                  [d, PRECISION.get(len(d)) if d else None, eid])
            elif fld == "count":
                if not self.conn.execute("select 1 from correction_marks where target = "
                                         "'event' and target_id = ? and field = '_count'",
                                         [eid]).fetchone():
                    self.mark(cid, "event", eid, "_count", original=dict(zip(
                        ("count", "bound", "count_conflict"), self.conn.execute(
                            "select count, bound, count_conflict from events where id = ?",
                            [eid]).fetchone())))
                self.conn.execute("update events set count = ?, bound = null, "
                                  "count_conflict = null where id = ?", [value["count"], eid])
            else:
                self.conn.execute("update events set kind = ? where id = ?", [value["kind"], eid])
        for code, n in value.get("countries", {}).items():
            fld = f"country:{code}"
            if code not in now["countries"] and not self.conn.execute(
                    "select 1 from correction_marks where target = 'event' and target_id = ? "
                    "and field = ?", [eid, fld]).fetchone():
                self.mark(cid, "event", eid, f"_absent:{code}")
            self.mark(cid, "event", eid, fld,
                      original=self._original(eid, fld, now["countries"].get(code)), value=n)
            self.conn.execute("insert or replace into event_countries (event_id, country, count)"
                              " values (?, ?, ?)", [eid, code, n])
        self.mark(cid, "event", eid, "confirmed")

    def _original(self, eid: int, fld: str, now):
        """The machine's value: the current one, unless an earlier correction already set it."""
        row = self.conn.execute("select original from correction_marks where target = 'event' "
                                "and target_id = ? and field = ? order by rowid limit 1",
                                [eid, fld]).fetchone()
        return json.loads(row[0]) if row else now

    def speaker(self, cid: int, key, value) -> None:
        qid = _find(self.conn, "quotes", key)
        if qid is None:
            return self.orphan(cid, "quote")
        aid, start, end, speaker = self.conn.execute(
            "select article_id, start, end, speaker from quotes where id = ?", [qid]).fetchone()
        row = self.conn.execute("select original from correction_marks where target = 'quote' "
                                "and target_id = ? and field = 'speaker'", [qid]).fetchone()
        original = json.loads(row[0]) if row else {"speaker": speaker, "article_id": aid,
                                                    "start": start, "end": end}
        self.conn.execute("delete from correction_marks where target = 'quote' and "
                          "target_id = ? and field = 'speaker'", [qid])
        self.mark(cid, "quote", qid, "speaker", original=original, value=value.get("speaker"))
        self.conn.execute("update quotes set speaker = ? where id = ?",
                          [value.get("speaker"), qid])

    def not_quote(self, cid: int, key, value) -> None:
        qid = _find(self.conn, "quotes", key)
        if qid is None:
            return self.orphan(cid, "quote")
        cur = self.conn.execute("select * from quotes where id = ?", [qid])
        names = [d[0] for d in cur.description]
        row = dict(zip(names, cur.fetchone()))
        # the machine's speaker, if a correction set another
        kept = self.conn.execute("select original from correction_marks where target = 'quote' "
                                 "and target_id = ? and field = 'speaker'", [qid]).fetchone()
        if kept:
            row["speaker"] = json.loads(kept[0])["speaker"]
            self.conn.execute("delete from correction_marks where target = 'quote' and "
                              "target_id = ? and field = 'speaker'", [qid])
        row.pop("id")
        imported_at = self.conn.execute("select imported_at from articles where id = ?",
                                        [row["article_id"]]).fetchone()[0]
        self.mark(cid, "quote", qid, "hidden", original={"row": row, "imported_at": imported_at})
        self.conn.execute("delete from quotes where id = ?", [qid])

    def alias(self, cid: int, key, value) -> None:
        name, canonical = key["name"], value["as"]
        found = False
        for qid, aid, start, end in self.conn.execute(
                "select id, article_id, start, end from quotes where speaker = ?",
                [name]).fetchall():
            found = True
            self.mark(cid, "quote", qid, "speaker", value=canonical, original={
                "speaker": name, "article_id": aid, "start": start, "end": end})
            self.conn.execute("update quotes set speaker = ? where id = ?", [canonical, qid])
        for eid, people in self.conn.execute(
                "select id, people from events where people like ?",
                ["%" + json.dumps(name, ensure_ascii=False)[1:-1] + "%"]).fetchall():
            names = json.loads(people or "[]")
            if name not in names:
                continue
            found = True
            renamed = sorted({canonical if p == name else p for p in names})
            self.mark(cid, "event", eid, "people", original=names, value=renamed)
            self.conn.execute("update events set people = ? where id = ?",
                              [json.dumps(renamed, ensure_ascii=False), eid])
        if not found:
            self.orphan(cid, "person")

    def distinct(self, cid: int, key, value) -> None:
        """The name's mentions in one article are another person: they take the name `as`."""
        row = (self.conn.execute("select id from articles where hash = ?", [key["hash"]]
                                 ).fetchone()
               or self.conn.execute("select id from articles where path = ?", [key["path"]]
                                    ).fetchone())
        writings = _writings(self.conn, row[0], key["name"]) if row else set()
        if not writings:
            return self.orphan(cid, "person")
        aid, new, k = row[0], value["as"], name_key(key["name"])
        # what the people list reads: these writings, in this article, are `new`
        self.mark(cid, "article", aid, "person", original=sorted(writings), value=new)
        for qid, start, end, speaker in self.conn.execute(
                "select id, start, end, speaker from quotes where article_id = ? and speaker "
                "is not null", [aid]).fetchall():
            if speaker not in writings:
                continue
            prev = self.conn.execute("select original from correction_marks where target = "
                                     "'quote' and target_id = ? and field = 'speaker'",
                                     [qid]).fetchone()
            original = json.loads(prev[0]) if prev else {"speaker": speaker, "article_id": aid,
                                                         "start": start, "end": end}
            self.conn.execute("delete from correction_marks where target = 'quote' and "
                              "target_id = ? and field = 'speaker'", [qid])
            self.mark(cid, "quote", qid, "speaker", original=original, value=new)
            self.conn.execute("update quotes set speaker = ? where id = ?", [new, qid])
        for eid, people in self.conn.execute(
                "select distinct e.id, e.people from events e join event_reports er on "
                "er.event_id = e.id join reports r on r.id = er.report_id "
                "where r.article_id = ?", [aid]).fetchall():
            names = json.loads(people or "[]")
            if not any(name_key(p) == k for p in names):
                continue
            # the event's other articles may name the first person: then both are in it
            others = {name_key(p) for ps, in self.conn.execute(
                "select r.people from event_reports er join reports r on r.id = er.report_id "
                "where er.event_id = ? and r.article_id != ?", [eid, aid])
                for p in json.loads(ps or "[]")}
            kept = names if k in others else [p for p in names if name_key(p) != k]
            renamed = sorted(set(kept) | {new})
            self.mark(cid, "event", eid, "people", original=names, value=renamed)
            self.conn.execute("update events set people = ? where id = ?",
                              [json.dumps(renamed, ensure_ascii=False), eid])


# ---------------------------------------------------------------------------------------------
# Carrying corrections over to a rebuilt database

def carry_over(old_path, db) -> str | None:
    """Copy the corrections of the database at `old_path` (if it has any) into `db`, a freshly
    built one, and apply them. A warning to show if the old database's corrections could not
    be read (a damaged file being rebuilt): they are then saved beside it, if anything is."""
    import shutil
    import sqlite3
    from pathlib import Path

    if not Path(old_path).exists():
        return None
    try:
        old = sqlite3.connect(f"{Path(old_path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {t for t, in old.execute("select name from sqlite_master")}
            if "corrections" not in tables:
                return None  # an older schema: no corrections yet
            rows = old.execute("select action, key, value, before, slot, who, at "
                               "from corrections order by id").fetchall()
        finally:
            old.close()
    except sqlite3.DatabaseError as e:
        keep = Path(f"{old_path}.before-rebuild")
        shutil.copyfile(old_path, keep)
        return (f"its corrections could not be read ({e}); the old database is kept as {keep}:"
                f" export them from it with `pardons --db {keep} corrections export FILE`")
    if not rows:
        return None
    conn = _conn(db)
    with _atomic(db):
        conn.executemany("insert into corrections (action, key, value, before, slot, who, at) "
                         "values (?, ?, ?, ?, ?, ?, ?)", rows)
        apply_corrections(db)
    return None
