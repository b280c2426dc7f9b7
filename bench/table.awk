# bench/table.awk - the one table of bench/run, made from its results.
#
# Input: the results file, tab-separated lines
#   KEY INPUT MB VALUE... STATUS
# (KEY is section.what: fs.lectern, t.toc, lat.fold_all, by.less...; the
# values are in the order bench/measure.py and bench/latency print them).
# Variables: sizes ("1 10 100"), runs, only (sections), machine, loadavg,
# version.
#
# Rows are values (one column per size, and the growth from the smallest
# to the largest size) or ratios of two values; a row with a target says
# pass or FAIL.  A target marked "@" is checked at the largest size only;
# the others at every size.  Written for any POSIX awk (mawk included).

function isnum(x) {
    return x ~ /^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$/
}

# Field i of the result KEY/INPUT/MB, as a number; "" when there is none.
function get(key, inp, mb, i,    k) {
    k = key SUBSEP inp SUBSEP mb
    if (!(k in st) || st[k] != "ok" || !isnum(f[k, i])) return ""
    return f[k, i] + 0
}

# Why a cell is empty: the status of a run that failed, or "-".
function why(key, inp, mb,    k) {
    k = key SUBSEP inp SUBSEP mb
    if (!(k in st)) return "-"
    if (st[k] != "ok") return st[k]
    return "-"
}

function fmt(v, unit) {
    if (v == "") return ""
    if (unit == "s") {
        if (v < 0.001) return sprintf("%.0f us", v * 1e6)
        if (v < 0.01) return sprintf("%.2f ms", v * 1e3)
        if (v < 1) return sprintf("%.1f ms", v * 1e3)
        return sprintf("%.2f s", v)
    }
    if (unit == "kB") return sprintf("%.1f MB", v / 1024)
    if (unit == "B") return v < 100000 ? sprintf("%.0f B", v) : sprintf("%.1f kB", v / 1000)
    if (unit == "x") return sprintf("%.2fx", v)
    if (unit == "MB/s") return sprintf("%.1f MB/s", v)
    return v
}

# Fills val[1..ns] (and why_[]) with field i of KEY/INPUT divided by div.
function load(key, inp, i, div,    j, v) {
    for (j = 1; j <= ns; j++) {
        v = get(key, inp, size[j], i)
        val[j] = v == "" ? "" : v / div
        why_[j] = v == "" ? why(key, inp, size[j]) : ""
    }
}

# val[] = val[] / (field i of KEY/INPUT divided by div).
function divide(key, inp, i, div,    j, v) {
    for (j = 1; j <= ns; j++) {
        v = get(key, inp, size[j], i)
        if (val[j] == "" || v == "" || v == 0) {
            if (why_[j] == "") why_[j] = v == "" ? why(key, inp, size[j]) : "-"
            val[j] = ""
        } else {
            val[j] = val[j] / (v / div)
        }
    }
}

# pass/FAIL: every value (or, with at_max, the largest size's) compared.
function check(op, lim, at_max,    j, any, bad) {
    for (j = at_max ? ns : 1; j <= ns; j++) {
        if (val[j] == "") continue
        any = 1
        if ((op == "<=" && val[j] > lim) || (op == ">=" && val[j] < lim)) bad = 1
    }
    if (!any) return "n/a"
    return bad ? "FAIL" : "pass"
}

function growth() {
    if (ns < 2 || val[1] == "" || val[ns] == "" || val[1] <= 0) return ""
    return val[ns] / val[1]
}

function line(label, inp, unit, g, target, result,    j, s, c) {
    s = sprintf("  %-36s %-6s", label, inp)
    for (j = 1; j <= ns; j++) {
        c = val[j] == "" ? why_[j] : fmt(val[j], unit)
        s = s sprintf(" %10s", c)
    }
    s = s sprintf(" %8s  %-17s %s", g == "" ? "" : sprintf("x%.1f", g), target, result)
    sub(/ +$/, "", s)
    print s
}

# A row of values: field i of KEY/INPUT (divided by div), its growth.
function vrow(label, inp, key, i, unit, div) {
    load(key, inp, i, div == "" ? 1 : div)
    line(label, inp, unit, growth(), "", "")
}

# The issue sets its targets on the Chinese Markdown: lim for zh.md, no
# target (the row is for comparison) for the other inputs.
function zh(inp, lim) {
    return inp == "zh.md" ? lim : ""
}

