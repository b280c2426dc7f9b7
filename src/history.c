/*
 * history.c - what was typed at the prompts, kept across runs
 * (lectern/history.h).
 */
#include "lectern/history.h"
#include "lectern/savefile.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "# lectern history 1"

typedef struct list {
    char **v;
    size_t n, cap;
} list;

struct lec_hist {
    char *path; /* NULL: memory only */
    list l[2];  /* searches, addresses */
    lec_buf notice;
    int noticed; /* the notice was handed out */
    int write_failed;
    int damaged; /* the file is damaged: replaced by the next save */
};

static int which(int kind)
{
    return kind == ':' ? 1 : 0;
}

static void list_clear(list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

/* Appends s as the newest entry: an equal older one goes, and the
 * oldest when there are too many. */
static void list_add(list *l, const char *s, size_t len)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0) {
            char *e = l->v[i];
            memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
            l->v[l->n - 1] = e;
            return;
        }
    }
    if (l->n == LEC_HIST_MAX) {
        free(l->v[0]);
        memmove(l->v, l->v + 1, (l->n - 1) * sizeof *l->v);
        l->n--;
    }
    LEC_GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = lec_xstrndup(s, len);
}

/* "lectern: PATH: what rest" becomes the notice. */
static void say(lec_hist *h, const char *what, const char *rest)
{
    lec_buf_reset(&h->notice);
    lec_buf_printf(&h->notice, "lectern: %s: %s%s", h->path, what, rest);
    h->noticed = 0;
}

/* Decodes one line's text (after its kind) into out; 0 when it is not
 * as lec_hist writes it. */
static int unescape(const char *s, size_t n, lec_buf *out)
{
    lec_buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) return 0;
        if (c != '\\') {
            lec_buf_putc(out, (char)c);
            continue;
        }
        if (++i >= n) return 0;
        if (s[i] == '\\') {
            lec_buf_putc(out, '\\');
        } else if (s[i] == 'n') {
            lec_buf_putc(out, '\n');
        } else if (s[i] == 'x' && i + 2 < n) {
            unsigned v = 0;
            for (int k = 1; k <= 2; k++) {
                char d = s[i + (size_t)k];
                v = v * 16 + (unsigned)(d >= '0' && d <= '9'   ? d - '0'
                                        : d >= 'a' && d <= 'f' ? d - 'a' + 10
                                        : d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                               : 99);
            }
            if (v > 0xFF) return 0;
            lec_buf_putc(out, (char)v);
            i += 2;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Reads the file into the lists (emptied first).  Returns 1 when it was
 * read or is missing, 0 when it is damaged or unreadable (said). */
static int load(lec_hist *h)
{
    list_clear(&h->l[0]);
    list_clear(&h->l[1]);
    if (!h->path) return 1;
    FILE *f = fopen(h->path, "rb");
    if (!f) {
        if (errno == ENOENT) return 1;
        say(h, strerror(errno), "; the history is not read");
        return 0;
    }
    lec_buf all = LEC_BUF_INIT, text = LEC_BUF_INIT;
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && all.len <= LEC_HIST_MAX_FILE)
        lec_buf_put(&all, chunk, got);
    int err = ferror(f);
    fclose(f);
    const char *why = NULL;
    size_t bad;
    if (err)
        why = "cannot be read";
    else if (all.len > LEC_HIST_MAX_FILE)
        why = "too large";
    else if (memchr(all.data ? all.data : "", '\0', all.len) ||
             !lec_utf8_valid(all.data, all.len, &bad))
        why = "not text";
    size_t line = 0;
    for (size_t i = 0; !why && i < all.len; line++) {
        const char *nl = memchr(all.data + i, '\n', all.len - i);
        if (!nl) {
            why = "cut short";
            break;
        }
        size_t e = (size_t)(nl - all.data);
        const char *s = all.data + i;
        size_t n = e - i;
        i = e + 1;
        if (line == 0) {
            if (n != strlen(HEADER) || memcmp(s, HEADER, n) != 0) {
                why = "no lectern history header";
                break;
            }
            continue;
        }
        if (n < 2 || (s[0] != '/' && s[0] != ':') || !unescape(s + 1, n - 1, &text) ||
            text.len > LEC_HIST_MAX_ENTRY) {
            why = "a damaged line";
            break;
        }
        list_add(&h->l[which(s[0])], text.data, text.len);
    }
    if (!why && line == 0 && all.len) why = "no lectern history header";
    lec_buf_free(&all);
    lec_buf_free(&text);
    if (why) {
        list_clear(&h->l[0]);
        list_clear(&h->l[1]);
        char where[96];
        snprintf(where, sizeof where,
                 " (line %zu): the history there is ignored and will be replaced", line + 1);
        say(h, why, where);
        h->damaged = 1;
        return 0;
    }
    return 1;
}

