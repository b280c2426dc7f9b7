/*
 * main.c - the program: reads the input the options (args.c) name and
 * runs their mode -- --toc, --outline, --print, --dump, the library's
 * --list and --grep, or the browser.
 */
#include "config.h"

#include "lectern/addr.h"
#include "lectern/convert.h"
#include "lectern/doc.h"
#include "lectern/emit.h"
#include "lectern/exit.h"
#include "lectern/later.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/marker.h"
#include "lectern/place.h"
#include "lectern/render.h"
#include "lectern/search.h"
#include "lectern/tui.h"
#include "lectern/utf8.h"

#include "settings.h"
#include "libcli.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"

static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

/* ---- modes ---------------------------------------------------------- */

/* Marker and title as one line: "一、总体要求", "一是 加强领导". */
static void out_heading_text(const lec_doc *doc, uint32_t id)
{
    size_t ml, tl;
    const char *m = lec_node_marker(doc, id, &ml);
    const char *t = lec_node_title(doc, id, &tl);
    lec_out_safe(m, ml, 1);
    if (tl && lec_marker_spaced(m, ml)) lec_out_char(' ');
    lec_out_safe(t, tl, 1);
    if (!ml && !tl) lec_out_str("(untitled)");
}

static void do_toc(const lec_doc *doc)
{
    lec_buf addr = LEC_BUF_INIT;
    for (uint32_t id = 1; id < lec_doc_node_count(doc); id++) {
        int depth = lec_node_depth(doc, id);
        for (int k = 1; k < depth; k++)
            lec_out("  ", 2);
        lec_buf_reset(&addr);
        lec_addr_of(doc, id, &addr);
        lec_out(addr.data, addr.len);
        lec_out_char(' ');
        out_heading_text(doc, id);
        lec_out_char('\n');
    }
    lec_buf_free(&addr);
}

static void do_outline(const lec_doc *doc)
{
    for (size_t i = 0; i < lec_doc_meta_count(doc); i++) {
        const char *k = lec_doc_meta_key(doc, i), *v = lec_doc_meta_value(doc, i);
        lec_out_str("meta\t");
        lec_out_safe(k, strlen(k), 1);
        lec_out_char('\t');
        lec_out_safe(v, strlen(v), 1);
        lec_out_char('\n');
    }
    char num[16];
    for (uint32_t id = 1; id < lec_doc_node_count(doc); id++) {
        size_t ml, tl;
        const char *m = lec_node_marker(doc, id, &ml);
        const char *t = lec_node_title(doc, id, &tl);
        int n = snprintf(num, sizeof num, "%d\t", lec_node_depth(doc, id));
        lec_out(num, (size_t)n);
        lec_out_safe(m, ml, 1);
        lec_out_char('\t');
        lec_out_safe(t, tl, 1);
        lec_out_char('\n');
    }
}

/* Renders source ranges a batch at a time, so that --dump of a large file
 * holds one batch of rendered text at once.  sep: a blank line goes
 * first, if the range shows anything.  Returns whether it did. */
static int dump_range(const lec_doc *doc, size_t start, size_t end, int width, int ambi, int sep)
{
    lec_render r = LEC_RENDER_INIT;
    lec_rows rows = LEC_ROWS_INIT;
    lec_render_range(&r, doc, start, end);
    lec_layout(&r, 0, width, ambi, &rows);
    if (sep && rows.n) lec_out_char('\n');
    lec_out_rows(&r, &rows);
    int any = rows.n > 0;
    lec_rows_free(&rows);
    lec_render_free(&r);
    return any;
}