# A ratio row: A / B, with a target.
function rrow(label, inp, ka, ia, da, kb, ib, db, op, lim, at_max) {
    load(ka, inp, ia, da)
    divide(kb, inp, ib, db)
    line(label, inp, "x", "", lim == "" ? "" : op " " lim (at_max ? " @" : ""), lim == "" ? "" : check(op, lim, at_max))
}

function section(n, title) {
    if (index(" " only " ", " " n " ") == 0) return 0
    print ""
    print n ". " title
    return 1
}

BEGIN { FS = "\t" }

{
    k = $1 SUBSEP $2 SUBSEP $3
    st[k] = $NF
    for (i = 4; i <= NF; i++) f[k, i] = $i
    # The capture round trips of section 1: the worst of each figure.
    if ($1 == "fs.poll") {
        if (poll_med == "" || $4 > poll_med) poll_med = $4
        if (poll_p95 == "" || $5 > poll_p95) poll_p95 = $5
        if (poll_max == "" || $6 > poll_max) poll_max = $6
    }
}

END {
    ns = split(sizes, size, " ")
    big = size[ns] / size[1]
    head = sprintf("  %-36s %-6s", "", "input")
    for (j = 1; j <= ns; j++) head = head sprintf(" %10s", size[j] " MB")
    head = head sprintf(" %8s  %-17s %s", size[1] "->" size[ns], "target", "result")
    printf "lectern benchmarks: %s; %s; median of %s runs\n", version, machine, runs
    printf "Load average (1, 5, 15 min): %s.\n", loadavg
    t = get("timer.true", "all", 0, 4)
    printf "Timer: posix_spawn + wait4, nothing subtracted (starting `true` takes %s).\n", fmt(t, "s")
    print head

    if (section(1, "Time to first screen, tmux " \
        (poll_med == "" ? "" : sprintf("(capture round trip: median %s, 95%% %s, max %s)", \
        fmt(poll_med, "s"), fmt(poll_p95, "s"), fmt(poll_max, "s"))))) {
        for (n = 1; n <= 3; n++) {
            inp = n == 1 ? "zh.md" : n == 2 ? "zh.txt" : "en.md"
            vrow("lectern", inp, "fs.lectern", 4, "s")
            vrow("less", inp, "fs.less", 4, "s")
            vrow("vim -u NONE -n -R", inp, "fs.vim", 4, "s")
            vrow(inp ~ /txt/ ? "w3m (the text)" : "w3m (cmark's HTML)", inp, "fs.w3m", 4, "s")
            vrow("cmark, parse alone (to /dev/null)", inp, "t.cmark", 4, "s")
            vrow("lowdown, parse alone (to /dev/null)", inp, "t.lowdown", 4, "s")
            rrow("lectern / cmark parse", inp, "fs.lectern", 4, 1, "t.cmark", 4, 1, "<=", zh(inp, 0.25), 1)
            rrow("lectern / less", inp, "fs.lectern", 4, 1, "fs.less", 4, 1, "<=", zh(inp, 2), 1)
        }
    }

    if (section(2, "Non-interactive, wall time")) {
        for (n = 1; n <= 3; n++) {
            inp = n == 1 ? "zh.md" : n == 2 ? "zh.txt" : "en.md"
            if (inp ~ /txt/) {
                vrow("lectern --convert", inp, "t.convert", 4, "s")
                load("size", inp, 4, 1048576)
                divide("t.convert", inp, 4, 1)
                line("  conversion rate", inp, "MB/s", "", ">= 100 MB/s @", check(">=", 100, 1))
                vrow("iconv -f UTF-8 -t UTF-8 (floor)", inp, "t.iconv", 4, "s")
                load("size", inp, 4, 1048576)
                divide("t.iconv", inp, 4, 1)
                line("  iconv's rate", inp, "MB/s", "", "", "")
            }
            vrow("lectern --toc", inp, "t.toc", 4, "s")
            vrow("wc -l (floor: reading the file)", inp, "t.wc", 4, "s")
            if (inp ~ /md/) vrow("lectern --print LAST (last section)", inp, "t.print", 4, "s")
            vrow("lectern --dump --width=100", inp, "t.dump", 4, "s")
            vrow("cmark (to HTML)", inp, "t.cmark", 4, "s")
            vrow("lowdown -tterm", inp, "t.lowdown_term", 4, "s")
            rrow("lectern --toc / cmark", inp, "t.toc", 4, 1, "t.cmark", 4, 1, "<=",
                 inp ~ /md/ ? 0.3 : "", 1)
            rrow("lectern --toc / wc -l", inp, "t.toc", 4, 1, "t.wc", 4, 1, "", "", 1)
        }
    }

    if (section(3, "Peak memory (max RSS)")) {
        for (n = 1; n <= 3; n++) {
            inp = n == 1 ? "zh.md" : n == 2 ? "zh.txt" : "en.md"
            vrow("lectern (browser, idle after opening)", inp, "fs.lectern", 5, "kB")
            vrow("lectern --toc", inp, "t.toc", 5, "kB")
            if (inp ~ /md/) vrow("lectern --print", inp, "t.print", 5, "kB")
            if (inp ~ /txt/) vrow("lectern --convert", inp, "t.convert", 5, "kB")
            vrow("lectern --dump", inp, "t.dump", 5, "kB")
            vrow("less", inp, "fs.less", 5, "kB")
            vrow("vim", inp, "fs.vim", 5, "kB")
            vrow("w3m", inp, "fs.w3m", 5, "kB")
            vrow("cmark (to HTML)", inp, "t.cmark", 5, "kB")
            vrow("lowdown", inp, "t.lowdown", 5, "kB")
            vrow("lowdown -tterm", inp, "t.lowdown_term", 5, "kB")
            # The largest of lectern's modes against the file's size.
            for (j = 1; j <= ns; j++) {
                m = ""
                split("fs.lectern t.toc t.print t.convert t.dump", keys, " ")
                for (q = 1; q <= 5; q++) {
                    v = get(keys[q], inp, size[j], 5)
                    if (v != "" && (m == "" || v > m)) m = v
                }
                s = get("size", inp, size[j], 4)
                val[j] = m == "" || s == "" ? "" : m * 1024 / s
                why_[j] = "-"
            }
            line("lectern, largest RSS / file size", inp, "x", "",
                 inp == "zh.md" ? "<= 1.5 @" : "", inp == "zh.md" ? check("<=", 1.5, 1) : "")
            if (inp ~ /txt/) {
                load("t.convert", inp, 5, 1 / 1024)
                divide("size", inp, 4, 1)
                line("lectern --convert, RSS / file size", inp, "x", "", "<= 1.5 @", check("<=", 1.5, 1))
            }
        }
    }

    if (section(4, "Action latency in the model (bench/latency: view 100x29, action + draw)")) {
        nact = split("read load view fold_all unfold_all toggle next_node goto page_down " \
              "hanfold search_first search search_next search_nofold search_regex_first " \
              "search_regex search_regex_all", act, " ")
        split("read the file (lec_load)|build the model (lec_doc_new)|" \
              "new view, first screen|fold all (zM)|unfold all (zR)|" \
              "toggle one fold (za)|next point (])|go to address (:)|" \
              "page down|script fold from OpenCC (once)|first search (/, match at end)|" \
              "search again|search next (n)|search again, scripts apart|" \
              "first regex search (C-r), new view|regex search again|" \
              "regex reading every block", name, "|")
        for (n = 1; n <= 2; n++) {
            inp = n == 1 ? "zh.md" : "en.md"
            for (a = 1; a <= nact; a++) {
                load("lat." act[a], inp, 4, 1)
                g = growth()
                # Reading is copying from the page cache: at 1 MB the
                # buffer stays in the CPU's caches, so its growth says
                # more about the machine than about lectern.  No target;
                # nor for English, as for the other sections (zh()).
                if (act[a] == "read" || (inp != "zh.md" && act[a] != "search_first")) {
                    line(name[a], inp, "s", g, "", "")
                    continue
                }
                # The first search has its target on English too (issue
                # 17), without one on growth.
                if (inp != "zh.md") {
                    line(name[a], inp, "s", g, "<= 300 ms @", check("<=", 0.3, 1))
                    continue
                }
                # No time target where the issues set none: the OpenCC
                # classes are made once a run, off the first screen; the
                # first regex search and one that reads every block are
                # held to the literal search by the ratios below.
                lim = a <= 3 || act[a] ~ /^(hanfold|search_regex_first|search_regex_all)$/ ? "" : \
                      act[a] == "search_first" ? 0.3 : 0.01
                target = (lim == "" ? "" : "<= " fmt(lim, "s") " @, ") "x<=" big
                r = lim == "" ? "pass" : check("<=", lim, 1)
                if (r == "n/a") r = ""
                else if (g != "" && g > big * 1.2) r = "FAIL"
                else if (g == "" && ns > 1) r = r == "FAIL" ? r : "n/a"
                line(name[a], inp, "s", g, target, r)
            }
            rrow("regex / literal, first search", inp, "lat.search_regex_first", 4, 1,
                 "lat.search_first", 4, 1, "<=", zh(inp, 2), 1)
            rrow("regex / literal, again", inp, "lat.search_regex", 4, 1, "lat.search", 4, 1,
                 "<=", zh(inp, 2), 1)
            rrow("regex reading every block / first search", inp, "lat.search_regex_all", 4, 1,
                 "lat.search_first", 4, 1, "", "", 1)
        }
    }

    if (section(5, "Bytes written to the terminal (pty 100x30, TERM=xterm-256color)")) {
        for (n = 1; n <= 2; n++) {
            inp = n == 1 ? "zh.md" : "en.md"
            vrow("lectern: open", inp, "by.lectern", 4, "B")
            vrow("less: open", inp, "by.less", 4, "B")
            vrow("lectern: per one-row scroll (j)", inp, "by.lectern", 5, "B", 50)
            vrow("less: per one-row scroll (j)", inp, "by.less", 5, "B", 50)
            vrow("lectern: per page down (Space)", inp, "by.lectern", 6, "B", 10)
            vrow("less: per page down (Space)", inp, "by.less", 6, "B", 10)
            rrow("per row: lectern / less", inp, "by.lectern", 5, 1, "by.less", 5, 1, "<=", zh(inp, 1), 1)
            rrow("per page: lectern / less", inp, "by.lectern", 6, 1, "by.less", 6, 1, "<=", zh(inp, 1), 1)
        }
    }
    if (section(6, "A search on the screen against less's (tmux 100x30; keys sent once idle)")) {
        inp = "zh.md"
        vrow("lectern / (literal, scripts folded)", inp, "se.lectern", 4, "s")
        vrow("lectern / C-r (regular expression)", inp, "se.lectern_re", 4, "s")
        vrow("less / (regular expression)", inp, "se.less", 4, "s")
        vrow("less / C-r (literal)", inp, "se.less_lit", 4, "s")
        rrow("lectern regex / lectern literal", inp, "se.lectern_re", 4, 1, "se.lectern", 4, 1,
             "<=", 2, 1)
        rrow("lectern regex / less regex", inp, "se.lectern_re", 4, 1, "se.less", 4, 1, "", "", 1)
    }
    if (section(7, "Keystrokes on a pty (100x30, keys 150 ms apart, key to the end of the next write)")) {
        inp = "zh.md"
        load("ty.lectern", inp, 4, 1)
        line("lectern: /发展 typed, slowest key", inp, "s", growth(), "<= 16 ms @",
             check("<=", 0.016, 1))
        vrow("lectern: ... the count shown, after the last key", inp, "ty.lectern", 5, "s")
        vrow("less: /发展 Enter typed, slowest key", inp, "ty.less", 4, "s")
        vrow("less: ... the screen settled, after Enter", inp, "ty.less", 5, "s")
        inp = "para"
        load("ty.lectern", inp, 4, 1)
        line("lectern: one paragraph (a fifth of the size), slowest key", inp, "s", growth(),
             "<= 50 ms @", check("<=", 0.05, 1))
    }
    if (section(8, "Over a slow link (tests/relay.py: 56 kbit/s each way, 100 ms to cross; pty 100x30)")) {
        inp = "zh.md"
        vrow("lectern: first screen (the title shown, tmux)", inp, "sl.lectern", 4, "s")
        vrow("less: first screen (the title shown, tmux)", inp, "sl.less", 4, "s")
        rrow("first screen: lectern / less", inp, "sl.lectern", 4, 1, "sl.less", 4, 1, "<=", 1.2, 1)
        vrow("lectern: first screen, all of it arrived", inp, "rl.lectern", 4, "s")
        vrow("less: first screen, all of it arrived", inp, "rl.less", 4, "s")
        rrow("first screen, all of it: lectern / less", inp, "rl.lectern", 4, 1, "rl.less", 4, 1, "", "", 1)
        load("rl.lectern", inp, 5, 1)
        line("lectern: j held 3 s (30/s), last frame after the last key", inp, "s", "",
             "<= 300 ms @", check("<=", 0.3, 1))
        vrow("less: j held 3 s (30/s), last frame after the last key", inp, "rl.less", 5, "s")
        vrow("lectern: bytes while j was held", inp, "rl.lectern", 6, "B")
        vrow("less: bytes while j was held", inp, "rl.less", 6, "B")
    }
    print ""
    print "Targets with @ are checked at the largest size; growth (" size[1] "->" size[ns] \
        " MB) passes up to 1.2 x " big " (linear, with room for noise)."
}