/* The file stays text: controls, and bytes that are not UTF-8 (an entry
 * may hold them, and one would make the whole file "not text"), as \xHH. */
static void put_escaped(lec_buf *b, const char *s)
{
    for (size_t n = strlen(s); *s;) {
        unsigned char c = (unsigned char)*s;
        int32_t cp;
        int len = lec_utf8_decode(s, n, &cp);
        if (c == '\\')
            lec_buf_puts(b, "\\\\");
        else if (c == '\n')
            lec_buf_puts(b, "\\n");
        else if (c < 0x20 || c == 0x7F || (cp == LEC_REPLACEMENT && len == 1))
            lec_buf_printf(b, "\\x%02x", c);
        else
            lec_buf_put(b, s, (size_t)len);
        s += len;
        n -= (size_t)len;
    }
}

/* mkdir -p of the directory of path, each made private to the user. */
static void make_dirs(const char *path)
{
    char *d = lec_xstrndup(path, strlen(path));
    for (char *p = d + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        (void)mkdir(d, 0700);
        *p = '/';
    }
    free(d);
}

/* Writes the lists to the file: a temporary file beside it, renamed over
 * it. */
static void save(lec_hist *h)
{
    if (!h->path || h->write_failed) return;
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, HEADER "\n");
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < h->l[k].n; i++) {
            lec_buf_putc(&b, k ? ':' : '/');
            put_escaped(&b, h->l[k].v[i]);
            lec_buf_putc(&b, '\n');
        }
    }
    make_dirs(h->path);
    int err = lec_save_file(h->path, b.data, b.len);
    const char *why = err ? strerror(err) : NULL;
    if (!why) h->damaged = 0;
    if (why) {
        /* Said once; the history is then kept in memory only. */
        say(h, why, "; the history is not saved");
        h->write_failed = 1;
    }
    lec_buf_free(&b);
}

/* The XDG place, or NULL. */
static char *default_path(void)
{
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    lec_buf b = LEC_BUF_INIT;
    if (state && state[0] == '/')
        lec_buf_printf(&b, "%s/lectern/history", state);
    else if (home && home[0] == '/')
        lec_buf_printf(&b, "%s/.local/state/lectern/history", home);
    else
        return NULL;
    return lec_buf_detach(&b, NULL);
}

lec_hist *lec_hist_open(const char *path)
{
    lec_hist *h = lec_xcalloc(1, sizeof *h);
    h->path = !path ? default_path() : *path ? lec_xstrndup(path, strlen(path)) : NULL;
    load(h);
    return h;
}

void lec_hist_free(lec_hist *h)
{
    if (!h) return;
    for (int k = 0; k < 2; k++) {
        list_clear(&h->l[k]);
        free(h->l[k].v);
    }
    lec_buf_free(&h->notice);
    free(h->path);
    free(h);
}

const char *lec_hist_path(const lec_hist *h)
{
    return h->path;
}

const char *lec_hist_notice(lec_hist *h)
{
    if (!h->notice.len || h->noticed) return NULL;
    h->noticed = 1;
    return h->notice.data;
}

void lec_hist_add(lec_hist *h, int kind, const char *s, size_t len)
{
    if (len == 0 || len > LEC_HIST_MAX_ENTRY || memchr(s, '\0', len)) return;
    /* What other readers saved since, then this entry.  A file that went
     * bad since is replaced (load has said so). */
    if (h->path && !h->write_failed && !h->damaged) {
        list keep[2] = {h->l[0], h->l[1]};
        h->l[0] = (list){0};
        h->l[1] = (list){0};
        if (!load(h)) {
            /* keep what this reader had */
            for (int k = 0; k < 2; k++) {
                list_clear(&h->l[k]);
                free(h->l[k].v);
                h->l[k] = keep[k];
            }
        } else {
            for (int k = 0; k < 2; k++) {
                list_clear(&keep[k]);
                free(keep[k].v);
            }
        }
    }
    list_add(&h->l[which(kind)], s, len);
    save(h);
}

size_t lec_hist_count(const lec_hist *h, int kind)
{
    return h->l[which(kind)].n;
}

const char *lec_hist_get(const lec_hist *h, int kind, size_t i)
{
    const list *l = &h->l[which(kind)];
    return i < l->n ? l->v[i] : NULL;
}

size_t lec_hist_step(const lec_hist *h, int kind, size_t from, int dir, const char *prefix,
                     size_t plen)
{
    const list *l = &h->l[which(kind)];
    if (from > l->n) from = l->n;
    if (dir < 0) {
        for (size_t i = from; i-- > 0;)
            if (strncmp(l->v[i], prefix, plen) == 0) return i;
        return from;
    }
    for (size_t i = from + 1; i < l->n; i++)
        if (strncmp(l->v[i], prefix, plen) == 0) return i;
    return l->n;
}
