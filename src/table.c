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
