/*
 * keys.c - the request table, the default keymap and the one in force
 * (the configuration's bind and unbind lines change it), key names, the
 * sequence matcher (counts, "zo") and the generated help text.
 */
#include "lectern/keys.h"

#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Tab", LEC_KEY_TAB},
    {"S-Tab", LEC_KEY_BTAB},
    {"Esc", LEC_KEY_ESC},
    {"Enter", LEC_KEY_ENTER},
    {"Space", ' '},
    {"BS", LEC_KEY_BS},
    {"Del", LEC_KEY_DEL},
    {"Up", LEC_KEY_UP},
    {"Down", LEC_KEY_DOWN},
    {"Left", LEC_KEY_LEFT},
    {"Right", LEC_KEY_RIGHT},
    {"PgUp", LEC_KEY_PGUP},
    {"PgDn", LEC_KEY_PGDN},
    {"Home", LEC_KEY_HOME},
    {"End", LEC_KEY_END},
    {"F1", LEC_KEY_F1},
    {"WheelUp", LEC_KEY_WHEEL_UP},
    {"WheelDown", LEC_KEY_WHEEL_DOWN},
    {"lt", '<'},
};

/* The default keymap, in the order the help lists the keys. */
static const struct {
    const char *keys;
    lec_request req;
} defaults[] = {
    {"j", LEC_REQ_DOWN},
    {"<Down>", LEC_REQ_DOWN},
    {"k", LEC_REQ_UP},
    {"<Up>", LEC_REQ_UP},
    {"<Space>", LEC_REQ_PAGE_DOWN},
    {"<PgDn>", LEC_REQ_PAGE_DOWN},
    {"f", LEC_REQ_PAGE_DOWN},
    {"b", LEC_REQ_PAGE_UP},
    {"<PgUp>", LEC_REQ_PAGE_UP},
    {"d", LEC_REQ_HALF_DOWN},
    {"u", LEC_REQ_HALF_UP},
    {"g", LEC_REQ_TOP},
    {"<Home>", LEC_REQ_TOP},
    {"G", LEC_REQ_BOTTOM},
    {"<End>", LEC_REQ_BOTTOM},
    {"<WheelDown>", LEC_REQ_WHEEL_DOWN},
    {"<WheelUp>", LEC_REQ_WHEEL_UP},
    {"<Tab>", LEC_REQ_FOLD_TOGGLE},
    {"za", LEC_REQ_FOLD_TOGGLE},
    {"zo", LEC_REQ_FOLD_OPEN},
    {"zc", LEC_REQ_FOLD_CLOSE},
    {"zM", LEC_REQ_FOLD_ALL},
    {"zR", LEC_REQ_FOLD_NONE},
    {"<S-Tab>", LEC_REQ_FOLD_CYCLE},
    {"h", LEC_REQ_PARENT},
    {"<Left>", LEC_REQ_PARENT},
    {"l", LEC_REQ_ENTER},
    {"<Right>", LEC_REQ_ENTER},
    {"<Enter>", LEC_REQ_ENTER},
    {"]", LEC_REQ_NEXT_NODE},
    {"[", LEC_REQ_PREV_NODE},
    {"}", LEC_REQ_NEXT_SIBLING},
    {"{", LEC_REQ_PREV_SIBLING},
    {":", LEC_REQ_GOTO},
    {"o", LEC_REQ_OUTLINE},
    {"<C-o>", LEC_REQ_JUMP_BACK},
    {"<C-i>", LEC_REQ_JUMP_FORWARD}, /* <Tab> above takes the key; see tui_doc.c */
    {"m", LEC_REQ_MARK_SET},
    {"'", LEC_REQ_MARK_GOTO},
    {"/", LEC_REQ_SEARCH_FWD},
    {"?", LEC_REQ_SEARCH_BACK},
    {"n", LEC_REQ_SEARCH_NEXT},
    {"N", LEC_REQ_SEARCH_PREV},
    {"s", LEC_REQ_SORT},
    {"F", LEC_REQ_LIB_SEARCH},
    {"p", LEC_REQ_PRINT},
    {"P", LEC_REQ_PRINT_PLAIN},
    {"y", LEC_REQ_YANK},
    {"Y", LEC_REQ_YANK_PLAIN},
    {"|", LEC_REQ_PIPE},
    {"<F1>", LEC_REQ_HELP},
    {"H", LEC_REQ_HELP},
    {"<C-l>", LEC_REQ_REDRAW},
    {"R", LEC_REQ_RELOAD},
    {"<C-z>", LEC_REQ_SUSPEND},
    {"<Esc>", LEC_REQ_CANCEL},
    {"q", LEC_REQ_QUIT},
    {"Q", LEC_REQ_QUIT_ALL},
    {"<C-c>", LEC_REQ_QUIT_ALL},
};

