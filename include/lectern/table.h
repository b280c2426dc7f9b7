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

/* A cell of an HTML table: its content, the bytes between its tags. */
typedef struct lec_hcell {
    uint32_t start, end;
    uint32_t row;  /* its row, from 0 */
    uint8_t head;  /* a <th> */
    uint8_t align; /* LEC_ALIGN_* of its align attribute or text-align style */
} lec_hcell;

/* When s[0..n) is a simple HTML table (above), appends its cells to
 * *cells (a malloc'd array of *cap entries, grown as needed; *n entries
 * used) and returns its number of rows; else returns 0 and appends
 * nothing.  A cell ends at its end tag, or where the next cell, row or
 * the table's end begins (HTML lets </td> out). */
int lec_table_html(const char *s, size_t n, lec_hcell **cells, size_t *ncells, size_t *cap);

/* The tag at s[i] ('<'): its name in lower case (at most 15 bytes) into
 * name, whether it closes (</x>), and in *end the index after its '>'
 * (quoted attribute values may hold '>').  Returns 0 when s[i] starts no
 * tag. */
int lec_html_tag(const char *s, size_t n, size_t i, char name[16], int *closing, size_t *end);

#endif
