/*
 * main.c - the command line: options, input, and the non-interactive
 * modes (--toc, --outline, --print, --dump).
 */
#include "config.h"

#include "lectern/addr.h"
#include "lectern/chunk.h"
#include "lectern/convert.h"
#include "lectern/doc.h"
#include "lectern/emit.h"
#include "lectern/keys.h"
#include "lectern/later.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/marker.h"
#include "lectern/render.h"
#include "lectern/tui.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Exit statuses (documented in lectern(1)). */
enum {
    EXIT_NOTFOUND = 1, /* --print: no such address */
    EXIT_INPUT = 2,    /* the input cannot be used */
    EXIT_RAW = 3,      /* --print to a terminal would write control characters */
    EXIT_USAGE = 64,   /* bad command line */
};

typedef enum { MODE_BROWSE, MODE_TOC, MODE_OUTLINE, MODE_PRINT, MODE_DUMP, MODE_CONVERT } mode;

typedef enum { FROM_AUTO, FROM_TEXT, FROM_MARKDOWN } from;

typedef struct options {
    mode mode;
    const char *addr;
    const char *file;
    int plain;
    int width; /* 0: not given */
    int ambi;
    int mouse;
    int raw; /* --raw: --print writes control characters to a terminal too */
    from from;
} options;

static const char usage_text[] =
    "Usage: lectern [OPTIONS] FILE|-\n"
    "Read a structured document (Markdown) as a tree of sections and numbered points.\n"
    "\n"
    "Without a mode, the document opens in the browser (F1 there lists the keys).\n"
    "Modes (at most one):\n"
    "      --toc            print the outline, one node a line, with addresses\n"
    "      --outline        print the outline as TSV: meta rows, then level, marker, title\n"
    "      --print ADDR     print the Markdown source of the node at ADDR\n"
    "      --dump           print the whole document as wrapped plain text\n"
    "      --convert        print the Markdown recovered from a plain-text document\n"
    "\n"
    "Options:\n"
    "      --plain          with --print: plain text instead of Markdown\n"
    "      --raw            with --print (and p in the browser): write control\n"
    "                       characters even to a terminal\n"
    "      --width N        wrap at N cells (default: the terminal's width, or 80)\n"
    "      --ambiwidth 1|2  cells taken by East Asian ambiguous characters (default 1)\n"
    "      --mouse          in the browser, scroll with the mouse wheel (the terminal\n"
    "                       then no longer selects text with the mouse)\n"
    "      --from text|markdown\n"
    "                       read FILE as plain text or as Markdown (default: plain text\n"
    "                       when FILE ends in .txt or has no Markdown structure)\n"
    "      --keys           list the browser's keys and exit\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "ADDR is a dotted path of positions as --toc shows them (2.4), or a path of\n"
    "markers (二/四是, 2/4).  FILE - reads standard input.\n"
    "Exit status: 0 ok, 1 no such address, 2 unusable input, 3 control characters\n"
    "for a terminal (--raw), 64 usage error.\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("lectern: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (see lectern --help)\n", stderr);
    exit(EXIT_USAGE);
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

/* The browser's keys, from the keymap table the help screen shows.
 * Through emit.h, as every mode's output: a write error is status 74. */
static void print_keys(void)
{
    lec_buf help = LEC_BUF_INIT, out = LEC_BUF_INIT;
    lec_keys_help(&help);
    for (size_t i = 0; i < help.len;) {
        const char *line = help.data + i;
        const char *nl = memchr(line, '\n', help.len - i);
        size_t n = nl ? (size_t)(nl - line) : help.len - i;
        const char *tab = memchr(line, '\t', n);
        if (tab) {
            size_t k = (size_t)(tab - line);
            lec_buf_printf(&out, "  %-24.*s%.*s\n", (int)k, line, (int)(n - k - 1), tab + 1);
        } else {
            lec_buf_printf(&out, "%.*s\n", (int)n, line);
        }
        i += n + 1;
    }
    lec_out(out.data, out.len);
    lec_out_flush();
    lec_buf_free(&out);
    lec_buf_free(&help);
}

static void set_mode(options *o, mode m)
{
    if (o->mode != MODE_BROWSE && o->mode != m)
        usage_error("%s", "only one of --toc, --outline, --print, --dump and --convert may be given");
    o->mode = m;
}

