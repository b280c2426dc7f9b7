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
/* Is the line a link reference definition of the simplest kind, whole:
 * "[label]: destination", maybe a quoted title, at most 3 spaces before
 * it, no escapes, nothing cmark could read otherwise?  (Whether a line
 * after it could be its title is the caller's to rule out.) */
int scan_def_line(const walker *w, const scan_line *l);
/* Can the line's structure be read from its bytes (valid UTF-8)? */
int scan_line_valid(const walker *w, const scan_line *l);
/* Can s[0..n) be taken as its own inline text (no markup, valid)? */
int scan_plain(const walker *w, const char *s, size_t n);

/* What out holds when scan_join_lines stops at a byte that may be markup:
 * nothing usable (the byte is invalid UTF-8, NUL or white space that cmark
 * may trim with the blanks before it), or the start of cmark's text: the
 * byte stopped a line inside (the text is cmark's, literally: cmark keeps
 * a text's blanks unless a line ends them), or it began a line after the
 * first (cmark's text is out, then the soft break's space if either
 * side is ASCII, then more; or out alone when all that follows makes
 * no text, as ![](x) does not). */
enum { STOP_UNUSABLE, STOP_IN_LINE, STOP_AT_LINE };
/* The paragraph text of lines [from, to) into out, joined as cmark's soft
 * breaks are (lec_md_inline_text: a space unless both sides are Chinese),
 * then cut to at most cap bytes between characters, as that cuts it.  The
 * first line may begin inside its line (an item's text).  Returns 0 when
 * cmark must read it; then *stop (when not NULL) says whether out holds
 * the plain start of cmark's text (STOP_*). */
int scan_join_lines(const walker *w, lec_buf *out, uint32_t from, uint32_t to, size_t cap, int *stop);
/* Can no text that cmark gives a paragraph begin with a marker, when
 * scan_join_lines stopped as stop says with t the start of it?  (t may
 * get a space added.) */
int scan_prose_start(lec_buf *t, int stop);
/* Can no marker begin a paragraph's text whose first line's text is
 * s[0..n), read with its code spans (more: lines follow it, on which a
 * span left open may close)?  t is used for the text. */
int scan_code_lead_never(const walker *w, const char *s, size_t n, int more, lec_buf *t);
/* Where the simple list whose first item is on line first ends, or
 * UINT32_MAX when cmark must read it (scanlist.c). */
uint32_t scan_list_end(walker *w, const scan_line *first, uint32_t end);
/* Reports the list of src[from..to) that scan_list_end found simple. */
void scan_list_walk(walker *w, uint32_t from, uint32_t to);

#endif
