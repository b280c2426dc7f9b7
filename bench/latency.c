/*
 * latency.c - how long the reader waits after each action in the browser,
 * measured in-process on the view model (no terminal, no curses), so that
 * the numbers show the model's and the layout's cost alone.  bench/run
 * runs it on 1, 10 and 100 MB documents (its section 4).
 *
 *   bench/latency [-r RUNS] [-p PATTERN] [-c COLS] [-l ROWS] [-t SECS]
 *                 [-s KEY,...] FILE.md
 *
 * Every action on the view is timed together with what the browser does
 * before it can draw: the rows of the screen, the search count, the
 * percentage and the breadcrumb of the status line (tui_draw.c asks for
 * exactly these).  An action that is lazy would otherwise look free and
 * leave its cost to the drawing.
 *
 * Each action runs once to warm up (caches, per-node counts made when
 * first needed), then RUNS times (default 5); the median is printed, and
 * the warm-up's time next to it because a reader meets that one too.  A
 * warm-up that takes a second or more counts as the first run: nothing
 * that slow depends on a warm cache, and the benchmark ends sooner.
 * Output, one line per action:
 *
 *   key<TAB>median seconds<TAB>first (warm-up) seconds<TAB>runs<TAB>ok<TAB>what
 *
 * With -t SECS, a run that takes longer ends the program after the line
 * "key<TAB><TAB><TAB>0<TAB>timeout": some actions grow faster than
 * linearly, and a benchmark that never ends tells nothing.  -s names
 * actions not to run (bench/run passes those that were too slow on a
 * smaller file); they print "too slow" instead of a time.
 *
 * PATTERN (default 尾声标记XYZ) must occur once, at the end of the file:
 * bench/run appends it, so that a search has to look through everything.
 * It is also searched as a regular expression (its ASCII punctuation
 * escaped): alone, which the blocks' signatures narrow down as they do
 * literal text, and as PATTERN|(?!), whose alternative at the top level
 * leaves nothing to narrow down with, so that every block is read.
 * Before the searches, the Simplified/Traditional classes are made from
 * OpenCC's tables (lec_hanfold_init), timed once: the browser makes them
 * on a thread of its own after its first screen.
 */
#include "lectern/addr.h"
#include "lectern/doc.h"
#include "lectern/hanfold.h"
#include "lectern/load.h"
#include "lectern/search.h"
#include "lectern/view.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int runs = 5;
static unsigned budget;       /* -t: seconds a run may take, 0: no limit */
static const char *skip = ""; /* -s: actions not to run */
static const char *volatile current = "";

/* Only async-signal-safe calls: the line is written with write(2). */
static void on_alarm(int sig)
{
    (void)sig;
    static const char tail[] = "\t\t\t0\ttimeout\n";
    const char *k = current;
    ssize_t n = write(1, k, strlen(k));
    if (n >= 0) n = write(1, tail, sizeof tail - 1);
    (void)n;
    _exit(3);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of n samples (sorted in place); the lower middle for even n. */
static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    return t[(n - 1) / 2];
}

/* Whether key is in the comma-separated list -s gave. */
static int skipped(const char *key)
{
    size_t n = strlen(key);
    for (const char *p = skip; (p = strstr(p, key)) != NULL; p += n)
        if ((p == skip || p[-1] == ',') && (p[n] == ',' || p[n] == 0)) return 1;
    return 0;
}

/* What the benchmark works on; the actions change it in place. */
typedef struct bench {
    const char *path;
    lec_input in; /* the file's bytes */
    char *copy;   /* a copy of them for lec_doc_new, which takes it */
    lec_doc *doc;
    lec_view *v;
    int rows, cols;
    const char *pattern;
    char *regex, *regex_all; /* the pattern as a regular expression; |(?!) */
    const char *addr; /* the last top-level section's last child */
    uint32_t node;    /* a top-level section to fold (find_targets) */
} bench;

typedef void (*action_fn)(bench *b);