static void do_dump(const lec_doc *doc, int width, int ambi)
{
    lec_render r = LEC_RENDER_INIT;
    lec_rows rows = LEC_ROWS_INIT;
    lec_render_frontmatter(&r, doc);
    lec_layout(&r, 0, width, ambi, &rows);
    lec_out_rows(&r, &rows);
    int any = r.npara > 0;
    lec_rows_free(&rows);
    lec_render_free(&r);

    size_t nb = lec_doc_block_count(doc);
    for (size_t i = 0; i < nb;) {
        size_t j = i + 1;
        const lec_block *first = lec_doc_block(doc, i);
        while (j < nb && lec_doc_block(doc, j)->end - first->start < 65536)
            j++;
        if (dump_range(doc, first->start, lec_doc_block(doc, j - 1)->end, width, ambi, any))
            any = 1;
        i = j;
    }
}

/* The bytes of a node as they are, but not onto a terminal, where escape
 * sequences in a document could set the title or the clipboard, clear
 * the screen...: without --raw, nonzero after a one-line message. */
static int refuse_controls(const char *name, const options *o, const char *s, size_t n)
{
    if (o->raw || !isatty(1) || !lec_str_has_controls(s, n)) return 0;
    fprintf(stderr,
            "lectern: %s: not writing control characters to the terminal "
            "(use --raw, or redirect the output)\n",
            name);
    return 1;
}

/* lec_convert_to's sink: standard output. */
static void out_piece(void *arg, const char *s, size_t n)
{
    (void)arg;
    lec_out(s, n);
}

static char *printable(const char *s)
{
    return args_printable_n(s, strlen(s));
}

static int do_print(const lec_doc *doc, const options *o)
{
    lec_buf near = LEC_BUF_INIT;
    size_t start, end, len;
    if (!lec_addr_range(doc, o->addr, &near, &start, &end)) {
        char *addr = printable(o->addr);
        fprintf(stderr, "lectern: %s: no node at '%s'; nearest: ", lec_doc_name(doc), addr);
        free(addr);
        /* The suggestions quote document text: keep it harmless. */
        char *shown = args_printable_n(near.data ? near.data : "", near.len);
        fprintf(stderr, "%s\n", shown);
        free(shown);
        lec_buf_free(&near);
        return LEC_EXIT_NOTFOUND;
    }
    lec_buf_free(&near);
    const char *src = lec_doc_source(doc, &len);
    if (!o->plain) {
        if (refuse_controls(lec_doc_name(doc), o, src + start, end - start)) return LEC_EXIT_RAW;
        lec_out(src + start, end - start);
        return 0;
    }
    dump_range(doc, start, end, o->width ? o->width : terminal_width(), o->ambi, 0);
    return 0;
}

/* R in the browser: the file read again. */
typedef struct reload_ctx {
    const source *src;
    int text;
} reload_ctx;

static lec_later *reload(void *arg)
{
    reload_ctx *c = arg;
    return source_reload(c->src, c->text);
}

/* The library's way of reading files (--from). */
static lec_from lib_from(source_from f)
{
    return f == SOURCE_TEXT       ? LEC_FROM_TEXT
           : f == SOURCE_MARKDOWN ? LEC_FROM_MARKDOWN
                                  : LEC_FROM_AUTO;
}

/* What the reader asked the browser to print (p, P): node of doc as
 * Markdown or, plain, as text.  Returns nonzero when it was refused
 * (control characters for a terminal). */
static int print_node(const lec_doc *doc, uint32_t node, int plain, const options *o, int width)
{
    size_t start = 0, end, len;
    const char *src = lec_doc_source(doc, &len);
    end = len;
    if (!plain) {
        if (node) lec_node_range(doc, node, &start, &end);
        if (refuse_controls(lec_doc_name(doc), o, src + start, end - start)) return 1;
        lec_out(src + start, end - start);
    } else if (node == 0) {
        do_dump(doc, width, o->ambi);
    } else {
        lec_node_range(doc, node, &start, &end);
        dump_range(doc, start, end, width, o->ambi, 0);
    }
    return 0;
}

/* The browser on a library (a folder, or many files); p and P print from
 * the document open in it.  Without a terminal, the list is written. */