#define NDEFAULT (sizeof defaults / sizeof defaults[0])
#define MAXSEQ 4

static const struct {
    lec_group group;
    const char *name; /* as LEC_REQ_INFO writes it: PAGE_DOWN */
    const char *help;
} requests[] = {{LEC_GROUP_OTHER, "NONE", ""},
#define REQ_ROW(group, name, help) {LEC_GROUP_##group, #name, help},
                LEC_REQ_INFO(REQ_ROW)
#undef REQ_ROW
};

static const char *const group_titles[LEC_GROUP_COUNT] = {"Move",    "Fold",  "Jump", "Search",
                                                          "Library", "Other"};

/* The keymap in force: the defaults, parsed on first use, then changed
 * by lec_keys_bind and lec_keys_unbind.  No sequence in it is the
 * prefix of another (lec_keys_bind refuses what would make one), so a
 * prefix typed always waits for the rest. */
typedef struct binding {
    int seq[MAXSEQ];
    int len;
    lec_request req;
    const char *written; /* a default's keys as the table writes them ("<C-i>", which is
                          * <Tab>), NULL: as lec_key_name writes them */
} binding;
static binding *keymap;
static size_t nbind, cap_bind;
static int parsed;

static void parse_keymap(void)
{
    if (parsed) return;
    nbind = 0;
    for (size_t i = 0; i < NDEFAULT; i++) {
        LEC_GROW(keymap, cap_bind, nbind + 1);
        binding *b = &keymap[nbind++];
        const char *s = defaults[i].keys;
        int k;
        b->len = 0;
        b->req = defaults[i].req;
        b->written = defaults[i].keys;
        while ((k = lec_key_parse(&s, NULL)) >= 0 && b->len < MAXSEQ) b->seq[b->len++] = k;
    }
    parsed = 1;
}

void lec_keys_reset(void)
{
    parsed = 0;
    parse_keymap();
}

int lec_key_parse(const char **s, int *unknown)
{
    const char *p = *s;
    if (!*p) return -1;
    if (*p == '<') {
        const char *e = strchr(p + 1, '>');
        if (e) {
            size_t n = (size_t)(e - p - 1);
            for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
                if (strlen(key_names[i].name) == n && memcmp(key_names[i].name, p + 1, n) == 0) {
                    *s = e + 1;
                    return key_names[i].key;
                }
            }
            /* <U+XXXX>: a character better not written raw (lec_key_name). */
            if (n >= 4 && n <= 8 && p[1] == 'U' && p[2] == '+') {
                char *end;
                long cp = strtol(p + 3, &end, 16);
                if (end == e && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
                    *s = e + 1;
                    return (int)cp;
                }
            }
            /* <C-x>: any control letter. */
            if (n == 3 && p[1] == 'C' && p[2] == '-' &&
                ((p[3] >= 'a' && p[3] <= 'z') || (p[3] >= 'A' && p[3] <= 'Z'))) {
                *s = e + 1;
                return LEC_KEY_CTRL(p[3]);
            }
        }
        if (unknown) *unknown = 1;
        *s = p + 1;
        return '<';
    }
    int32_t cp;
    int len = lec_utf8_decode(p, strlen(p), &cp);
    *s = p + len;
    return cp;
}

void lec_key_name(int key, lec_buf *out)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
        if (key_names[i].key == key) {
            lec_buf_printf(out, "<%s>", key_names[i].name);
            return;
        }
    }
    if (key >= 1 && key <= 26) {
        lec_buf_printf(out, "<C-%c>", 'a' + key - 1);
        return;
    }
    /* A control written raw would act on the terminal that shows the
     * keys (--keys, an error about a binding): C0 past <C-z> (not
     * "<C-DEL>"), C1 and bidi controls. */
    if (key >= 0 && key < LEC_KEY_SPECIAL && lec_cp_unsafe(key)) {
        lec_buf_printf(out, "<U+%04X>", (unsigned)key);
        return;
    }
    char u[4];
    int n = key >= 0 && key < LEC_KEY_SPECIAL ? lec_utf8_encode(key, u) : 0;
    if (n)
        lec_buf_put(out, u, (size_t)n);
    else
        lec_buf_puts(out, "<?>");
}

/* How the keys typed so far relate to binding i: 2 the same, 1 a prefix
 * of it, 0 neither. */