/* What the browser asks the view for to draw one screen. */
static void draw(bench *b)
{
    static lec_line line = LEC_LINE_INIT;
    static lec_buf crumb = LEC_BUF_INIT;
    size_t k, n;
    (void)lec_view_cursor_row(b->v);
    for (int i = 0; i < b->rows; i++)
        lec_view_row(b->v, i, &line);
    lec_view_search_state(b->v, &k, &n);
    (void)lec_view_percent(b->v);
    lec_buf_reset(&crumb);
    lec_view_breadcrumb(b->v, b->cols, &crumb);
}

enum {
    DRAW = 1, /* the screen is drawn as part of each run */
    COLD = 2, /* one run, no warm-up: the first time is the one wanted */
};

/* One warm-up run and `runs` timed ones; prep runs before each, untimed. */
static void measure(bench *b, const char *key, const char *what, action_fn prep, action_fn act,
                    int flags)
{
    if (skipped(key)) {
        printf("%s\t\t\t0\ttoo slow\t%s\n", key, what);
        fflush(stdout);
        return;
    }
    int want = flags & COLD ? 1 : runs, n = 0;
    double *t = lec_xcalloc((size_t)want, sizeof *t), first = 0;
    current = key;
    int start = flags & COLD ? 0 : -1;
    for (int i = start; n < want; i++) {
        prep(b);
        alarm(budget);
        double t0 = now();
        act(b);
        if (flags & DRAW) draw(b);
        double dt = now() - t0;
        alarm(0);
        if (i == start) first = dt;
        if (i < 0 && dt < 1.0) continue;
        t[n++] = dt;
    }
    printf("%s\t%.9f\t%.9f\t%d\tok\t%s\n", key, median(t, n), first, n, what);
    fflush(stdout);
    free(t);
}

/* ---- preparations (untimed) -------------------------------------------- */

static void prep_none(bench *b)
{
    (void)b;
}

static void prep_copy(bench *b)
{
    if (b->doc) lec_doc_free(b->doc);
    b->doc = NULL;
    b->copy = lec_xmalloc(b->in.len + 1);
    memcpy(b->copy, b->in.data, b->in.len + 1);
}

static void prep_no_view(bench *b)
{
    if (b->v) lec_view_free(b->v);
    b->v = NULL;
}

static void prep_top(bench *b)
{
    lec_view_fold(b->v, LEC_FOLD_NONE);
    lec_view_top(b->v);
    draw(b);
}

/* The search is cleared so that the next one is a new search, not the
 * view finding the same pattern it already holds. */
static void prep_search(bench *b)
{
    lec_view_search(b->v, "", 1, NULL);
    prep_top(b);
}

static void prep_open_node(bench *b)
{
    lec_view_fold(b->v, LEC_FOLD_NONE);
    lec_view_goto_node(b->v, b->node);
    draw(b);
}

static void prep_all_folded(bench *b)
{
    lec_view_fold(b->v, LEC_FOLD_ALL);
    draw(b);
}

/* ---- actions (timed) ---------------------------------------------------- */

static void act_read(bench *b)
{
    lec_buf why = LEC_BUF_INIT;
    free(b->in.data);
    if (lec_load(b->path, NULL, &b->in, &why) != 0) {
        fprintf(stderr, "latency: %s: %s\n", b->path, why.data);
        exit(2);
    }
}

static void act_load(bench *b)
{
    b->doc = lec_doc_new(b->copy, b->in.len, b->path);
    b->copy = NULL;
}

static void act_view(bench *b)
{
    b->v = lec_view_new(b->doc, b->cols, b->rows, 1);
}

static void act_fold_all(bench *b)
{
    lec_view_fold(b->v, LEC_FOLD_ALL);
}

static void act_unfold_all(bench *b)
{
    lec_view_fold(b->v, LEC_FOLD_NONE);
}

static void act_toggle(bench *b)
{
    lec_view_fold(b->v, LEC_FOLD_TOGGLE);
}

