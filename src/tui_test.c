/*
 * tui_test.c - the headless test mode (tui.h): a curses screen that
 * writes to /dev/null, keys read from a script, and screen dumps with one
 * attribute letter per cell.
 *
 * The terminal type is fixed (not TERM, which make check sets to dumb) so
 * that dumps do not depend on where the tests run.
 */
#include "tui_priv.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Tried in order: any one with cursor addressing will do. */
static const char *const test_terms[] = {"xterm-256color", "xterm", "vt100", "ansi"};

int tui_test_open(tui *t, const char *script, const char **why)
{
    int cols = 80, rows = 24;
    const char *size = getenv("LECTERN_TEST_SIZE");
    if (size && *size &&
        (sscanf(size, "%dx%d", &cols, &rows) != 2 || cols < 1 || rows < 1 || cols > 1000 ||
         rows > 1000)) {
        *why = "LECTERN_TEST_SIZE is not COLSxROWS";
        return -1;
    }
    t->script = fopen(script, "r");
    if (!t->script) {
        *why = "cannot read LECTERN_TEST_SCRIPT";
        return -1;
    }
    t->out = fopen("/dev/null", "w");
    t->in = fopen("/dev/null", "r");
    /* The size is the script's: a SIGWINCH from the terminal the tests
     * happen to run in must not change it (curses installs its handler
     * only where the signal is at its default). */
    signal(SIGWINCH, SIG_IGN);
    for (size_t i = 0; t->in && t->out && !t->scr && i < sizeof test_terms / sizeof *test_terms;
         i++)
        t->scr = newterm(test_terms[i], t->out, t->in);
    if (!t->scr) {
        *why = "no terminal description for the test screen";
        tui_test_close(t);
        return -1;
    }
    set_term(t->scr);
    resize_term(rows, cols);
    /* Input is /dev/null: curses must not take it for typeahead. */
    typeahead(-1);
    t->test = 1;
    return 0;
}

void tui_test_close(tui *t)
{
    if (t->script) fclose(t->script);
    if (t->out) fclose(t->out);
    if (t->in) fclose(t->in);
    t->script = NULL;
    t->out = t->in = NULL;
    free(t->sline);
    t->sline = NULL;
    free(t->shadow);
    t->shadow = NULL;
    signal(SIGWINCH, SIG_DFL);
}

/* Appends the screen to LECTERN_TEST_DUMP (standard error when unset). */
static void dump(tui *t, const char *name)
{
    const char *path = getenv("LECTERN_TEST_DUMP");
    FILE *f = path && *path ? fopen(path, "a") : stderr;
    if (!f) {
        fprintf(stderr, "lectern: cannot write the dump to %s\n", path);
        return;
    }
    fprintf(f, "=== %s %dx%d\n", name, COLS, LINES);
    /* A cell holds at most a few code points of 4 bytes. */
    size_t cap = (size_t)COLS * 4 * CCHARW_MAX + 1;
    char *buf = lec_xmalloc(cap);
    for (int y = 0; y < LINES; y++) {
        int n = mvwinnstr(stdscr, y, 0, buf, (int)cap - 1);
        if (n < 0) n = 0;
        buf[n] = 0;
        while (n > 0 && buf[n - 1] == ' ')
            buf[--n] = 0;
        fprintf(f, "%s\n", buf);
    }
    fputs("--- attributes\n", f);
    for (int y = 0; y < LINES; y++) {
        const char *row =
            t->shadow && y < t->shadow_rows ? t->shadow + (size_t)y * t->shadow_cols : "";
        int n = t->shadow && y < t->shadow_rows ? t->shadow_cols : 0;
        while (n > 0 && row[n - 1] == '.')
            n--;
        fprintf(f, "%.*s\n", n, row);
    }
    free(buf);
    if (f != stderr)
        fclose(f);
    else
        fflush(f);
}

int tui_test_key(tui *t)
{
    for (;;) {
        if (t->quit) return -1;
        if (t->sp && *t->sp) {
            int unknown = 0;
            int key = lec_key_parse(&t->sp, &unknown);
            if (unknown)
                fprintf(stderr, "lectern: test script line %ld: unknown key name after '<'\n",
                        t->script_line);
            return key;
        }
        ssize_t n = getline(&t->sline, &t->sline_cap, t->script);
        if (n < 0) { /* the end of the script: quit, as q */
            t->quit = 1;
            return -1;
        }
        t->script_line++;
        while (n > 0 && (t->sline[n - 1] == '\n' || t->sline[n - 1] == '\r'))
            t->sline[--n] = 0;
        t->sp = NULL;
        if (t->sline[0] == '#') continue;
        if (strncmp(t->sline, "!dump", 5) == 0) {
            const char *name = t->sline + 5;
            while (*name == ' ')
                name++;
            dump(t, name);
            continue;
        }
        if (strncmp(t->sline, "!resize", 7) == 0) {
            int cols, rows;
            if (sscanf(t->sline + 7, " %dx%d", &cols, &rows) == 2 && cols > 0 && rows > 0 &&
                cols <= 1000 && rows <= 1000) {
                resize_term(rows, cols);
                return LEC_KEY_RESIZE;
            }
            fprintf(stderr, "lectern: test script line %ld: !resize wants COLSxROWS\n",
                    t->script_line);
            continue;
        }
        if (strcmp(t->sline, "!wait") == 0) {
            if (tui_take_whole(t, 1) < 0) return -1;
            continue;
        }
        if (t->sline[0] == '!') {
            fprintf(stderr, "lectern: test script line %ld: unknown command %s\n", t->script_line,
                    t->sline);
            continue;
        }
        t->sp = t->sline;
    }
}
