/*
 * table.c - GitHub pipe tables found in a paragraph's lines (lectern/table.h).
 */
#include "lectern/table.h"
#include "lectern/render.h"
#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Is the pipe at src[i] escaped (an odd number of backslashes before it,
 * not counting any before `from`)? */
static int escaped(const char *src, uint32_t from, uint32_t i)
{
    uint32_t k = i;
    while (k > from && src[k - 1] == '\\') k--;
    return (i - k) % 2 == 1;
}

static void add_cell(const char *src, uint32_t a, uint32_t z, lec_range **cells, size_t *n,
                     size_t *cap)
{
    while (a < z && blank(src[a])) a++;
    while (z > a && blank(src[z - 1])) z--;
    LEC_GROW(*cells, *cap, *n + 1);
    (*cells)[(*n)++] = (lec_range){a, z};
}

size_t lec_table_split(const char *src, lec_range line, lec_range **cells, size_t *n,
                       size_t *cap)
{
    uint32_t a = line.start, z = line.end;
    while (a < z && blank(src[a])) a++;
    while (z > a && blank(src[z - 1])) z--;
    if (a == z) return 0;
    size_t before = *n;
    /* The pipes at the ends are optional, and not cells of their own. */
    if (src[a] == '|') a++;
    if (z > a && src[z - 1] == '|' && !escaped(src, a, z - 1)) z--;
    uint32_t from = a;
    for (uint32_t i = a; i < z; i++) {
        if (src[i] != '|' || escaped(src, a, i)) continue;
        add_cell(src, from, i, cells, n, cap);
        from = i + 1;
    }
    /* What follows the last pipe is a cell, empty or not ("| a |" is one
     * cell, "|" one empty cell). */
    add_cell(src, from, z, cells, n, cap);
    return *n - before;
}

int lec_table_delim(const char *src, const lec_range *c, size_t n, uint8_t *align)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = c[i].start, z = c[i].end;
        int left = a < z && src[a] == ':';
        if (left) a++;
        int right = z > a && src[z - 1] == ':';
        if (right) z--;
        if (a == z) return 0;
        for (uint32_t k = a; k < z; k++)
            if (src[k] != '-') return 0;
        if (align)
            align[i] = left && right ? LEC_ALIGN_CENTER
                       : right       ? LEC_ALIGN_RIGHT
                       : left        ? LEC_ALIGN_LEFT
                                     : LEC_ALIGN_NONE;
    }
    return 1;
}

/* Does the line hold an unescaped pipe? */
static int has_pipe(const char *src, lec_range l)
{
    for (uint32_t i = l.start; i < l.end; i++)
        if (src[i] == '|' && !escaped(src, l.start, i)) return 1;
    return 0;
}

long lec_table_find(const char *src, const lec_range *lines, size_t n, size_t *ncols)
{
    lec_range *cells = NULL;
    size_t nc = 0, cap = 0;
    long found = -1;
    for (size_t h = 0; h + 1 < n && found < 0; h++) {
        const lec_range *d = &lines[h + 1];
        /* Cheap tests first: the delimiter row starts with | : or -. */
        uint32_t a = d->start;
        while (a < d->end && blank(src[a])) a++;
        if (a == d->end || (src[a] != '|' && src[a] != ':' && src[a] != '-')) continue;
        if (!has_pipe(src, *d)) continue;
        nc = 0;
        size_t nd = lec_table_split(src, *d, &cells, &nc, &cap);
        if (!lec_table_delim(src, cells, nd, NULL)) continue;
        nc = 0;
        size_t nh = lec_table_split(src, lines[h], &cells, &nc, &cap);
        if (nh == nd) {
            found = (long)h;
            *ncols = nd;
        }
    }
    free(cells);
    return found;
}