static int browse_library(const options *o, int width)
{
    int errors = 0;
    lec_lib *l = lec_cli_library(o->files, o->nfiles, lib_from(o->from), 0, &errors);
    /* Each document opens where it was left (place.h), as one file does. */
    const char *off = getenv("LECTERN_NO_REMEMBER");
    char *state = !o->st.remember || (off && *off) ? NULL : lec_place_dir();
    lec_tui_opts to = {.ambi = o->ambi,
                       .mouse = o->mouse,
                       .no_script_fold = !o->st.script_fold,
                       .theme = o->st.theme,
                       .colors = o->st.colors,
                       .color_set = o->st.color_set,
                       .notice = o->notes.data,
                       .print_raw = o->raw,
                       .width = o->width,
                       .state = state};
    lec_doc *doc = NULL;
    uint32_t node = 0;
    const char *why = NULL;
    lec_tui_result r = lec_tui_library(l, &to, &doc, &node, &why);
    free(state);
    int rc = 0;
    switch (r) {
    case LEC_TUI_NO_TERMINAL:
        args_print_notes(&o->notes);
        fprintf(stderr, "lectern: %s: showing the library as with --list\n",
                why ? why : "no terminal");
        lec_cli_load(l); /* the browser did not start reading it */
        errors += lec_cli_write_list(l);
        break;
    case LEC_TUI_PRINT:
    case LEC_TUI_PRINT_PLAIN:
        if (print_node(doc, node, r == LEC_TUI_PRINT_PLAIN, o, width)) rc = LEC_EXIT_RAW;
        break;
    default:
        break;
    }
    lec_out_flush();
    lec_doc_free(doc);
    lec_lib_free(l);
    return rc ? rc : errors ? LEC_EXIT_INPUT : 0;
}

/* The browser; what the reader asked to print goes to stdout after the
 * terminal is restored.  Without a terminal, the document is dumped. */
static int browse(const source *src, opened *op, const options *o, int width)
{
    /* The place where the reader left the file (place.h): not for
     * standard input, nor with --no-remember or LECTERN_NO_REMEMBER. */
    const char *off = getenv("LECTERN_NO_REMEMBER");
    char *state =
        !o->st.remember || (off && *off) || !strcmp(o->file, "-") ? NULL : lec_place_dir();
    /* A closed standard output: p and P say so instead of quitting, and
     * the descriptor is kept from the terminal curses opens. */
    int out_closed = fcntl(1, F_GETFD) == -1;
    if (out_closed) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0 && fd != 1) close(fd);
    }
    lec_tui_opts to = {.ambi = o->ambi,
                       .mouse = o->mouse,
                       .later = op->whole,
                       .first = op->first,
                       .raw = op->raw,
                       .raw_len = op->raw_len,
                       .reload = reload,
                       .reload_arg = &(reload_ctx){src, op->text},
                       .no_script_fold = !o->st.script_fold,
                       .theme = o->st.theme,
                       .cursor_row = o->st.cursor_row,
                       .colors = o->st.colors,
                       .color_set = o->st.color_set,
                       .notice = o->notes.data,
                       .print_raw = o->raw,
                       .width = o->width,
                       .out_closed = out_closed,
                       .path = o->file,
                       .state = state};
    uint32_t node = 0;
    const char *why = NULL;
    const lec_doc *doc = op->doc;
    lec_tui_result r = lec_tui_run(&doc, &to, &node, &why);
    free(state);
    int rc = 0;
    if (r == LEC_TUI_NO_TERMINAL) {
        args_print_notes(&o->notes);
        fprintf(stderr, "lectern: %s: showing the document as with --dump\n",
                why ? why : "no terminal");
        /* Nothing was shown: the dump is of the whole. */
        char *w;
        if (op->first) {
            doc = lec_later_take(op->first, &w);
            free(w);
        }
        if (op->whole) {
            lec_doc *whole = lec_later_take(op->whole, &w);
            if (w) fprintf(stderr, "lectern: %s: %s\n", src->name, w);
            free(w);
            if (!whole) {
                if (doc != op->doc) lec_doc_free((lec_doc *)doc);
                return LEC_EXIT_INPUT;
            }
            if (doc != op->doc) lec_doc_free((lec_doc *)doc);
            doc = whole;
        }
        do_dump(doc, width, o->ambi);
    }
    switch (r) {
    case LEC_TUI_NO_TERMINAL:
        break;
    case LEC_TUI_PRINT:
    case LEC_TUI_PRINT_PLAIN:
        if (print_node(doc, node, r == LEC_TUI_PRINT_PLAIN, o, width)) rc = LEC_EXIT_RAW;
        break;
    case LEC_TUI_QUIT:
        break;
    case LEC_TUI_FAILED:
        fprintf(stderr, "lectern: %s: %s\n", src->name, why);
        free((char *)why);
        rc = LEC_EXIT_INPUT;
        break;
    }
    /* The caller owns the document it gave; one that replaced it came
     * from a later. */
    if (doc != op->doc) lec_doc_free((lec_doc *)doc);
    return rc;
}