static void parse_args(int argc, char **argv, options *o)
{
    enum {
        O_TOC = 256,
        O_OUTLINE,
        O_PRINT,
        O_DUMP,
        O_PLAIN,
        O_WIDTH,
        O_AMBI,
        O_CONVERT,
        O_FROM,
        O_MOUSE,
        O_KEYS,
        O_RAW
    };
    static const struct option longopts[] = {
        {"toc", no_argument, NULL, O_TOC},
        {"outline", no_argument, NULL, O_OUTLINE},
        {"print", required_argument, NULL, O_PRINT},
        {"dump", no_argument, NULL, O_DUMP},
        {"convert", no_argument, NULL, O_CONVERT},
        {"from", required_argument, NULL, O_FROM},
        {"mouse", no_argument, NULL, O_MOUSE},
        {"keys", no_argument, NULL, O_KEYS},
        {"plain", no_argument, NULL, O_PLAIN},
        {"raw", no_argument, NULL, O_RAW},
        {"width", required_argument, NULL, O_WIDTH},
        {"ambiwidth", required_argument, NULL, O_AMBI},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->ambi = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
        switch (c) {
        case O_TOC:
            set_mode(o, MODE_TOC);
            break;
        case O_OUTLINE:
            set_mode(o, MODE_OUTLINE);
            break;
        case O_PRINT:
            set_mode(o, MODE_PRINT);
            o->addr = optarg;
            break;
        case O_DUMP:
            set_mode(o, MODE_DUMP);
            break;
        case O_CONVERT:
            set_mode(o, MODE_CONVERT);
            break;
        case O_FROM:
            if (strcmp(optarg, "text") == 0)
                o->from = FROM_TEXT;
            else if (strcmp(optarg, "markdown") == 0)
                o->from = FROM_MARKDOWN;
            else
                usage_error("--from wants text or markdown, not '%s'", optarg);
            break;
        case O_PLAIN:
            o->plain = 1;
            break;
        case O_MOUSE:
            o->mouse = 1;
            break;
        case O_RAW:
            o->raw = 1;
            break;
        case O_KEYS:
            print_keys();
            exit(0);
        case O_WIDTH:
            if (parse_int(optarg, 1, 10000, &o->width))
                usage_error("--width wants a number from 1 to 10000, not '%s'", optarg);
            break;
        case O_AMBI:
            if (parse_int(optarg, 1, 2, &o->ambi))
                usage_error("--ambiwidth wants 1 or 2, not '%s'", optarg);
            break;
        case 'h':
            lec_out_str(usage_text);
            lec_out_flush();
            exit(0);
        case 'V':
            lec_out_str("lectern " PACKAGE_VERSION "\n");
            lec_out_flush();
            exit(0);
        case ':':
            usage_error("option '%s' needs a value", argv[optind - 1]);
            break;
        default:
            usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) usage_error("%s", "no FILE given (use - for standard input)");
    if (optind + 1 < argc) usage_error("one FILE only, but '%s' follows it", argv[optind + 1]);
    o->file = argv[optind];
    if (o->plain && o->mode != MODE_PRINT) usage_error("%s", "--plain goes with --print");
    if (o->raw && o->mode != MODE_PRINT && o->mode != MODE_BROWSE)
        usage_error("%s", "--raw goes with --print or the browser's p");
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

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
        for (int k = 1; k < depth; k++) lec_out("  ", 2);
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
        while (j < nb && lec_doc_block(doc, j)->end - first->start < 65536) j++;
        if (dump_range(doc, first->start, lec_doc_block(doc, j - 1)->end, width, ambi, any)) any = 1;
        i = j;
    }
}

/* The bytes of a node as they are, but not onto a terminal, where escape
 * sequences in a document could set the title or the clipboard, clear
 * the screen...: without --raw, nonzero after a one-line message. */
static int refuse_controls(const lec_doc *doc, const options *o, const char *s, size_t n)
{
    if (o->raw || !isatty(1) || !lec_str_has_controls(s, n)) return 0;
    fprintf(stderr,
            "lectern: %s: not writing control characters to the terminal "
            "(use --raw, or redirect the output)\n",
            lec_doc_name(doc));
    return 1;
}

/* A copy of s for a message: control characters (C0, DEL, C1) become '?'.
 * Caller frees with free(). */
static char *printable(const char *s)
{
    char *c = lec_xstrndup(s, strlen(s));
    for (unsigned char *u = (unsigned char *)c; *u; u++) {
        if (*u < 0x20 || *u == 0x7F) *u = '?';
        if (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F) u[0] = u[1] = '?';
    }
    return c;
}

static int do_print(const lec_doc *doc, const options *o)
{
    lec_buf near = LEC_BUF_INIT;
    uint32_t id = lec_addr_resolve(doc, o->addr, 0, &near);
    if (id == LEC_NONE) {
        char *addr = printable(o->addr);
        fprintf(stderr, "lectern: %s: no node at '%s'; nearest: ", lec_doc_name(doc), addr);
        free(addr);
        /* The suggestions quote document text: keep it harmless. */
        fflush(stderr);
        for (size_t i = 0; i < near.len; i++) {
            unsigned char ch = (unsigned char)near.data[i];
            if (ch < 0x20 || ch == 0x7f) near.data[i] = '?';
        }
        fprintf(stderr, "%s\n", near.data ? near.data : "");
        lec_buf_free(&near);
        return EXIT_NOTFOUND;
    }
    lec_buf_free(&near);
    size_t start, end, len;
    lec_node_range(doc, id, &start, &end);
    const char *src = lec_doc_source(doc, &len);
    if (!o->plain) {
        if (refuse_controls(doc, o, src + start, end - start)) return EXIT_RAW;
        lec_out(src + start, end - start);
        return 0;
    }
    dump_range(doc, start, end, o->width ? o->width : terminal_width(), o->ambi, 0);
    return 0;
}

