/*
 * history.h - what was typed at the prompts, kept across runs.
 *
 * Two lists: searches (typed at / or ?) and addresses (typed at :), the
 * newest last, each at most LEC_HIST_MAX entries; an entry typed again
 * moves to the end.  They are kept in one file,
 * $XDG_STATE_HOME/lectern/history ($HOME/.local/state/lectern/history
 * when XDG_STATE_HOME is unset or not an absolute path), read when opened
 * and written after every entry added: the file is read again first (so
 * that two readers at once both keep theirs), then written to a temporary
 * file beside it and renamed over it, so it is never seen half written.
 *
 * The file is text: a first line "# lectern history 1", then one line an
 * entry, '/' or ':' and the text, with backslash, line breaks, other
 * control characters and bytes that are not UTF-8 written as \\, \n and
 * \xHH.  A file that is not so
 * (or is larger than LEC_HIST_MAX_FILE bytes, or not UTF-8) is damaged:
 * it is ignored, lec_hist_notice says so once, and the next entry added
 * replaces it.  Pure: no curses; files only.
 */
#ifndef LECTERN_HISTORY_H
#define LECTERN_HISTORY_H

#include <stddef.h>

typedef struct lec_hist lec_hist;

enum {
    LEC_HIST_MAX = 200,          /* entries per list */
    LEC_HIST_MAX_ENTRY = 1024,   /* bytes; a longer entry is not kept */
    LEC_HIST_MAX_FILE = 1 << 20, /* bytes; a larger file is damaged */
};

/* Opens the history kept in the file path; NULL: the XDG place above;
 * "": none (kept in memory only).  Never fails; free with lec_hist_free. */
lec_hist *lec_hist_open(const char *path);
void lec_hist_free(lec_hist *h);
/* The file (malloc'd by the history, valid while it is open), or NULL
 * when the history is kept in memory only. */
const char *lec_hist_path(const lec_hist *h);

/* A one-line notice about the file ("...history: damaged at line 3;
 * ignored"), once: the first call after something went wrong returns it,
 * later calls NULL until something else goes wrong.  Valid until the next
 * call on h. */
const char *lec_hist_notice(lec_hist *h);

/* Adds s[0..len) to the list of prompt kind ('/' and '?' share a list,
 * ':' has its own), then saves.  Empty entries and entries longer than
 * LEC_HIST_MAX_ENTRY bytes are not kept. */
void lec_hist_add(lec_hist *h, int kind, const char *s, size_t len);

/* The number of entries of kind's list, and entry i (0: the oldest). */
size_t lec_hist_count(const lec_hist *h, int kind);
const char *lec_hist_get(const lec_hist *h, int kind, size_t i);

/* Up and Down at a prompt: from entry `from` (lec_hist_count: the line
 * being typed), the next older (dir < 0) or newer (dir > 0) entry that
 * starts with prefix[0..plen) (what was typed before the first step);
 * past the newest, lec_hist_count (the typed line again).  Returns from
 * when there is none older. */
size_t lec_hist_step(const lec_hist *h, int kind, size_t from, int dir, const char *prefix,
                     size_t plen);

#endif
