/*
 * frontmatter.c - "---" blocks of key: value lines at the top of a file.
 *
 * Deliberately not YAML: speeches carry a handful of flat fields, and a
 * YAML parser would be a dependency for no reader-visible gain.  What is
 * not a key: value line is kept in the source and shown by --dump, so
 * nothing is lost even when we do not understand it.
 */
#include "lectern/frontmatter.h"
#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>

/* Length of the line at s (without its line ending) and, in *next, the
 * offset just after the line ending. */
static size_t line_at(const char *s, size_t n, size_t *next)
{
    const char *nl = memchr(s, '\n', n);
    size_t len = nl ? (size_t)(nl - s) : n;
    *next = nl ? len + 1 : n;
    if (len && s[len - 1] == '\r') len--;
    return len;
}

static int is_fence(const char *s, size_t len, int closing)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    if (len == 3 && memcmp(s, "---", 3) == 0) return 1;
    return closing && len == 3 && memcmp(s, "...", 3) == 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t')) (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) (*n)--;
}

void lec_meta_set(lec_meta_list *l, const char *key, size_t klen, const char *value, size_t vlen,
                  int replace)
{
    if (replace) {
        for (size_t i = 0; i < l->count; i++) {
            if (strlen(l->items[i].key) == klen && memcmp(l->items[i].key, key, klen) == 0) {
                free(l->items[i].value);
                l->items[i].value = lec_xstrndup(value, vlen);
                return;
            }
        }
    }
    LEC_GROW(l->items, l->cap, l->count + 1);
    l->items[l->count].key = lec_xstrndup(key, klen);
    l->items[l->count].value = lec_xstrndup(value, vlen);
    l->count++;
}

const char *lec_meta_get(const lec_meta_list *l, const char *key)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].key, key) == 0) return l->items[i].value;
    return NULL;
}

void lec_meta_free(lec_meta_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].key);
        free(l->items[i].value);
    }
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

/* Splits "key: value" (or "key：value"); returns 0 when the line is not
 * of that form. Keys are one word: no spaces, no quotes. */
static int split_pair(const char *s, size_t n, const char **k, size_t *kl, const char **v,
                      size_t *vl)
{
    for (size_t i = 0; i < n; i++) {
        size_t seplen = 0;
        if (s[i] == ':')
            seplen = 1;
        else if (i + 3 <= n && memcmp(s + i, "\xef\xbc\x9a", 3) == 0) /* ： */
            seplen = 3;
        else if (s[i] == ' ' || s[i] == '\t' || s[i] == '"' || s[i] == '\'')
            return 0;
        if (!seplen) continue;
        if (i == 0) return 0;
        *k = s;
        *kl = i;
        *v = s + i + seplen;
        *vl = n - i - seplen;
        trim(v, vl);
        /* Quoted scalars: drop one pair of matching quotes. */
        if (*vl >= 2 && ((*v)[0] == '"' || (*v)[0] == '\'') && (*v)[*vl - 1] == (*v)[0]) {
            (*v)++;
            *vl -= 2;
        }
        return 1;
    }
    return 0;
}

size_t lec_frontmatter_parse(const char *s, size_t n, lec_meta_list *out, size_t *body_start,
                             size_t *body_end)
{
    size_t next, len = line_at(s, n, &next);
    if (!is_fence(s, len, 0) || next == n) return 0;

    /* Find the closing fence first: an unclosed block is not front matter. */
    size_t pos = next, close = 0, after = 0;
    while (pos < n) {
        size_t nx, l = line_at(s + pos, n - pos, &nx);
        if (is_fence(s + pos, l, 1)) {
            close = pos;
            after = pos + nx;
            break;
        }
        pos += nx;
    }
    if (!after) return 0;

    lec_meta_list tmp = {0};
    int last = -1;
    for (pos = next; pos < close;) {
        size_t nx, l = line_at(s + pos, n - pos, &nx);
        const char *line = s + pos, *k, *v;
        size_t kl, vl;
        if (l && (line[0] == ' ' || line[0] == '\t') && last >= 0) {
            /* An indented line continues the previous value. */
            const char *c = line;
            size_t cl = l;
            trim(&c, &cl);
            lec_meta *m = &tmp.items[last];
            size_t ol = strlen(m->value);
            m->value = lec_xrealloc(m->value, ol + cl + 2);
            if (ol) m->value[ol++] = ' ';
            memcpy(m->value + ol, c, cl);
            m->value[ol + cl] = '\0';
        } else if (split_pair(line, l, &k, &kl, &v, &vl)) {
            lec_meta_set(&tmp, k, kl, v, vl, 0);
            last = (int)tmp.count - 1;
        }
        pos += nx;
    }
    /* Without a single key: value line it is Markdown: two thematic
     * breaks, or a setext heading ("---\nFoo\n---", CommonMark's example
     * 96), which must stay in the outline. */
    if (!tmp.count) return 0;
    for (size_t i = 0; i < tmp.count; i++) {
        LEC_GROW(out->items, out->cap, out->count + 1);
        out->items[out->count++] = tmp.items[i];
    }
    free(tmp.items);
    if (body_start) *body_start = next;
    if (body_end) *body_end = close;
    return after;
}
