/*
 * scan_priv.h - what the scan of Markdown without cmark shares: its lines
 * (scanline.c), the blocks it reports itself (scan.c) and its lists
 * (scanlist.c).
 */
#ifndef LECTERN_SCAN_PRIV_H
#define LECTERN_SCAN_PRIV_H

#include "doc_priv.h"

/* Bytes that may start markup inside a paragraph or heading. */
extern const unsigned char scan_markup[256];

typedef struct scan_line {
    uint32_t start, end; /* content, without the line ending */
    uint32_t next;       /* start of the next line */
    int indent;          /* leading spaces (a tab makes it -1) */
    int blank;
} scan_line;

/* Reads the line at s[pos] (up to end) into *l. */
void scan_read_line(const char *s, uint32_t pos, uint32_t end, scan_line *l);
/* Is the line (after its indent) made only of c, at least min of them,
 * and trailing blanks (with spaced, blanks between too: "* * *")? */
int scan_only(const char *s, const scan_line *l, char c, int min, int spaced);
/* The level of the ATX heading the line opens, or 0. */
int scan_atx_level(const char *s, const scan_line *l);
/* Does the line open a fenced code block? */
int scan_is_fence(const char *s, const scan_line *l);
/* Could the line start a list item? */
int scan_list_start(const char *s, const scan_line *l);
/* Does the line surely start a list item that interrupts a paragraph? */
int scan_item_interrupts(const char *s, const scan_line *l);
/* Can the line's structure be read from its bytes (valid UTF-8)? */
int scan_line_valid(const walker *w, const scan_line *l);
/* Can s[0..n) be taken as its own inline text (no markup, valid)? */
int scan_plain(const walker *w, const char *s, size_t n);

/* Where the simple list whose first item is on line first ends, or
 * UINT32_MAX when cmark must read it (scanlist.c). */
uint32_t scan_list_end(walker *w, const scan_line *first, uint32_t end);
/* Reports the list of src[from..to) that scan_list_end found simple. */
void scan_list_walk(walker *w, uint32_t from, uint32_t to);

#endif
