/*
 * t_keys.c - the keymap: key names, sequences ("zo"), counts ("5j"), keys
 * that start afresh after an unfinished sequence, a help text that lists
 * every request, action names, and bindings changed (bind, unbind) as
 * the keys and the help then show them.
 */
#include "lectern/keys.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>

/* Feeds a key string (script notation); returns the last result. */
static int feed(lec_keyseq *st, const char *keys, long *count)
{
    int r = LEC_REQ_NONE, k;
    while ((k = lec_key_parse(&keys, NULL)) >= 0)
        r = lec_keys_feed(st, k, count);
    return r;
}

static void test_parse(void)
{
    const char *s = "j<Down><lt>中<C-l><S-Tab><Foo>";
    int unknown = 0;
    is_int(lec_key_parse(&s, &unknown), 'j', "a character");
    is_int(lec_key_parse(&s, &unknown), LEC_KEY_DOWN, "<Down>");
    is_int(lec_key_parse(&s, &unknown), '<', "<lt>");
    is_int(lec_key_parse(&s, &unknown), 0x4E2D, "a UTF-8 character");
    is_int(lec_key_parse(&s, &unknown), LEC_KEY_CTRL('l'), "<C-l>");
    is_int(lec_key_parse(&s, &unknown), LEC_KEY_BTAB, "<S-Tab>");
    is_int(unknown, 0, "no unknown name so far");
    is_int(lec_key_parse(&s, &unknown), '<', "an unknown name gives '<'");
    is_int(unknown, 1, "... and says so");
    is_int(lec_key_parse(&s, &unknown), 'F', "... and the name's letters follow");

    lec_buf b = LEC_BUF_INIT;
    lec_key_name(LEC_KEY_PGDN, &b);
    lec_key_name('<', &b);
    lec_key_name(LEC_KEY_CTRL('c'), &b);
    lec_key_name(0x4E2D, &b);
    is_str(b.data, "<PgDn><lt><C-c>中", "names");
    lec_buf_free(&b);
}

static void test_feed(void)
{
    lec_keyseq st = LEC_KEYSEQ_INIT;
    long count;
    is_int(feed(&st, "j", &count), LEC_REQ_DOWN, "j");
    is_int(count, 0, "no count");
    is_int(feed(&st, "<Space>", &count), LEC_REQ_PAGE_DOWN, "<Space>");
    is_int(feed(&st, "z", &count), LEC_KEYS_PENDING, "z waits");
    lec_buf b = LEC_BUF_INIT;
    lec_keys_pending(&st, &b);
    is_str(b.data, "z", "pending z");
    is_int(feed(&st, "o", &count), LEC_REQ_FOLD_OPEN, "zo");
    is_int(feed(&st, "zM", &count), LEC_REQ_FOLD_ALL, "zM");
    is_int(feed(&st, "zR", &count), LEC_REQ_FOLD_NONE, "zR");
    is_int(feed(&st, "za", &count), LEC_REQ_FOLD_TOGGLE, "za");
    is_int(feed(&st, "<Tab>", &count), LEC_REQ_FOLD_TOGGLE, "<Tab>");
    is_int(feed(&st, "zj", &count), LEC_REQ_DOWN, "z then j: j starts afresh");
    is_int(feed(&st, "z<Esc>", &count), LEC_REQ_CANCEL,
           "z then Esc: the z is dropped, Esc cancels");
    is_int(st.n, 0, "nothing pending after Esc");

    is_int(feed(&st, "12", &count), LEC_KEYS_PENDING, "a count waits");
    lec_buf_reset(&b);
    lec_keys_pending(&st, &b);
    is_str(b.data, "12", "pending count");
    is_int(feed(&st, "j", &count), LEC_REQ_DOWN, "12j");
    is_int(count, 12, "count 12");
    is_int(feed(&st, "j", &count), LEC_REQ_DOWN, "the count is used once");
    is_int(count, 0, "no count after");
    is_int(feed(&st, "0", &count), LEC_REQ_NONE, "0 alone is no count");
    is_int(feed(&st, "10]", &count), LEC_REQ_NEXT_NODE, "10]");
    is_int(count, 10, "count 10 with a 0 in it");
    is_int(feed(&st, "3x", &count), LEC_REQ_NONE, "an unbound key drops the count");
    is_int(feed(&st, "n", &count), LEC_REQ_SEARCH_NEXT, "n");
    is_int(count, 0, "... with no count");
    is_int(feed(&st, "<C-c>", &count), LEC_REQ_QUIT_ALL, "<C-c> quits");
    is_int(feed(&st, "Q", &count), LEC_REQ_QUIT_ALL, "Q quits from anywhere");
    is_int(feed(&st, "q", &count), LEC_REQ_QUIT, "q closes the screen");
    is_int(feed(&st, "<Esc>", &count), LEC_REQ_CANCEL, "<Esc> cancels");
    is_int(feed(&st, "<Enter>", &count), LEC_REQ_ENTER, "<Enter> opens");
    is_int(feed(&st, "<F1>", &count), LEC_REQ_HELP, "<F1>");
    is_int(feed(&st, "H", &count), LEC_REQ_HELP, "H");
    is_int(feed(&st, "<WheelDown>", &count), LEC_REQ_WHEEL_DOWN, "<WheelDown>");
    lec_buf_free(&b);

    is_int(lec_keys_lookup('k'), LEC_REQ_UP, "lookup k");
    is_int(lec_keys_lookup('z'), LEC_REQ_NONE, "lookup z (a prefix only)");
    is_int(lec_keys_lookup(LEC_KEY_END), LEC_REQ_BOTTOM, "lookup <End>");
}