static void act_next_node(bench *b)
{
    lec_view_next_node(b->v, 1);
}

static void act_goto(bench *b)
{
    lec_buf err = LEC_BUF_INIT;
    if (!lec_view_goto(b->v, b->addr, &err))
        fprintf(stderr, "latency: :%s failed: %s\n", b->addr, err.data ? err.data : "");
    lec_buf_free(&err);
}

static void act_page_down(bench *b)
{
    lec_view_scroll(b->v, b->rows);
}

static void act_search(bench *b)
{
    int wrapped = 0;
    size_t n = lec_view_search(b->v, b->pattern, 1, &wrapped);
    if (n != 1) fprintf(stderr, "latency: '%s' matched %zu times, not once\n", b->pattern, n);
}

/* A new view of the document (its blocks' signatures not made yet). */
static void prep_new_view(bench *b)
{
    lec_view_free(b->v);
    b->v = lec_view_new(b->doc, b->cols, b->rows, 1);
    draw(b);
}

static void act_hanfold(bench *b)
{
    (void)b;
    lec_hanfold_init();
}

static void search_with(bench *b, unsigned flags, const char *pattern)
{
    int wrapped = 0;
    lec_view_search_flags(b->v, flags);
    size_t n = lec_view_search(b->v, pattern, 1, &wrapped);
    if (n != 1) fprintf(stderr, "latency: '%s' matched %zu times, not once\n", pattern, n);
    lec_view_search_flags(b->v, 0);
}

static void act_search_nofold(bench *b)
{
    search_with(b, LEC_SEARCH_NO_HANFOLD, b->pattern);
}

static void act_search_regex(bench *b)
{
    search_with(b, LEC_SEARCH_REGEX, b->regex);
}

static void act_search_regex_all(bench *b)
{
    search_with(b, LEC_SEARCH_REGEX, b->regex_all);
}

static void act_search_next(bench *b)
{
    int wrapped = 0;
    lec_view_search_next(b->v, 1, &wrapped);
}

/* The last top-level section's last child (the address to go to), and
 * the one to fold: the largest top-level section that ends within the
 * first MiB.  Every input of bench/run starts with the same MiB, so it is
 * the same section at every size, and the growth of its time is the
 * document's doing, not a bigger section's. */
static int find_targets(bench *b, lec_buf *addr)
{
    uint32_t last = LEC_NONE;
    size_t best = 0, start, end;
    b->node = LEC_NONE;
    for (uint32_t id = lec_node_first_child(b->doc, 0); id != LEC_NONE;
         id = lec_node_next_sibling(b->doc, id)) {
        last = id;
        lec_node_range(b->doc, id, &start, &end);
        if (b->node == LEC_NONE || (end <= (1u << 20) && end - start > best)) {
            b->node = id;
            best = end - start;
        }
    }
    if (last == LEC_NONE) return -1;
    uint32_t target = last;
    for (uint32_t id = lec_node_first_child(b->doc, last); id != LEC_NONE;
         id = lec_node_next_sibling(b->doc, id))
        target = id;
    lec_addr_of(b->doc, target, addr);
    b->addr = addr->data;
    return 0;
}

