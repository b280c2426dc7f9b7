/*
 * library.h - a collection of documents: the files under folders (or
 * named one by one), each with what a reader sorts and picks by (date,
 * author, title, number of parts, size).
 *
 * Metadata comes from a document's front matter, or from the head that
 * the plain-text conversion recovers; a document with neither shows its
 * file name as its title.  It is kept in a cache (libcache.c,
 * $XDG_CACHE_HOME/lectern/) keyed by path, size and modification time, so
 * a library opens fast the second time.  Pure: no curses, no output (the
 * caller reports the notes lec_lib_note gives).
 */
#ifndef LECTERN_LIBRARY_H
#define LECTERN_LIBRARY_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/open.h"
#include "lectern/util.h"

/* One document of the library.  Strings are owned by the library; "" when
 * unknown, never NULL. */
typedef struct lec_lib_doc {
    char *path;    /* as found: the argument, or under it */
    char *abs;     /* absolute path (the cache key) */
    uint64_t size; /* bytes of the file */
    int64_t mtime; /* modification time, nanoseconds */
    char *date;    /* "2012-04-14" (normalised when it can be), or as written */
    char *author;  /* the author, else the speaker */
    char *title;   /* the title, else the file name */
    int parts;     /* top-level sections and points; -1 unknown */
    unsigned sig;  /* what the raw file may hold for a search (LEC_LIB_WILD_*) */
    char *error;   /* why it cannot be read ("permission denied"), or "" */
    int known;     /* the metadata is filled in (lec_lib_load) */
} lec_lib_doc;

/* lec_lib_doc.sig: the raw file may hold characters that fold into an
 * ideograph (searchsig.c, lec_sig_wild_han): a search cannot rule the
 * file out by the ideographs of its raw bytes. */
enum { LEC_LIB_WILD_HAN = 1 };

typedef struct lec_lib lec_lib;

/* An empty library that reads files as `from` says.  Free with
 * lec_lib_free. */
lec_lib *lec_lib_new(lec_from from);
void lec_lib_free(lec_lib *l);

/* Adds a path: a folder is walked (files ending in .md, .markdown or
 * .txt, in name order; hidden files and folders, those whose name starts
 * with '.', are left out, and links to folders are not followed); a file
 * is taken whatever its name.  Returns 0, or -1 with the reason in *why
 * ("no such file"). */
int lec_lib_add(lec_lib *l, const char *path, lec_buf *why);

/* Fills in the metadata of every document: from the cache (cache_dir,
 * NULL for none) where it holds the file as it is now, else by reading
 * the file, on `threads` threads; then writes the cache back when
 * something was new.  Binary files are dropped from the library (counted
 * in lec_lib_skipped).  The same as lec_lib_load_start, then
 * lec_lib_load_finish with this thread working too. */
void lec_lib_load(lec_lib *l, const char *cache_dir, int threads);

/* The same in the background, for the browser: reads the cache now, then
 * starts `threads` worker threads (0: none; lec_lib_load_step reads a
 * document at a time on the caller's thread).  Until lec_lib_load_finish
 * the documents of l must not be looked at.  Never NULL; l must outlive
 * it. */
typedef struct lec_libload lec_libload;
lec_libload *lec_lib_load_start(lec_lib *l, const char *cache_dir, int threads);
/* Reads one more document on this thread; 0 when none is left to take. */
int lec_lib_load_step(lec_libload *h);
/* Documents read so far, of *total to read (those the cache did not
 * know). */
size_t lec_lib_load_done(const lec_libload *h, size_t *total);
/* The workers stop after the document each is reading. */
void lec_lib_load_stop(lec_libload *h);
/* Waits for the workers (and works too, unless stopped), writes the cache
 * with what was read, drops the binary files and frees h.  Documents a
 * stopped load did not read keep no metadata (title: the file name). */
void lec_lib_load_finish(lec_libload *h);

/* How its files are read (lec_lib_new). */
lec_from lec_lib_from(const lec_lib *l);
size_t lec_lib_count(const lec_lib *l);
const lec_lib_doc *lec_lib_get(const lec_lib *l, size_t i);
/* Files left out because they are binary. */
size_t lec_lib_skipped(const lec_lib *l);
/* Notes for the reader (a damaged cache that was rebuilt, a cache that
 * could not be written); "" when none.  Owned by the library. */
const char *lec_lib_note(const lec_lib *l);

/* The orders, as s cycles through them. */
typedef enum lec_lib_order {
    LEC_LIB_BY_DATE,   /* newest first; undated last */
    LEC_LIB_BY_TITLE,  /* then by path */
    LEC_LIB_BY_AUTHOR, /* the author (or speaker); none last */
    LEC_LIB_BY_PATH,
    LEC_LIB_ORDERS
} lec_lib_order;
const char *lec_lib_order_name(lec_lib_order o);

/* The documents' indexes in that order, filtered: those whose date,
 * author, title and path hold every word of `filter` as search folds
 * them (search.h: width, case unless a capital is typed, NFKC); NULL or
 * "" keeps all.  Returns the count; *out (malloc'd, caller frees) gets
 * the indexes. */
size_t lec_lib_view(const lec_lib *l, lec_lib_order order, const char *filter, size_t **out);

/* Normalises a date as written ("2024年3月5日", "2012-4-14",
 * "二〇一二年四月十四日") to "2024-03-05"; copies anything else as it
 * is (trimmed).  Appends to out. */
void lec_lib_date(const char *s, lec_buf *out);

/* The top-level nodes of a document (its parts). */
int lec_lib_parts(const lec_doc *doc);

/* Where the cache lives: $XDG_CACHE_HOME/lectern, else ~/.cache/lectern;
 * NULL when neither can be known.  Caller frees with free(). */
char *lec_lib_cache_dir(void);

#endif