static int relation(const lec_keyseq *st, size_t i)
{
    const binding *b = &keymap[i];
    if (b->len < st->n) return 0;
    for (int k = 0; k < st->n; k++)
        if (b->seq[k] != st->keys[k]) return 0;
    return b->len == st->n ? 2 : 1;
}

static int is_first_key(int key)
{
    for (size_t i = 0; i < nbind; i++)
        if (keymap[i].len > 0 && keymap[i].seq[0] == key) return 1;
    return 0;
}

int lec_keys_feed(lec_keyseq *st, int key, long *count)
{
    parse_keymap();
    *count = 0;
    /* A count is digits typed before a sequence; a 0 alone is not one.
     * A digit that starts a binding is that binding, never a count. */
    if (st->n == 0 && key >= '0' && key <= '9' && (key > '0' || st->count > 0) &&
        !is_first_key(key)) {
        if (st->count < 100000) st->count = st->count * 10 + (key - '0');
        return LEC_KEYS_PENDING;
    }
    if (st->n == MAXSEQ) st->n = 0;
    st->keys[st->n++] = key;
    int exact = -1, prefix = 0;
    for (size_t i = 0; i < nbind; i++) {
        int r = relation(st, i);
        if (r == 2 && exact < 0) exact = (int)i;
        if (r == 1) prefix = 1;
    }
    /* The table has no sequence that is also the prefix of another, so a
     * prefix always waits. */
    if (prefix && exact < 0) return LEC_KEYS_PENDING;
    if (exact >= 0) {
        *count = st->count;
        st->n = 0;
        st->count = 0;
        return keymap[exact].req;
    }
    /* Bound to nothing.  After an unfinished sequence ("z" then "j"), the
     * last key starts afresh: the reader meant it. */
    int again = st->n > 1;
    st->n = 0;
    st->count = 0;
    if (again) return lec_keys_feed(st, key, count);
    return LEC_REQ_NONE;
}

void lec_keys_pending(const lec_keyseq *st, lec_buf *out)
{
    if (st->count) lec_buf_printf(out, "%ld", st->count);
    for (int k = 0; k < st->n; k++)
        lec_key_name(st->keys[k], out);
}

lec_request lec_keys_lookup(int key)
{
    parse_keymap();
    for (size_t i = 0; i < nbind; i++)
        if (keymap[i].len == 1 && keymap[i].seq[0] == key) return keymap[i].req;
    return LEC_REQ_NONE;
}

/* ---- names and bindings --------------------------------------------- */

const char *lec_request_name(lec_request r)
{
    /* "PAGE_DOWN" as the configuration writes it: "page-down". */
    static char names[LEC_REQ_COUNT][24];
    if (r >= LEC_REQ_COUNT) return "";
    if (!names[r][0]) {
        const char *n = requests[r].name;
        size_t i = 0;
        for (; n[i] && i + 1 < sizeof names[r]; i++)
            names[r][i] = n[i] == '_' ? '-' : (char)(n[i] >= 'A' && n[i] <= 'Z' ? n[i] + 32 : n[i]);
        names[r][i] = '\0';
    }
    return names[r];
}

lec_request lec_request_find(const char *name, size_t n)
{
    for (int r = 1; r < LEC_REQ_COUNT; r++) {
        const char *m = lec_request_name((lec_request)r);
        if (strlen(m) == n && memcmp(m, name, n) == 0) return (lec_request)r;
    }
    return LEC_REQ_NONE;
}

/* Appends keys[0..n) as written ("zo", "<C-l>"). */
static void seq_name(const int *keys, int n, lec_buf *out)
{
    for (int k = 0; k < n; k++) lec_key_name(keys[k], out);
}

/* 2: binding i is keys[0..n); 1: one of the two starts the other; 0. */
static int overlap(size_t i, const int *keys, int n)
{
    const binding *b = &keymap[i];
    int m = b->len < n ? b->len : n;
    for (int k = 0; k < m; k++)
        if (b->seq[k] != keys[k]) return 0;
    return b->len == n ? 2 : 1;
}

static void drop(size_t i)
{
    memmove(&keymap[i], &keymap[i + 1], (nbind - i - 1) * sizeof *keymap);
    nbind--;
}