/* A large file opens with its first part (about this much) shown while a
 * second thread reads and parses the whole; standard input as well.
 * LECTERN_EARLY sets it (for tests).  64 KiB is some 20 000 Chinese
 * characters, more than can be read in the time the whole of 100 MB
 * takes, and parsed in a fifth of a millisecond: the first screen is not
 * kept waiting for it. */
#define EARLY_BYTES ((size_t)64 << 10)
/* A parse taking longer than this is said on stderr (LECTERN_SLOW_MS for
 * tests). */
#define SLOW_MS 3000

static int run(const options *opts, const char *name);

/* The line SIGBUS writes: a mapped file was cut shorter while read. */
static char lost_msg[512];
static size_t lost_len;

static void lost_pages(int sig)
{
    (void)sig;
    if (write(2, lost_msg, lost_len) < 0) {
    }
    _exit(LEC_EXIT_INPUT);
}

static void lost_pages_say(const char *name)
{
    int n = snprintf(lost_msg, sizeof lost_msg,
                     "lectern: %s: the file changed while it was read (it is shorter now)\n", name);
    lost_len = n < 0 ? 0 : (size_t)n < sizeof lost_msg ? (size_t)n : sizeof lost_msg - 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = lost_pages;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* A closed pipe is reported by write() and handled in emit.c. */
    signal(SIGPIPE, SIG_IGN);

    options o;
    args_parse(argc, argv, &o);
    args_load_settings(&o);
    if (o.keys) {
        args_print_notes(&o.notes);
        args_print_keys();
        args_free(&o);
        return 0;
    }
    /* The browser says what was wrong on its status line. */
    if (o.mode != MODE_BROWSE) args_print_notes(&o.notes);
    /* The name goes into messages on the terminal: a name with an escape
     * sequence in it must not drive it. */
    char *name = printable(strcmp(o.file, "-") == 0 ? "(standard input)" : o.file);
    int rc = run(&o, name);
    free(name);
    args_free(&o);
    /* For tests: a worker the browser left (it quit before the whole was
     * read) goes on a while after all of the above is freed; it must use
     * only what it owns. */
    const char *delay = getenv("LECTERN_TEST_EXIT_DELAY");
    if (delay && *delay) usleep((useconds_t)atoi(delay) * 1000);
    return rc;
}

