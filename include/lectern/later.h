/*
 * later.h - a document made on a thread of its own while the browser
 * already shows something (how a 100 MB file opens at once, and how a
 * document that libcmark is slow on still lets the reader quit).
 *
 * The maker runs on a worker (thread.h) and must only use the model
 * (load, convert, doc): those keep no state between calls, so they run
 * beside the browser safely.  curses and emit.h stay on the main thread.
 * The maker owns what it is given (arg): the caller may free everything
 * of its own, or leave, while the maker still runs.
 */
#ifndef LECTERN_LATER_H
#define LECTERN_LATER_H

#include "lectern/doc.h"

typedef struct lec_later lec_later;

/* What the maker returns: the document (and in *why, when not NULL, a
 * warning to show), or NULL and a reason in *why.  *why is malloc'd.  It
 * may look at lec_later_stopping(l) between its steps and give up
 * (return NULL) when it is true. */
typedef lec_doc *(*lec_later_fn)(lec_later *l, void *arg, char **why);

/* Starts a worker that runs make(l, arg) once lec_later_go is called.
 * From then on the later owns arg: free_arg(arg) (when not NULL) is
 * called once the maker is done with it.  Returns NULL when no thread
 * can be started (arg is still the caller's, who then calls the maker
 * itself with l NULL).  Finish with lec_later_take or lec_later_cancel. */
lec_later *lec_later_start(lec_later_fn make, void *arg, void (*free_arg)(void *));

/* Lets the maker begin.  It waits for this: the whole of a large file is
 * read and parsed on both CPUs of a small machine, and the first screen
 * (and the terminal drawing it) must not wait for them.  lec_later_take
 * and lec_later_wait let it begin too. */
void lec_later_go(lec_later *l);

/* Nonzero once the maker has returned; never waits. */
int lec_later_ready(lec_later *l);

/* Waits at most ms milliseconds for the maker; nonzero when it has
 * returned. */
int lec_later_wait(lec_later *l, int ms);

/* Waits for the maker, frees l and returns its document (caller frees
 * with lec_doc_free) and the maker's *why (NULL, a warning or the reason
 * there is no document; caller frees with free()).  When the maker ran
 * out of memory, this calls lec_oom() (util.h). */
lec_doc *lec_later_take(lec_later *l, char **why);

/* Gives l up without waiting: the maker is asked to stop, and whatever
 * it makes is freed on its own thread when it returns.  l must not be
 * used after. */
void lec_later_cancel(lec_later *l);

/* Nonzero when the maker should stop (lec_later_cancel); 0 for l NULL. */
int lec_later_stopping(const lec_later *l);

#endif
