#!/usr/bin/env python3
"""Verifies a thidua meeting file (*.thidua) without thidua: Python 3's standard
library only, following docs/FORMAT.md.

    python3 scripts/verify_meeting.py MEETING.thidua

Prints what `thidua --lang en verify` prints: on success, to standard output, the
number of events, the config's SHA-256, the chain head and its check code (exit 0);
otherwise, to standard error, every break with its event number (exit 1), or that
the file is not a meeting file (exit 1, as thidua).

It checks what the chain vouches for: the stored config against its SHA-256, the
events numbered 1, 2, 3... without gaps, every row's hash, and that every event is
a JSON object of a known type with exactly that type's fields. It does not apply the
meeting's rules (who may score whom, maximums, steps); `thidua verify` does, and
reports an event that breaks them as well.
"""

import hashlib
import json
import os
import sqlite3
import sys
import urllib.request

APPLICATION_ID = 0x54445541  # "TDUA"
KNOWN_VERSIONS = (1, 2)

# Every event type and its fields, as docs/FORMAT.md lists them.
EVENT_FIELDS = {
    "meeting": {"date", "place", "chair", "secretary"},
    "attendance": {"member", "present"},
    "score": {"scorer", "target", "item", "value"},
    "submit": {"scorer"},
    "reopen": {"scorer", "reason"},
    "ballot": {"commendation", "round", "issued", "valid", "votes"},
    "decide_tie": {"commendation", "chosen", "reason"},
    "next_year": {"head", "deputy"},
    "finalize": set(),
    "import_sheet": {"scorer", "sheet_sha256", "source"},
    "paper_sheet": {"scorer", "entered_by", "checked_by", "corrections"},
}


def quoted(text):
    """A JSON string exactly as serde_json writes it: UTF-8 as is, only `"`, `\\`
    and control characters escaped (Python's rules with ensure_ascii=False are the
    same)."""
    return json.dumps(text, ensure_ascii=False)


def text(value):
    """A column's text; empty for NULL, a number, a blob or invalid UTF-8 (the
    text factory hands every text over as bytes)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return ""
    return ""


def origin_of(device, device_seq):
    """(ok, origin JSON or None). Both NULL: no origin. Both set: a device's text
    and its sequence number, stored as the same 64 bits in a signed integer."""
    if device is None and device_seq is None:
        return True, None
    if isinstance(device, bytes) and isinstance(device_seq, int):
        name = text(device)
        if name == "" and device != b"":
            return False, None
        seq = device_seq & 0xFFFFFFFFFFFFFFFF
        return True, '{"device":%s,"seq":%d}' % (quoted(name), seq)
    return False, None


def event_readable(event_text):
    try:
        event = json.loads(event_text)
    except ValueError:
        return False
    if not isinstance(event, dict):
        return False
    fields = EVENT_FIELDS.get(event.get("type"))
    return fields is not None and set(event) - {"type"} == fields


def verify(path):
    try:
        url = "file:%s?mode=ro" % urllib.request.pathname2url(os.path.abspath(path))
        conn = sqlite3.connect(url, uri=True)
        conn.text_factory = bytes
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        config = conn.execute(
            "SELECT bytes, sha256 FROM config WHERE id = 1 AND typeof(bytes) = 'blob'"
        ).fetchone()
    except sqlite3.Error:
        app, version, config = None, None, None
    if app != APPLICATION_ID or config is None:
        print("error: %s: not a thidua meeting file, or the file is damaged" % path,
              file=sys.stderr)
        return 1
    if version not in KNOWN_VERSIONS:
        print("error: %s: made by a newer version of thidua (schema %s)" % (path, version),
              file=sys.stderr)
        return 1

    breaks = []
    config_bytes, stored_sha = config
    stored_sha = text(stored_sha)
    if hashlib.sha256(config_bytes).hexdigest() != stored_sha:
        breaks.append("the stored config was edited after the meeting was created")

    origin_columns = "device, device_seq" if version >= 2 else "NULL, NULL"
    rows = conn.execute(
        "SELECT seq, at, by, event, hash, %s FROM events WHERE seq > 0 ORDER BY seq"
        % origin_columns
    )
    # The first event's previous hash is the config's stored SHA-256; every later
    # one's is the previous row's stored hash.
    previous = stored_sha
    expected = 1
    applied = 0
    for seq, at, by, event, stored_hash, device, device_seq in rows:
        if seq != expected:
            breaks.append("events are missing: expected #%d, found #%d" % (expected, seq))
        expected = seq + 1
        stored_hash = text(stored_hash)
        ok, origin = origin_of(device, device_seq)
        if not ok:
            breaks.append("event #%d is unreadable" % seq)
            previous = stored_hash
            continue
        event = text(event)
        row = '{"seq":%d,"at":%s,"by":%s,%s"event":%s}' % (
            seq,
            quoted(text(at)),
            quoted(text(by)),
            "" if origin is None else '"origin":%s,' % origin,
            event,
        )
        computed = hashlib.sha256(previous.encode() + row.encode()).hexdigest()
        if computed != stored_hash:
            breaks.append("event #%d was altered (its hash does not match)" % seq)
        previous = stored_hash
        if not event_readable(event):
            breaks.append("event #%d is unreadable" % seq)
            continue
        applied = seq

    if breaks:
        print("%s: FAILED — the file was altered or damaged:" % path, file=sys.stderr)
        for line in breaks:
            print("  - %s" % line, file=sys.stderr)
        return 1
    code = "-".join(previous[i : i + 4] for i in range(0, 12, 4)).upper()
    noun = "event" if applied == 1 else "events"
    print("%s: OK — %d %s, the hash chain verifies." % (path, applied, noun))
    print("config_sha256: %s" % stored_sha)
    print("session_head: %s" % previous)
    print("Check code: %s" % code)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(verify(sys.argv[1]))
