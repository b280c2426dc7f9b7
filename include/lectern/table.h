/*
 * table.h - GitHub pipe tables recognised in the lines of a paragraph.
 *
 * libcmark knows no tables: it reads
 *     | 名称 | 数量 |
 *     |:-----|-----:|
 *     | 图书 | 12   |
 * as one paragraph.  These pure functions find, in the lines of such a
 * paragraph, a header row followed by a delimiter row with as many cells,
 * and split rows into cells the way GitHub does: the pipes at either end
 * are optional, a pipe after an odd number of backslashes (\|) is part of
 * the cell, white space around a cell's content is not.  The renderer
 * (render.c) then parses each cell's content as inline Markdown.
 */
#ifndef LECTERN_TABLE_H
#define LECTERN_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* A byte range [start, end) of the source. */
typedef struct lec_range {
    uint32_t start, end;
} lec_range;

/* Splits the row src[line.start..line.end) (no line ending) into cells,
 * trimmed of spaces and tabs, and appends them to *cells (a malloc'd
 * array of *cap entries, grown as needed; *n entries used).  Returns the
 * number of cells appended.  A row of nothing but white space has no
 * cells. */
size_t lec_table_split(const char *src, lec_range line, lec_range **cells, size_t *n,
                       size_t *cap);

/* Whether the cells c[0..n) of a row that holds a pipe make a delimiter
 * row: each is -, --, :-, -: or :-: with any number of dashes.  When
 * align is not NULL, align[i] receives cell i's LEC_ALIGN_* (render.h). */
int lec_table_delim(const char *src, const lec_range *c, size_t n, uint8_t *align);

/* The first line h of lines[0..n) (a paragraph's content lines) that is
 * the header row of a table: line h+1 is a delimiter row with a pipe and
 * the same number of cells; *ncols receives that number.  Returns -1
 * when there is none. */
long lec_table_find(const char *src, const lec_range *lines, size_t n, size_t *ncols);

#endif