int lec_keys_bind(const int *keys, int n, lec_request req, lec_buf *err)
{
    parse_keymap();
    if (n < 1 || n > MAXSEQ || req <= LEC_REQ_NONE || req >= LEC_REQ_COUNT) {
        lec_buf_puts(err, "a binding is 1 to 4 keys and an action");
        return -1;
    }
    int clash = 0;
    for (size_t i = 0; i < nbind; i++) {
        if (overlap(i, keys, n) != 1) continue;
        if (!clash++) {
            seq_name(keys, n, err);
            lec_buf_puts(err, " would hide ");
        } else {
            lec_buf_puts(err, ", ");
        }
        seq_name(keymap[i].seq, keymap[i].len, err);
    }
    if (clash) {
        lec_buf_puts(err, " (one sequence cannot start another: unbind first)");
        return -1;
    }
    for (size_t i = 0; i < nbind; i++) {
        if (overlap(i, keys, n) == 2) {
            keymap[i].req = req; /* the same keys: what they do now */
            return 0;
        }
    }
    LEC_GROW(keymap, cap_bind, nbind + 1);
    binding *b = &keymap[nbind++];
    memcpy(b->seq, keys, (size_t)n * sizeof *keys);
    b->len = n;
    b->req = req;
    b->written = NULL;
    return 0;
}

int lec_keys_unbind(const int *keys, int n, lec_buf *err)
{
    parse_keymap();
    size_t gone = 0;
    /* The sequence itself, or else every one it starts. */
    for (int want = 2; want >= 1 && !gone; want--) {
        for (size_t i = 0; i < nbind;) {
            const binding *b = &keymap[i];
            if (overlap(i, keys, n) == want && b->len >= n) {
                drop(i);
                gone++;
            } else {
                i++;
            }
        }
    }
    if (gone) return 0;
    seq_name(keys, n, err);
    lec_buf_puts(err, " is not bound");
    return -1;
}

const char *lec_request_help(lec_request r)
{
    return r < LEC_REQ_COUNT ? requests[r].help : "";
}

lec_group lec_request_group(lec_request r)
{
    return r < LEC_REQ_COUNT ? requests[r].group : LEC_GROUP_OTHER;
}

/* The keys bound to r, as --keys writes them, separated by spaces. */
static void bound_keys(lec_request r, lec_buf *out)
{
    parse_keymap();
    for (size_t i = 0; i < nbind; i++) {
        if (keymap[i].req != r) continue;
        if (out->len) lec_buf_putc(out, ' ');
        if (keymap[i].written)
            lec_buf_puts(out, keymap[i].written);
        else
            seq_name(keymap[i].seq, keymap[i].len, out);
    }
}

void lec_keys_help(lec_buf *out)
{
    lec_buf k = LEC_BUF_INIT;
    for (int g = 0; g < LEC_GROUP_COUNT; g++) {
        lec_buf_printf(out, "%s\n", group_titles[g]);
        for (int r = 1; r < LEC_REQ_COUNT; r++) {
            if (requests[r].group != (lec_group)g) continue;
            lec_buf_reset(&k);
            bound_keys((lec_request)r, &k);
            lec_buf_printf(out, "%s\t%s\t%s\n", k.data ? k.data : "",
                           lec_request_name((lec_request)r), requests[r].help);
        }
    }
    lec_buf_puts(out, "Counts\n"
                      "  A number before a key repeats it: 5j, 3], 2n, also in the outline, the "
                      "lists and the help; before g or G it is a row to go to: 100G.\n"
                      "Prompts (/ ? : |)\n"
                      "  Enter accepts, Esc cancels; <Left> <Right> <Home> <End> move, <BS> "
                      "deletes, <C-u> clears, <C-w> deletes a word; <Up> <Down> recall earlier "
                      "entries (those that start with what is typed), kept across runs.\n"
                      "Outline (o)\n"
                      "  Moves with the keys above. / filters as you type (<Down> <Up> <C-n> <C-p> "
                      "move meanwhile), Enter goes to the line, Esc clears the filter or closes "
                      "the outline. After a search each row shows its hits; n and N go to the "
                      "next and previous row with hits, <Tab> shows only those rows.\n"
                      "Places\n"
                      "  Reopening a file shows it where it was left, with its marks "
                      "($XDG_STATE_HOME/lectern/places; --no-remember does without).\n"
                      "Searching\n"
                      "  Case is ignored unless the pattern has a capital letter; full-width and "
                      "half-width forms match (１２ finds 12, ， finds ,), and so do "
                      "Simplified and Traditional characters (发展 finds 發展, 台湾 finds 臺灣; "
                      "<C-t> at the prompt keeps them apart). <C-r> at the prompt switches to a "
                      "regular expression (PCRE2) and back. A match in a folded section opens "
                      "it; a folded row shows the hits it hides, the status line those in the "
                      "current section (3/45 (7 here)).\n");
    lec_buf_free(&k);
}