static void test_help(void)
{
    lec_buf h = LEC_BUF_INIT;
    lec_keys_help(&h);
    ok(h.len > 0, "help text");
    /* Every request has a binding line with its help text. */
    for (int r = 1; r < LEC_REQ_COUNT; r++) {
        const char *text = lec_request_help((lec_request)r);
        const char *p = strstr(h.data, text);
        ok(p && p > h.data && p[-1] == '\t', "request %d (%s) has a binding line", r, text);
    }
    const char *titles[] = {"Move\n", "Fold\n", "Jump\n", "Search\n", "Other\n"};
    const char *last = h.data;
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        const char *p = strstr(h.data, titles[i]);
        ok(p && p >= last, "group %.*s in order", (int)strlen(titles[i]) - 1, titles[i]);
        if (p) last = p;
    }
    ok(strstr(h.data, "zo\tfold-open\topen") != NULL, "zo listed, with its action's name");
    ok(strstr(h.data, "<Tab> za\t") != NULL, "several keys on one line");
    lec_buf_free(&h);
}

/* Parses written keys into k; returns how many. */
static int keys_of(const char *w, int *k)
{
    int n = 0, c;
    while (n < 4 && (c = lec_key_parse(&w, NULL)) >= 0) k[n++] = c;
    return n;
}

static void test_bind(void)
{
    lec_keyseq st = LEC_KEYSEQ_INIT;
    long count;
    int k[4], n;
    lec_buf err = LEC_BUF_INIT;
    is_str(lec_request_name(LEC_REQ_PAGE_DOWN), "page-down", "PAGE_DOWN is page-down");
    is_str(lec_request_name(LEC_REQ_QUIT_ALL), "quit-all", "QUIT_ALL is quit-all");
    is_int(lec_request_find("fold-open", 9), LEC_REQ_FOLD_OPEN, "fold-open names FOLD_OPEN");
    is_int(lec_request_find("fold", 4), LEC_REQ_NONE, "fold names nothing");
    for (int r = 1; r < LEC_REQ_COUNT; r++) {
        const char *name = lec_request_name((lec_request)r);
        if ((int)lec_request_find(name, strlen(name)) != r) ok(0, "%s leads back", name);
    }

    n = keys_of("x", k);
    is_int(lec_keys_bind(k, n, LEC_REQ_QUIT, &err), 0, "bind x quit");
    is_int(feed(&st, "x", &count), LEC_REQ_QUIT, "x quits");
    n = keys_of("j", k);
    is_int(lec_keys_bind(k, n, LEC_REQ_UP, &err), 0, "bind j up: j bound already");
    is_int(feed(&st, "j", &count), LEC_REQ_UP, "j goes up now");
    is_int(feed(&st, "3j", &count), LEC_REQ_UP, "with a count");
    is_int(count, 3, "of 3");
    n = keys_of("gt", k);
    lec_buf_reset(&err);
    is_int(lec_keys_bind(k, n, LEC_REQ_TOP, &err), -1, "bind gt: g is bound");
    is_str(err.data, "gt would hide g (one sequence cannot start another: unbind first)",
           "says which");
    n = keys_of("z", k);
    lec_buf_reset(&err);
    is_int(lec_keys_bind(k, n, LEC_REQ_QUIT, &err), -1, "bind z: z starts za, zo ...");
    ok(err.data && strstr(err.data, "z would hide za, zo, zc, zM, zR"), "names them: %s",
       err.data ? err.data : "");
    is_int(lec_keys_unbind(k, n, &err), 0, "unbind z: every sequence z starts");
    is_int(feed(&st, "z", &count), LEC_REQ_NONE, "z does nothing now (and o after it is o)");
    is_int(lec_keys_bind(k, n, LEC_REQ_FOLD_TOGGLE, &err), 0, "then bind z fold-toggle");
    is_int(feed(&st, "z", &count), LEC_REQ_FOLD_TOGGLE, "z folds at once");
    n = keys_of("<C-l>", k);
    is_int(lec_keys_unbind(k, n, &err), 0, "unbind <C-l>");
    lec_buf_reset(&err);
    is_int(lec_keys_unbind(k, n, &err), -1, "unbind <C-l> again: not bound");
    is_str(err.data, "<C-l> is not bound", "says so");
    n = keys_of("5", k);
    is_int(lec_keys_bind(k, n, LEC_REQ_BOTTOM, &err), 0, "bind 5 bottom");
    is_int(feed(&st, "5", &count), LEC_REQ_BOTTOM, "a digit bound is not a count");

    lec_buf h = LEC_BUF_INIT;
    lec_keys_help(&h);
    ok(strstr(h.data, "\nj k <Up>\tup\t") != NULL, "the help lists j with up");
    ok(strstr(h.data, "\n<Down>\tdown\t") != NULL, "and <Down> alone for down");
    ok(strstr(h.data, "\n\tredraw\t") != NULL, "redraw with no key left");
    ok(strstr(h.data, "\nq x\tquit\t") != NULL, "x beside q");
    ok(strstr(h.data, "<Tab> za") == NULL && strstr(h.data, "\n<Tab> z\tfold-toggle") != NULL,
       "z in place of za");
    lec_buf_free(&h);
    lec_buf_free(&err);
    lec_keys_reset();
    is_int(feed(&st, "j", &count), LEC_REQ_DOWN, "reset: j goes down again");
}

int main(void)
{
    test_parse();
    test_feed();
    test_help();
    test_bind();
    return tap_done();
}
