/*
 * args.c - the command line read into options: the modes, --help, --keys,
 * and the settings given on it (applied over the configuration file's).
 */
#include "config.h"

#include "args.h"

#include "lectern/emit.h"
#include "lectern/exit.h"
#include "lectern/keys.h"
#include "lectern/utf8.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: lectern [OPTIONS] FILE|-\n"
    "       lectern [OPTIONS] FOLDER|FILE...\n"
    "Read a structured document (Markdown) as a tree of sections and numbered points.\n"
    "\n"
    "Without a mode, the document opens in the browser (F1 there lists the keys);\n"
    "a folder, or more than one file, opens the library of the documents in them.\n"
    "Modes (at most one):\n"
    "      --toc            print the outline, one node a line, with addresses\n"
    "      --outline        print the outline as TSV: meta rows, then level, marker, title\n"
    "      --print ADDR     print the Markdown source of the node at ADDR\n"
    "      --dump           print the whole document as wrapped plain text\n"
    "      --convert        print the Markdown recovered from a plain-text document\n"
    "      --list           print the library of PATH... as TSV: path, date, author,\n"
    "                       title, parts, bytes\n"
    "      --grep PATTERN   print every hit of PATTERN in the library of PATH... as\n"
    "                       TSV: path, address, breadcrumb, line\n"
    "\n"
    "Options:\n"
    "      --plain          with --print: plain text instead of Markdown\n"
    "      --raw            with --print, --convert (and p in the browser): write\n"
    "                       control characters even to a terminal\n"
    "      --width N        wrap at N cells (default: the terminal's width, or 80);\n"
    "                       in the browser, the widest the text gets\n"
    "      --ambiwidth 1|2  cells taken by East Asian ambiguous characters (default 1)\n"
    "      --no-script-fold\n"
    "                       in the browser's searches (and --grep), keep Simplified\n"
    "                       and Traditional characters apart (Ctrl-T at the search\n"
    "                       prompt toggles)\n"
    "  -E, --regex          with --grep: PATTERN is a regular expression (PCRE2)\n"
    "      --mouse          in the browser, scroll with the mouse wheel (the terminal\n"
    "                       then no longer selects text with the mouse)\n"
    "      --no-mouse       the mouse wheel off, as it is by default\n"
    "      --theme auto|dark|light|mono\n"
    "                       the browser's colours (default auto: light or dark as\n"
    "                       COLORFGBG says, else dark; NO_COLOR means mono)\n"
    "      --cursor-row terminal|highlight\n"
    "                       how the browser marks its cursor row: the terminal's\n"
    "                       cursor at its start (default, the fewest bytes) or a\n"
    "                       highlighted row\n"
    "      --config FILE    read settings from FILE (default:\n"
    "                       $XDG_CONFIG_HOME/lectern/config, ~/.config/lectern/config)\n"
    "      --no-config      read no configuration file\n"
    "      --from text|markdown\n"
    "                       read FILE as plain text or as Markdown (default: plain text\n"
    "                       when FILE ends in .txt or has no Markdown structure)\n"
    "      --no-remember    do not open FILE where it was left, nor keep the place\n"
    "      --keys           list the browser's keys and exit\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "ADDR is a dotted path of positions as --toc shows them (2.4), or a path of\n"
    "markers (二/四是, 2/4).  FILE - reads standard input.  The environment\n"
    "variable LECTERN holds options too (LECTERN='--ambiwidth 2'): the command\n"
    "line's win over it, and its over the configuration file's.\n"
    "Exit status: 0 ok, 1 no such address (--grep: no hit), 2 unusable input,\n"
    "3 control characters for a terminal (--raw), 64 usage error, 70 out of memory,\n"
    "74 output error.\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void usage_error(const char *fmt, ...)
{
    /* The message quotes the command line: its controls (an escape
     * sequence, C1, bidi) are written in their visible form. */
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    char *shown = args_printable_n(line, len);
    fprintf(stderr, "lectern: %s (see lectern --help)\n", shown);
    free(shown);
    exit(LEC_EXIT_USAGE);
}

/* Appends s[0..n) padded with blanks to `cells` cells (at least one
 * blank after it). */
static void put_padded(lec_buf *out, const char *s, size_t n, int cells)
{
    int w = (int)lec_str_width(s, n, 1);
    lec_buf_put(out, s, n);
    for (int i = w; i < cells || i == w; i++)
        lec_buf_putc(out, ' ');
}

