/*
 * thread.h - the second threads lectern runs work on (the halves of a
 * large document, the whole of a large file while the browser shows its
 * first part), started so that they cannot disturb the main thread.
 *
 * A worker thread has every signal blocked: signals go to the main
 * thread, whose handlers restore the terminal (tui_signal.c).  A worker
 * that runs out of memory does not end the program itself (exit would
 * run the terminal's restore beside the main thread's curses): its work
 * is abandoned (a jump back to where the thread began, leaking what it
 * held), lec_oom_seen() becomes true, and whoever joins it calls
 * lec_oom() in turn, so that it is the main thread that exits with 70.
 */
#ifndef LECTERN_THREAD_H
#define LECTERN_THREAD_H

#include <pthread.h>
#include <stddef.h>

/* Below this many bytes, a second thread costs more than it saves (for
 * the checks of the bytes and for the walk of a document alike). */
#define LEC_TWO_THREADS_MIN ((size_t)4 << 20)

/* pthread_create(th, NULL, fn, arg) for a worker (above); 0 on success. */
int lec_thread_start(pthread_t *th, void *(*fn)(void *), void *arg);
/* The same, and after(arg) runs on the worker once fn has returned or was
 * abandoned for want of memory (when not NULL). */
int lec_thread_start_after(pthread_t *th, void *(*fn)(void *), void (*after)(void *), void *arg);

/* Runs fn(arg); when it runs out of memory, it is abandoned and this
 * returns 1 (0 otherwise): the caller then ends its own workers before
 * calling lec_oom().  On any thread. */
int lec_thread_guard(void (*fn)(void *), void *arg);

/* The two halves of a piece of work at once: fn(one) on this thread,
 * fn(two) on a worker; returns 1 once both have ended, or 0, having run
 * neither, when no worker could start (the caller then does the whole).
 * Out of memory in either: lec_oom() once both have ended. */
int lec_thread_pair(void *(*fn)(void *), void *one, void *two);

/* Nonzero on a worker, inside its fn (or inside lec_thread_guard). */
int lec_thread_is_worker(void);
/* Abandons the worker's fn (lec_oom on a worker).  Never returns. */
_Noreturn void lec_thread_oom(void);

#endif
