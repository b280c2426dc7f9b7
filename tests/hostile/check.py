#!/usr/bin/env python3
"""tests/hostile/check.py - checks on lectern's output for tests/hostile.sh
and tests/terminals.sh, measured independently of lectern's own width
function (Python's unicodedata, clusters approximated as lectern forms
them: a base with its combining marks, variation selectors, skin tones
and ZWJ-joined followers; two regional indicators).

    check.py raw FILE          every byte or code point of FILE that would
                               act on a terminal (C0 but TAB/LF/CR, DEL,
                               C1, bidi controls) or is not UTF-8; one a line
    check.py widest FILE       the width in cells of FILE's widest row
    check.py over FILE W       the rows wider than W cells, but a row of a
                               single cluster (wider than a 1-cell line)
    check.py frame DUMP        the frame of every screen of a headless dump
                               (tui.h): as many rows as the size, none wider
                               than the screen, a whole status line of 'S'
                               (2 rows or more), one cursor row at most
    check.py rows DUMP NAME    the text rows of screen NAME
    check.py letters DUMP NAME TEXT
                               the dump letters under the first TEXT on
                               screen NAME, one a character
Exit status 0 when there is nothing to report, 1 otherwise (2: usage).
"""
import re
import sys
import unicodedata

ZERO_CATS = ("Mn", "Me", "Cf")


def is_ri(ch):
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def is_extend(ch):
    o = ord(ch)
    return (unicodedata.category(ch) in ZERO_CATS or 0xFE00 <= o <= 0xFE0F
            or 0x1F3FB <= o <= 0x1F3FF) and not (0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069
                                                  or o in (0x200E, 0x200F, 0x061C))


def char_width(ch):
    if is_extend(ch):
        return 0
    if unicodedata.category(ch) == "Cn":  # unassigned, noncharacters
        return 1
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def clusters(s):
    """(text, width) of every cluster of s."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        w, j, vs = char_width(c), i + 1, False
        if is_ri(c) and j < n and is_ri(s[j]):
            j, w = j + 1, 2
        while j < n:
            d = s[j]
            if d == "\u200d" and j + 1 < n:
                j += 2
            elif is_extend(d):
                vs = vs or d == "\ufe0f"
                j += 1
            else:
                break
        yield s[i:j], min(2 if vs else w, 2)
        i = j


def width(s):
    return sum(w for _, w in clusters(s))


def lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            yield line.rstrip("\n")


def unsafe(cp):
    return ((cp < 0x20 and cp not in (9, 10, 13)) or 0x7F <= cp <= 0x9F
            or 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069
            or cp in (0x200E, 0x200F, 0x061C))


def cmd_raw(path):
    data = open(path, "rb").read()
    text = data.decode("utf-8", errors="surrogateescape")
    found, off = 0, 0
    for ch in text:
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:
            print("byte %d: 0x%02X is not UTF-8" % (off, cp - 0xDC00))
            found += 1
            off += 1
            continue
        if unsafe(cp):
            print("byte %d: raw U+%04X" % (off, cp))
            found += 1
        off += len(ch.encode("utf-8"))
        if found >= 20:
            break
    return 1 if found else 0


def cmd_widest(path):
    print(max([width(l) for l in lines(path)] or [0]))
    return 0


def cmd_over(path, w):
    w, bad = int(w), 0
    for n, l in enumerate(lines(path), 1):
        cw = width(l)
        if cw > w and len(list(clusters(l))) > 1:
            print("row %d is %d cells wide: %r" % (n, cw, l[:60]))
            bad += 1
            if bad >= 10:
                break
    return 1 if bad else 0


def screens(path):
    out, order = {}, []
    rows_all = open(path, encoding="utf-8", errors="replace").read().split("\n")
    i = 0
    while i < len(rows_all):
        m = re.match(r"=== (.*) (\d+)x(\d+)$", rows_all[i])
        if not m:
            i += 1
            continue
        name, cols, rows = m.group(1), int(m.group(2)), int(m.group(3))
        text = rows_all[i + 1:i + 1 + rows]
        sep = rows_all[i + 1 + rows] if i + 1 + rows < len(rows_all) else None
        attrs = rows_all[i + 2 + rows:i + 2 + 2 * rows]
        out[name] = (cols, rows, text, attrs, sep)
        order.append(name)
        i += 2 + 2 * rows
    return out, order


def cmd_frame(path):
    scr, order = screens(path)
    bad = 0
    if not order:
        print("no screen in the dump")
        return 1
    for name in order:
        cols, rows, text, attrs, sep = scr[name]
        probs = []
        if sep != "--- attributes" or len(text) != rows or len(attrs) != rows:
            probs.append("not %d rows of text and of attributes" % rows)
        for y, row in enumerate(text):
            # what is on a screen is what curses drew: one character a cell
            # or two, no clusters left to form
            w = sum(char_width(c) for c in row)
            if w > cols:
                probs.append("row %d is %d cells wide: %r" % (y + 1, w, row[:60]))
        for y, a in enumerate(attrs):
            if len(a) > cols:
                probs.append("attribute row %d is %d letters" % (y + 1, len(a)))
        if rows >= 2 and attrs and attrs[-1] != "S" * cols:
            probs.append("the status line is not %d letters S: %r" % (cols, attrs[-1]))
        cur = [y for y, a in enumerate(attrs) if "c" in a]
        if len(cur) > 1:
            probs.append("%d cursor rows" % len(cur))
        for p in probs:
            print("%s: %s" % (name, p))
        bad += len(probs)
    return 1 if bad else 0


def cmd_rows(path, name):
    scr, _ = screens(path)
    if name not in scr:
        print("no screen %s" % name, file=sys.stderr)
        return 1
    for row in scr[name][2]:
        print(row)
    return 0


def cmd_letters(path, name, text):
    scr, _ = screens(path)
    if name not in scr:
        print("no screen %s" % name)
        return 1
    cols, rows, rtext, attrs, _ = scr[name]
    for y, row in enumerate(rtext):
        k = row.find(text)
        if k < 0:
            continue
        x = sum(char_width(c) for c in row[:k])
        a = attrs[y] if y < len(attrs) else ""
        got = ""
        for ch in text:
            got += a[x] if x < len(a) else "."
            x += char_width(ch)
        print(got)
        return 0
    print("%r is not on screen %s" % (text, name))
    return 1


def main(argv):
    cmds = {"raw": (cmd_raw, 1), "widest": (cmd_widest, 1), "over": (cmd_over, 2),
            "frame": (cmd_frame, 1), "rows": (cmd_rows, 2), "letters": (cmd_letters, 3)}
    if len(argv) < 2 or argv[1] not in cmds or len(argv) - 2 != cmds[argv[1]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    return cmds[argv[1]][0](*argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
