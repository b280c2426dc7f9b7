/*
 * library_priv.h - what library.c and libcache.c share: the library's
 * inside and the cache's two calls.
 */
#ifndef LECTERN_LIBRARY_PRIV_H
#define LECTERN_LIBRARY_PRIV_H

#include "lectern/library.h"

struct lec_lib {
    lec_from from;
    lec_lib_doc *docs;
    size_t n, cap;
    size_t skipped; /* binary files left out */
    /* The files listed, by device and inode, so that one named twice
     * (a.md a.md, or a folder and a file in it) is listed once: an open
     * addressing set of seen_cap slots (a power of two), 0 when empty. */
    struct lib_seen {
        uint64_t dev, ino;
    } *seen;
    size_t nseen, seen_cap;
    lec_buf note;   /* notes for the reader, "; " between them */
    /* Every document's "date author title path" folded for the filter,
     * made on first use, for each case folding (0: as is, 1: folded):
     * document i's at folded[k] + off[k][i], NUL-terminated. */
    char *folded[2];
    size_t *off[2];
};

/* Appends a note for the reader. */
void lib_note(lec_lib *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* libcache.c */
/* Fills in the documents the cache in dir holds as they are now (same
 * size and modification time); returns how many.  A damaged cache is
 * ignored with a note. */
size_t lib_cache_read(lec_lib *l, const char *dir);
/* Writes the cache in dir: the documents of l first, then what the cache
 * held for other files (up to a bound), atomically and under a lock, so
 * that two writers at once lose nothing and a reader never sees half a
 * file. */
void lib_cache_write(lec_lib *l, const char *dir);

#endif