/* The browser's keys in force, from the keymap table the help screen
 * shows: the keys, the action's name (for bind lines), what it does.  The
 * keys' column is 20 cells, or wider for keys a configuration bound.
 * Through emit.h, as every mode's output: a write error is status 74. */
void args_print_keys(void)
{
    lec_buf help = LEC_BUF_INIT, out = LEC_BUF_INIT;
    lec_keys_help(&help);
    int keyw = 20;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < help.len;) {
            const char *line = help.data + i;
            const char *nl = memchr(line, '\n', help.len - i);
            size_t n = nl ? (size_t)(nl - line) : help.len - i;
            const char *tab = memchr(line, '\t', n);
            const char *tab2 = tab ? memchr(tab + 1, '\t', n - (size_t)(tab + 1 - line)) : NULL;
            i += n + 1;
            if (pass == 0) {
                int w = tab2 ? (int)lec_str_width(line, (size_t)(tab - line), 1) + 2 : 0;
                if (w > keyw) keyw = w;
            } else if (tab2) {
                lec_buf_puts(&out, "  ");
                put_padded(&out, line, (size_t)(tab - line), keyw);
                put_padded(&out, tab + 1, (size_t)(tab2 - tab - 1), 14);
                lec_buf_printf(&out, "%.*s\n", (int)(n - (size_t)(tab2 + 1 - line)), tab2 + 1);
            } else {
                lec_buf_printf(&out, "%.*s\n", (int)n, line);
            }
        }
    }
    lec_out(out.data, out.len);
    lec_out_flush();
    lec_buf_free(&out);
    lec_buf_free(&help);
}

static void set_mode(options *o, mode m)
{
    if (o->mode != MODE_BROWSE && o->mode != m)
        usage_error("%s", "only one of --toc, --outline, --print, --dump, --convert, --list and "
                          "--grep may be given");
    o->mode = m;
}

/* The long options: the command line's own, then every option of the
 * shared table (options.h), an on/off one also as --no-NAME. */
enum {
    O_TOC = 256,
    O_OUTLINE,
    O_PRINT,
    O_DUMP,
    O_PLAIN,
    O_CONVERT,
    O_FROM,
    O_KEYS,
    O_RAW,
    O_CONFIG,
    O_NO_CONFIG,
    O_LIST,
    O_GREP,
    O_SET = 512,    /* + the option's row in lec_options */
    O_UNSET = 1024, /* + the row: --no-NAME */
};

static struct option *long_options(void)
{
    static const struct option own[] = {
        {"toc", no_argument, NULL, O_TOC},
        {"outline", no_argument, NULL, O_OUTLINE},
        {"print", required_argument, NULL, O_PRINT},
        {"dump", no_argument, NULL, O_DUMP},
        {"convert", no_argument, NULL, O_CONVERT},
        {"list", no_argument, NULL, O_LIST},
        {"grep", required_argument, NULL, O_GREP},
        {"regex", no_argument, NULL, 'E'},
        {"from", required_argument, NULL, O_FROM},
        {"keys", no_argument, NULL, O_KEYS},
        {"plain", no_argument, NULL, O_PLAIN},
        {"raw", no_argument, NULL, O_RAW},
        {"config", required_argument, NULL, O_CONFIG},
        {"no-config", no_argument, NULL, O_NO_CONFIG},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
    };
    size_t nown = sizeof own / sizeof own[0], n = nown;
    struct option *all = lec_xcalloc(nown + 2 * lec_noptions + 1, sizeof *all);
    memcpy(all, own, sizeof own);
    /* The names live as long as the program: "no-NAME" is made once. */
    static char names[16][32];
    for (size_t i = 0; i < lec_noptions; i++) {
        const lec_option *opt = &lec_options[i];
        int bool_ = opt->kind == LEC_OPT_BOOL;
        all[n++] = (struct option){opt->name, bool_ ? optional_argument : required_argument, NULL,
                                   O_SET + (int)i};
        if (bool_ && i < 16) {
            snprintf(names[i], sizeof names[i], "no-%s", opt->name);
            all[n++] = (struct option){names[i], no_argument, NULL, O_UNSET + (int)i};
        }
    }
    return all;
}