int main(int argc, char **argv)
{
    bench b = {.pattern = "尾声标记XYZ", .cols = 100, .rows = 29};
    int c;
    setlocale(LC_ALL, "");
    signal(SIGALRM, on_alarm);
    while ((c = getopt(argc, argv, "r:p:c:l:t:s:")) != -1) {
        switch (c) {
        case 'r':
            runs = atoi(optarg);
            break;
        case 'p':
            b.pattern = optarg;
            break;
        case 'c':
            b.cols = atoi(optarg);
            break;
        case 'l':
            b.rows = atoi(optarg);
            break;
        case 't':
            budget = (unsigned)atoi(optarg);
            break;
        case 's':
            skip = optarg;
            break;
        default:
            goto usage;
        }
    }
    if (optind + 1 != argc || runs < 1 || b.cols < 1 || b.rows < 1) goto usage;
    b.path = argv[optind];
    lec_buf re = LEC_BUF_INIT;
    for (const char *p = b.pattern; *p; p++) {
        if ((unsigned char)*p < 0x80 && !(*p >= '0' && *p <= '9') && !(*p >= 'a' && *p <= 'z') &&
            !(*p >= 'A' && *p <= 'Z'))
            lec_buf_putc(&re, '\\');
        lec_buf_putc(&re, *p);
    }
    b.regex = lec_xstrndup(re.data ? re.data : "", re.len);
    lec_buf_puts(&re, "|(?!)");
    b.regex_all = lec_buf_detach(&re, NULL);

    /* Opening: the bytes, the model, a view and its first screen.  The
     * copy lec_doc_new takes is made outside the timing. */
    measure(&b, "read", "read the file (lec_load)", prep_none, act_read, 0);
    measure(&b, "load", "build the model (lec_doc_new)", prep_copy, act_load, 0);
    measure(&b, "view", "new view and its first screen (lec_view_new)", prep_no_view, act_view,
            DRAW);

    lec_buf addr = LEC_BUF_INIT;
    if (find_targets(&b, &addr) != 0) {
        fprintf(stderr, "latency: %s: no sections\n", b.path);
        return 1;
    }
    measure(&b, "fold_all", "fold everything (zM, LEC_FOLD_ALL)", prep_top, act_fold_all, DRAW);
    measure(&b, "unfold_all", "open every fold (zR, LEC_FOLD_NONE)", prep_all_folded,
            act_unfold_all, DRAW);
    measure(&b, "toggle", "fold the largest top-level section of the first MiB (za)",
            prep_open_node, act_toggle, DRAW);
    /* Moving on from the top, one step after the other. */
    prep_top(&b);
    measure(&b, "next_node", "next section or point (])", prep_none, act_next_node, DRAW);
    measure(&b, "goto", "go to an address (:), the last section's last child", prep_top, act_goto,
            DRAW);
    prep_top(&b);
    measure(&b, "page_down", "down one page (Space, lec_view_scroll rows)", prep_none,
            act_page_down, DRAW);

    /* Searching: the first search in the view alone (it may build what
     * later searches reuse), then new searches, then n.  Without a first
     * search, the others are not run either. */
    measure(&b, "hanfold", "the Simplified/Traditional classes from OpenCC (once a run)", prep_none,
            act_hanfold, COLD);
    measure(&b, "search_first", "first search, only match at the end (/)", prep_top, act_search,
            DRAW | COLD);
    if (skipped("search_first")) skip = "search,search_next";
    measure(&b, "search", "search again, only match at the end (/)", prep_search, act_search, DRAW);
    measure(&b, "search_next", "next match (n), wrapping to the same one", prep_none,
            act_search_next, DRAW);
    measure(&b, "search_nofold", "search again with Simplified and Traditional apart (C-t)",
            prep_search, act_search_nofold, DRAW);
    /* Regular expressions: the first in a new view (as search_first),
     * again, and one that reads every block. */
    measure(&b, "search_regex_first", "first search as a regular expression, new view (C-r)",
            prep_new_view, act_search_regex, DRAW | COLD);
    measure(&b, "search_regex", "search again as a regular expression (C-r)", prep_search,
            act_search_regex, DRAW);
    measure(&b, "search_regex_all", "a regular expression that reads every block (PATTERN|(?!))",
            prep_search, act_search_regex_all, DRAW);

    lec_buf_free(&addr);
    free(b.regex);
    free(b.regex_all);
    lec_view_free(b.v);
    lec_doc_free(b.doc);
    free(b.in.data);
    return 0;

usage:
    fprintf(stderr, "usage: bench/latency [-r RUNS] [-p PATTERN] [-c COLS] [-l ROWS] [-t SECS] "
                    "[-s KEY,...] FILE.md\n");
    return 64;
}
