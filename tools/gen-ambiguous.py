#!/usr/bin/env python3
"""gen-ambiguous.py - writes src/ambiguous.c, the table of East Asian
Ambiguous (EAW=A) code point ranges that lec_cp_ambiguous() searches.

utf8proc 2.8 has no ambiguous-width query (it arrived in 2.10), so lectern
carries its own table for --ambiwidth=2.  The data comes from Python's
unicodedata module; the Unicode version it was built from is written into
the generated file so a reader can tell how old the table is.

Usage: python3 tools/gen-ambiguous.py [-o src/ambiguous.c]
The output is already in the repository's clang-format style.
"""

import argparse
import sys
import unicodedata


def ambiguous_ranges():
    """Returns a sorted list of (first, last) inclusive ranges of EAW=A."""
    ranges = []
    for cp in range(0x110000):
        if unicodedata.east_asian_width(chr(cp)) != "A":
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges


def render(ranges):
    out = []
    out.append("/*")
    out.append(" * ambiguous.c - East Asian Ambiguous (EAW=A) code points.")
    out.append(" *")
    out.append(" * GENERATED FILE, do not edit: written by tools/gen-ambiguous.py from")
    out.append(" * Python's unicodedata (Unicode %s), %d ranges."
               % (unicodedata.unidata_version, len(ranges)))
    out.append(" * utf8proc 2.8 gives these characters width 1 and cannot tell them")
    out.append(" * apart, so --ambiwidth=2 needs this table.")
    out.append(" */")
    out.append('#include "ambiguous.h"')
    out.append("")
    out.append("#include <stddef.h>")
    out.append("")
    out.append("struct range {")
    out.append("    int32_t first;")
    out.append("    int32_t last;")
    out.append("};")
    out.append("")
    out.append("/* Sorted, non-overlapping, inclusive. */")
    out.append("// clang-format off")
    out.append("static const struct range ambiguous[] = {")
    per_line = 4
    for i in range(0, len(ranges), per_line):
        chunk = ranges[i:i + per_line]
        cells = ", ".join("{0x%05X, 0x%05X}" % (a, b) for a, b in chunk)
        out.append("    " + cells + ",")
    out.append("};")
    out.append("// clang-format on")
    out.append("")
    out.append("int lec_ambiguous_lookup(int32_t cp)")
    out.append("{")
    out.append("    size_t lo = 0, hi = sizeof ambiguous / sizeof ambiguous[0];")
    out.append("")
    out.append("    /* Nothing below U+00A1 is ambiguous: keep ASCII off the search. */")
    out.append("    if (cp < ambiguous[0].first || cp > ambiguous[hi - 1].last) return 0;")
    out.append("    while (lo < hi) {")
    out.append("        size_t mid = lo + (hi - lo) / 2;")
    out.append("        if (cp < ambiguous[mid].first)")
    out.append("            hi = mid;")
    out.append("        else if (cp > ambiguous[mid].last)")
    out.append("            lo = mid + 1;")
    out.append("        else")
    out.append("            return 1;")
    out.append("    }")
    out.append("    return 0;")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = ap.parse_args()
    text = render(ambiguous_ranges())
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
