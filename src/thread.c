/*
 * thread.c - worker threads with signals blocked (lectern/thread.h).
 */
#include "lectern/thread.h"

#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>

/* Where a worker goes when it runs out of memory (lec_thread_is_worker
 * is true while it is set).  A jump, not pthread_exit: that loads
 * libgcc_s to unwind, which fails for want of memory, and aborts. */
static _Thread_local jmp_buf *oom_jump;

typedef struct start {
    void *(*fn)(void *);
    void (*after)(void *);
    void *arg;
} start;

static void *trampoline(void *p)
{
    start s = *(start *)p;
    free(p);
    jmp_buf here;
    /* volatile: set between setjmp and longjmp. */
    void *volatile r = NULL;
    if (setjmp(here) == 0) {
        oom_jump = &here;
        r = s.fn(s.arg);
    }
    oom_jump = NULL;
    if (s.after) s.after(s.arg);
    return r;
}

int lec_thread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
    return lec_thread_start_after(th, fn, NULL, arg);
}

int lec_thread_start_after(pthread_t *th, void *(*fn)(void *), void (*after)(void *), void *arg)
{
    /* Not lec_xmalloc: a failure here is the caller's to handle (it then
     * does the work itself). */
    start *s = malloc(sizeof *s);
    if (!s) return -1;
    s->fn = fn;
    s->after = after;
    s->arg = arg;
    /* The new thread inherits the mask it is created with. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(th, NULL, trampoline, s);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc) free(s);
    return rc;
}

int lec_thread_guard(void (*fn)(void *), void *arg)
{
    jmp_buf here;
    jmp_buf *volatile outer = oom_jump;
    volatile int failed = 0;
    if (setjmp(here) == 0) {
        oom_jump = &here;
        fn(arg);
    } else {
        failed = 1;
    }
    oom_jump = outer;
    return failed;
}

int lec_thread_is_worker(void)
{
    return oom_jump != NULL;
}

void lec_thread_oom(void)
{
    if (oom_jump) longjmp(*oom_jump, 1);
    abort(); /* not a worker: lec_oom does not come here */
}