/* The browser; what the reader asked to print goes to stdout after the
 * terminal is restored.  Without a terminal, the document is dumped. */
static int browse(const lec_doc *doc, const options *o, int width, lec_later *later)
{
    lec_tui_opts to = {.ambi = o->ambi, .mouse = o->mouse, .later = later};
    uint32_t node = 0;
    const char *why = NULL;
    const lec_doc *first = doc;
    lec_tui_result r = lec_tui_run(&doc, &to, &node, &why);
    int rc = 0;
    size_t start, end, len;
    const char *src = lec_doc_source(doc, &len);
    switch (r) {
    case LEC_TUI_NO_TERMINAL:
        fprintf(stderr, "lectern: %s: showing the document as with --dump\n",
                why ? why : "no terminal");
        if (later) {
            /* Nothing was shown: the dump is of the whole. */
            char *w;
            lec_doc *whole = lec_later_take(later, &w);
            if (w) fprintf(stderr, "lectern: %s: %s\n", lec_doc_name(first), w);
            free(w);
            if (!whole) return EXIT_INPUT;
            doc = whole;
        }
        do_dump(doc, width, o->ambi);
        break;
    case LEC_TUI_PRINT:
        start = 0;
        end = len;
        if (node) lec_node_range(doc, node, &start, &end);
        if (refuse_controls(doc, o, src + start, end - start)) return EXIT_RAW;
        lec_out(src + start, end - start);
        break;
    case LEC_TUI_PRINT_PLAIN:
        if (node == 0) {
            do_dump(doc, width, o->ambi);
        } else {
            lec_node_range(doc, node, &start, &end);
            dump_range(doc, start, end, width, o->ambi, 0);
        }
        break;
    case LEC_TUI_QUIT:
        break;
    case LEC_TUI_FAILED:
        fprintf(stderr, "lectern: %s: %s\n", lec_doc_name(first), why);
        free((char *)why);
        rc = EXIT_INPUT;
        break;
    }
    /* The caller owns the document it gave; the whole that replaced it
     * came from `later`. */
    if (doc != first) lec_doc_free((lec_doc *)doc);
    return rc;
}

/* Replaces the plain text *data[0..*len) by the Markdown recovered from it;
 * valid: the text is known to be valid UTF-8. */
static void to_markdown(char **data, size_t *len, int valid)
{
    size_t mlen;
    char *md = valid ? lec_convert_valid(*data, *len, &mlen) : lec_convert(*data, *len, &mlen);
    free(*data);
    *data = md;
    *len = mlen;
}

/* Which way to read the input: plain text (converted first) or Markdown. */
static int is_text(const options *o, const char *data, size_t len)
{
    if (o->from != FROM_AUTO) return o->from == FROM_TEXT;
    if (has_suffix(o->file, ".txt")) return 1;
    if (has_suffix(o->file, ".md") || has_suffix(o->file, ".markdown") ||
        has_suffix(o->file, ".mkd") || has_suffix(o->file, ".mdown"))
        return 0;
    return !lec_looks_markdown(data, len);
}

/* ---- a large file opens at once --------------------------------------- */

/* A file larger than this opens with its first part (about as much) shown
 * while a second thread reads and parses the whole.  LECTERN_EARLY sets it
 * (for tests).  64 KiB is some 20 000 Chinese characters, more than can
 * be read in the time the whole of 100 MB takes, and parsed in a fifth of
 * a millisecond: the first screen is not kept waiting for it. */
#define EARLY_BYTES ((size_t)64 << 10)

typedef struct early {
    const options *o;
    const char *name;
} early;

/* The whole document, as main() makes it for the other modes (runs on
 * the second thread: only the model, no output). */
static lec_doc *make_whole(void *arg, char **why)
{
    early *e = arg;
    lec_input in;
    lec_buf err = LEC_BUF_INIT;
    *why = NULL;
    if (lec_load(e->o->file, &in, &err) != 0) {
        *why = lec_buf_detach(&err, NULL);
        return NULL;
    }
    lec_buf_free(&err);
    int text = is_text(e->o, in.data, in.len);
    if (text) to_markdown(&in.data, &in.len, !in.invalid_utf8);
    if (in.invalid_utf8) {
        lec_buf_printf(&err, "warning: invalid UTF-8 at byte %zu (shown as U+FFFD)", in.bad_offset);
        *why = lec_buf_detach(&err, NULL);
    }
    lec_doc *d = lec_doc_new_flags(in.data, in.len, e->name, in.invalid_utf8 ? 0 : LEC_DOC_VALID);
    if (text) lec_doc_hide_frontmatter(d);
    return d;
}

