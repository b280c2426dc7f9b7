/*
 * thread.c - worker threads with signals blocked (lectern/thread.h).
 */
#include "lectern/thread.h"
#include "lectern/util.h"

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

typedef struct call {
    void *(*fn)(void *);
    void *arg;
} call;

static void run_call(void *arg)
{
    call *c = arg;
    c->fn(c->arg);
}

int lec_thread_pair(void *(*fn)(void *), void *one, void *two)
{
    pthread_t th;
    if (lec_thread_start(&th, fn, two) != 0) return 0;
    call c = {fn, one};
    int failed = lec_thread_guard(run_call, &c);
    pthread_join(th, NULL); /* before anything goes: it may write into two */
    if (failed || lec_oom_seen()) lec_oom();
    return 1;
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