/* Reads the input and does what the options ask; returns the exit status. */
static int run(const options *opts, const char *name)
{
    options o = *opts;
    lec_buf why = LEC_BUF_INIT;
    int rc = 0;
    source src = {.file = o.file, .name = name, .from = o.from, .early = EARLY_BYTES};
    /* For tests: a lower size limit, and the size of a first part. */
    const char *env = getenv("LECTERN_MAX_INPUT");
    if (env && *env) src.limit = (size_t)strtoull(env, NULL, 10);
    env = getenv("LECTERN_EARLY");
    if (env && *env) src.early = (size_t)strtoull(env, NULL, 10);
    int width = o.width ? o.width : terminal_width();

    if (o.mode == MODE_LIST) return lec_cli_list(o.files, o.nfiles, lib_from(o.from));
    if (o.mode == MODE_GREP)
        return lec_cli_grep(o.pattern,
                            (o.regex ? LEC_SEARCH_REGEX : 0u) |
                                (!o.st.script_fold ? LEC_SEARCH_NO_HANFOLD : 0u),
                            o.files, o.nfiles, lib_from(o.from));
    struct stat st;
    if (o.mode == MODE_BROWSE && (o.nfiles > 1 || (strcmp(o.file, "-") != 0 &&
                                                   stat(o.file, &st) == 0 && S_ISDIR(st.st_mode))))
        return browse_library(&o, width);

    if (o.mode == MODE_BROWSE) {
        opened op;
        if (source_open(&src, &op, &why) != 0) {
            fprintf(stderr, "lectern: %s: %s\n", name, why.data);
            lec_buf_free(&why);
            return LEC_EXIT_INPUT;
        }
        if (why.len) fprintf(stderr, "lectern: %s: %s\n", name, why.data);
        lec_buf_free(&why);
        rc = browse(&src, &op, &o, width);
        lec_out_flush();
        if (op.doc) lec_doc_free(op.doc);
        free(op.raw);
        return rc;
    }

    lec_input in;
    /* A large file is mapped, not copied; if it is cut shorter meanwhile,
     * reading its lost pages raises SIGBUS, which ends with one line. */
    lec_load_opts lo = {.limit = src.limit, .map = 1};
    lost_pages_say(name);
    if (lec_load(o.file, &lo, &in, &why) != 0) {
        fprintf(stderr, "lectern: %s: %s\n", name, why.data);
        lec_buf_free(&why);
        return LEC_EXIT_INPUT;
    }
    if (in.invalid_utf8)
        fprintf(stderr, "lectern: %s: warning: invalid UTF-8 at byte %zu (shown as U+FFFD)\n", name,
                in.bad_offset);

    /* Plain text is converted to Markdown first; every mode then works on
     * the converted document. */
    int text = source_is_text(&src, in.data, in.len);
    if (o.mode == MODE_CONVERT && text && (o.raw || !isatty(1))) {
        /* Nothing to check before it is written: the Markdown goes out a
         * piece at a time, and is never held whole. */
        lec_convert_to(in.data, in.len, !in.invalid_utf8, out_piece, NULL);
        lec_out_flush();
        lec_input_free(in.data);
        return 0;
    }
    if (o.mode == MODE_CONVERT) {
        if (text) source_to_markdown(&in.data, &in.len, !in.invalid_utf8);
        /* The same rule as --print: a Markdown file is written as it is,
         * and its escape sequences would act on the terminal. */
        if (refuse_controls(name, &o, in.data, in.len)) {
            lec_input_free(in.data);
            return LEC_EXIT_RAW;
        }
        lec_out(in.data, in.len);
        lec_out_flush();
        lec_input_free(in.data);
        return 0;
    }
    env = getenv("LECTERN_SLOW_MS");
    int slow_ms = env && *env ? atoi(env) : SLOW_MS;
    slow_notice *slow = slow_notice_start(name, slow_ms > 0 ? slow_ms : SLOW_MS);
    lec_doc *doc = source_doc(&src, &in, text, &why);
    slow_notice_stop(slow);
    if (!doc) {
        fprintf(stderr, "lectern: %s: %s\n", name, why.data);
        lec_buf_free(&why);
        return LEC_EXIT_INPUT;
    }
    switch (o.mode) {
    case MODE_TOC:
        do_toc(doc);
        break;
    case MODE_OUTLINE:
        do_outline(doc);
        break;
    case MODE_PRINT:
        rc = do_print(doc, &o);
        break;
    case MODE_CONVERT: /* handled above */
    case MODE_BROWSE:
    case MODE_LIST:
    case MODE_GREP:
        break;
    case MODE_DUMP:
        do_dump(doc, width, o.ambi);
        break;
    }
    lec_out_flush();
    lec_doc_free(doc);
    return rc;
}
