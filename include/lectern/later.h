/*
 * later.h - a document made on a thread of its own while the browser
 * already shows the first part of it (how a 100 MB file opens at once).
 *
 * The maker must only use the model (load, convert, doc): those keep no
 * state between calls, so they run beside the browser safely.  curses and
 * emit.h stay on the main thread.
 */
#ifndef LECTERN_LATER_H
#define LECTERN_LATER_H

#include "lectern/doc.h"

typedef struct lec_later lec_later;

/* What the maker returns: the document (and in *why, when not NULL, a
 * warning to show), or NULL and a reason in *why.  *why is malloc'd. */
typedef lec_doc *(*lec_later_fn)(void *arg, char **why);

/* Starts a new thread that runs make(arg) once lec_later_go is called.
 * Returns NULL when no thread can be started (the caller then calls make
 * itself).  Finish with lec_later_take. */
lec_later *lec_later_start(lec_later_fn make, void *arg);

/* Lets the maker begin.  It waits for this: the whole of a large file is
 * read and parsed on both CPUs of a small machine, and the first screen
 * (and the terminal drawing it) must not wait for them.  lec_later_take
 * lets it begin too. */
void lec_later_go(lec_later *l);

/* Nonzero once the maker has returned; never waits. */
int lec_later_ready(lec_later *l);

/* Waits for the maker, frees l and returns its document (caller frees
 * with lec_doc_free) and the maker's *why (NULL, a warning or the reason
 * there is no document; caller frees with free()). */
lec_doc *lec_later_take(lec_later *l, char **why);

#endif