static void add_setting(options *o, const lec_option *opt, const char *value)
{
    lec_settings scratch;
    lec_buf err = LEC_BUF_INIT;
    lec_settings_init(&scratch);
    if (lec_option_set(&scratch, opt, value, "--", &err)) usage_error("%s", err.data);
    lec_buf_free(&err);
    LEC_GROW(o->sets, o->cap_sets, o->nsets + 1);
    o->sets[o->nsets++] = (cli_setting){opt, value};
}

void args_parse(int argc, char **argv, options *o)
{
    struct option *longopts = long_options();
    memset(o, 0, sizeof *o);
    o->ambi = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hVE", longopts, NULL)) != -1) {
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
        case O_LIST:
            set_mode(o, MODE_LIST);
            break;
        case O_GREP:
            set_mode(o, MODE_GREP);
            o->pattern = optarg;
            break;
        case 'E':
            o->regex = 1;
            break;
        case O_FROM:
            if (strcmp(optarg, "text") == 0)
                o->from = SOURCE_TEXT;
            else if (strcmp(optarg, "markdown") == 0)
                o->from = SOURCE_MARKDOWN;
            else
                usage_error("--from wants text or markdown, not '%s'", optarg);
            break;
        case O_PLAIN:
            o->plain = 1;
            break;
        case O_RAW:
            o->raw = 1;
            break;
        case O_KEYS:
            o->keys = 1;
            break;
        case O_CONFIG:
            o->config = optarg;
            o->no_config = 0;
            break;
        case O_NO_CONFIG:
            o->no_config = 1;
            o->config = NULL;
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
            if (c >= O_SET && c < O_SET + (int)lec_noptions) {
                add_setting(o, &lec_options[c - O_SET], optarg);
            } else if (c >= O_UNSET && c < O_UNSET + (int)lec_noptions) {
                add_setting(o, &lec_options[c - O_UNSET], "off");
            } else {
                usage_error("unknown option '%s'", argv[optind - 1]);
            }
        }
    }
    free(longopts);
    /* --keys lists the keys in force (after the configuration file): no
     * FILE wanted. */
    if (o->keys) return;
    if (optind >= argc) usage_error("%s", "no FILE given (use - for standard input)");
    o->file = argv[optind];
    o->files = argv + optind;
    o->nfiles = argc - optind;
    /* Many files make a library: the browser, --list and --grep take it. */
    if (o->nfiles > 1 && o->mode != MODE_BROWSE && o->mode != MODE_LIST && o->mode != MODE_GREP)
        usage_error("one FILE only, but '%s' follows it", argv[optind + 1]);
    for (int i = 0; i < o->nfiles && o->nfiles > 1; i++)
        if (strcmp(o->files[i], "-") == 0)
            usage_error("%s", "- (standard input) cannot be in a library");
    if (o->plain && o->mode != MODE_PRINT) usage_error("%s", "--plain goes with --print");
    if (o->regex && o->mode != MODE_GREP) usage_error("%s", "-E goes with --grep");
    if (o->raw && o->mode != MODE_PRINT && o->mode != MODE_CONVERT && o->mode != MODE_BROWSE)
        usage_error("%s", "--raw goes with --print, --convert or the browser's p");
}

/* The settings from the configuration file, LECTERN and the command
 * line (settings.c) into o. */
void args_load_settings(options *o)
{
    lec_settings_init(&o->st);
    settings_load(&o->st, o->config, o->no_config, o->sets, o->nsets, &o->notes);
    o->width = o->st.width;
    o->ambi = o->st.ambi;
    o->mouse = o->st.mouse;
}

void args_free(options *o)
{
    lec_settings_free(&o->st);
    lec_buf_free(&o->notes);
    free(o->sets);
}

/* Writes the notes about the settings to stderr, a line each. */
void args_print_notes(const lec_buf *notes)
{
    for (size_t i = 0; i < notes->len;) {
        const char *nl = memchr(notes->data + i, '\n', notes->len - i);
        size_t n = nl ? (size_t)(nl - (notes->data + i)) : notes->len - i;
        fprintf(stderr, "lectern: %.*s\n", (int)n, notes->data + i);
        i += n + 1;
    }
}

/* A copy of s[0..n) for a message: control characters in their visible
 * form (lec_escape: "^[", "<U+202E>"), invalid bytes as U+FFFD.  Caller
 * frees with free(). */
char *args_printable_n(const char *s, size_t n)
{
    lec_buf b = LEC_BUF_INIT;
    lec_escape_to(&b, s, n, 0);
    return lec_buf_detach(&b, NULL);
}