/* ---- HTML tables ------------------------------------------------------- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int lec_html_tag(const char *s, size_t n, size_t i, char name[16], int *closing, size_t *end)
{
    size_t k = i + 1, l = 0;
    *closing = k < n && s[k] == '/';
    if (*closing) k++;
    if (k >= n || !((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) return 0;
    while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                     (s[k] >= '0' && s[k] <= '9'))) {
        if (l < 15) name[l++] = (char)lower(s[k]);
        k++;
    }
    name[l] = '\0';
    char q = 0;
    for (; k < n; k++) {
        if (q) {
            if (s[k] == q) q = 0;
        } else if (s[k] == '"' || s[k] == '\'') {
            q = s[k];
        } else if (s[k] == '>') {
            *end = k + 1;
            return 1;
        } else if (s[k] == '<') {
            return 0;
        }
    }
    return 0;
}

static int is_name(const char *name, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(name, *set) == 0) return 1;
    return 0;
}

/* The alignment an attribute of the tag s[a..z) asks for: align="right"
 * or style="text-align: right". */
static uint8_t tag_align(const char *s, size_t a, size_t z)
{
    char low[256];
    size_t n = z - a < sizeof low - 1 ? z - a : sizeof low - 1;
    for (size_t i = 0; i < n; i++) low[i] = (char)lower(s[a + i]);
    low[n] = '\0';
    const char *p = strstr(low, "align");
    if (!p) return LEC_ALIGN_NONE;
    p += 5;
    while (*p == ' ' || *p == '=' || *p == ':' || *p == '"' || *p == '\'') p++;
    if (strncmp(p, "right", 5) == 0) return LEC_ALIGN_RIGHT;
    if (strncmp(p, "center", 6) == 0) return LEC_ALIGN_CENTER;
    if (strncmp(p, "left", 4) == 0) return LEC_ALIGN_LEFT;
    return LEC_ALIGN_NONE;
}

int lec_table_html(const char *s, size_t n, lec_hcell **cells, size_t *ncells, size_t *cap)
{
    static const char *const skip[] = {"thead", "tbody", "tfoot", "colgroup", "col", NULL};
    static const char *const ends[] = {"td", "th", "tr", "table", "thead", "tbody", "tfoot", NULL};
    size_t i = 0, before = *ncells;
    uint32_t row = 0;
    int in_row = 0, rows = 0;
    char name[16];
    int closing;
    size_t end;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i >= n || s[i] != '<' || !lec_html_tag(s, n, i, name, &closing, &end) || closing ||
        strcmp(name, "table") != 0)
        goto no;
    i = end;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        /* Anything but tags outside the cells, or an end missing: no. */
        if (i >= n || s[i] != '<' || !lec_html_tag(s, n, i, name, &closing, &end)) goto no;
        size_t tag = i;
        i = end;
        if (strcmp(name, "table") == 0) {
            if (!closing) goto no; /* a table in a table */
            while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
            if (i < n || !rows) goto no;
            return rows;
        }
        if (is_name(name, skip)) continue;
        if (strcmp(name, "tr") == 0) {
            if (closing) {
                in_row = 0;
            } else {
                row += in_row || rows ? 1 : 0;
                in_row = 1;
                rows++;
            }
            continue;
        }
        if (closing || (strcmp(name, "td") != 0 && strcmp(name, "th") != 0)) goto no;
        if (!in_row) { /* a cell before any <tr> opens a row */
            row += rows ? 1 : 0;
            in_row = 1;
            rows++;
        }
        /* The content: up to the next tag of the table's own (a cell's
         * end tag is taken with it). */
        lec_hcell c = {(uint32_t)i, (uint32_t)n, row, name[1] == 'h', tag_align(s, tag, i)};
        size_t k = i;
        for (; k < n; k++) {
            if (s[k] != '<') continue;
            char nm[16];
            int cl;
            size_t e;
            if (!lec_html_tag(s, n, k, nm, &cl, &e) || !is_name(nm, ends)) continue;
            if (!cl && strcmp(nm, "table") == 0) goto no;
            c.end = (uint32_t)k;
            if (cl && (strcmp(nm, "td") == 0 || strcmp(nm, "th") == 0)) k = e;
            break;
        }
        if (k >= n) goto no;
        LEC_GROW(*cells, *cap, *ncells + 1);
        (*cells)[(*ncells)++] = c;
        i = k;
    }
no:
    *ncells = before;
    return 0;
}