/* The first part of a large regular file, cut where a block ends; NULL
 * (and the usual way is taken) for anything else, or anything odd. */
static char *read_part(const char *path, size_t want, size_t *len)
{
    struct stat st;
    /* stat first: opening a FIFO here would meet its writer, and the
     * lec_load that follows would wait for another one for ever. */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size <= want) return NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size <= want) {
        close(fd);
        return NULL;
    }
    char *buf = lec_xmalloc(want + 1);
    size_t got = 0;
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    /* A NUL byte makes it a binary file: lec_load says so. */
    size_t end = got == want && !memchr(buf, 0, got) ? got : 0;
    while (end > 0 && buf[end - 1] != '\n')
        end--;
    if (!end) {
        free(buf);
        return NULL;
    }
    *len = end;
    buf[*len] = '\0';
    return buf;
}

/* The browser on a large file: the first part at once, the whole when
 * it is ready.  Returns 0 when the file is not for this (rc untouched). */
static int browse_early(const options *o, const char *name, int *rc)
{
    if (strcmp(o->file, "-") == 0) return 0;
    size_t want = EARLY_BYTES, len;
    const char *env = getenv("LECTERN_EARLY");
    if (env && *env) want = (size_t)strtoull(env, NULL, 10);
    if (want == 0) return 0;
    char *part = read_part(o->file, want, &len);
    if (!part) return 0;

    int text = is_text(o, part, len);
    if (text) {
        to_markdown(&part, &len, 0);
    } else {
        /* Cut where a block surely ends, so the part's blocks are the
         * whole's. */
        size_t *cuts, n = lec_chunk_split(part, 0, len, 1, &cuts);
        if (n) len = cuts[n - 1];
        free(cuts);
    }
    int valid = lec_utf8_valid(part, len, NULL);
    lec_doc *doc = lec_doc_new_flags(part, len, name, valid ? LEC_DOC_VALID : 0);
    if (text) lec_doc_hide_frontmatter(doc);

    early e = {o, name};
    lec_later *later = lec_later_start(make_whole, &e);
    if (!later) {
        lec_doc_free(doc);
        return 0;
    }
    int width = o->width ? o->width : terminal_width();
    *rc = browse(doc, o, width, later);
    lec_out_flush();
    lec_doc_free(doc);
    return 1;
}

static int run(const options *opts, const char *name);

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* A closed pipe is reported by write() and handled in emit.c. */
    signal(SIGPIPE, SIG_IGN);

    options o;
    parse_args(argc, argv, &o);
    /* The name goes into messages on the terminal: a name with an escape
     * sequence in it must not drive it. */
    char *name = printable(strcmp(o.file, "-") == 0 ? "(standard input)" : o.file);
    int rc = run(&o, name);
    free(name);
    return rc;
}

/* Reads the input and does what the options ask; returns the exit status. */
static int run(const options *opts, const char *name)
{
    options o = *opts;
    lec_input in;
    lec_buf why = LEC_BUF_INIT;
    int rc = 0;
    if (o.mode == MODE_BROWSE && browse_early(&o, name, &rc)) return rc;
    if (lec_load(o.file, &in, &why) != 0) {
        fprintf(stderr, "lectern: %s: %s\n", name, why.data);
        lec_buf_free(&why);
        return EXIT_INPUT;
    }
    if (in.invalid_utf8)
        fprintf(stderr, "lectern: %s: warning: invalid UTF-8 at byte %zu (shown as U+FFFD)\n",
                name, in.bad_offset);

    /* Plain text is converted to Markdown first; every mode then works on
     * the converted document. */
    int text = is_text(&o, in.data, in.len);
    if (text) to_markdown(&in.data, &in.len, !in.invalid_utf8);
    if (o.mode == MODE_CONVERT) {
        lec_out(in.data, in.len);
        lec_out_flush();
        free(in.data);
        return 0;
    }

    /* lec_load checked the bytes; conversion keeps them as they were. */
    lec_doc *doc = lec_doc_new_flags(in.data, in.len, name, in.invalid_utf8 ? 0 : LEC_DOC_VALID);
    if (text) lec_doc_hide_frontmatter(doc);
    int width = o.width ? o.width : terminal_width();
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
        break;
    case MODE_BROWSE:
        rc = browse(doc, &o, width, NULL);
        break;
    case MODE_DUMP:
        do_dump(doc, width, o.ambi);
        break;
    }
    lec_out_flush();
    lec_doc_free(doc);
    return rc;
}
