/*
 * later.c - a document made on a thread of its own (lectern/later.h).
 *
 * The later is shared by two threads, the caller's and the worker's, and
 * freed by the last of them to let go of it (refs): after
 * lec_later_cancel the worker may still be parsing when the program
 * leaves, and it must find everything it uses still its own.
 */
#include "lectern/later.h"
#include "lectern/thread.h"
#include "lectern/util.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct lec_later {
    pthread_t thread;
    lec_later_fn make;
    void *arg;
    void (*free_arg)(void *);
    lec_doc *doc;
    char *why;
    atomic_int done;  /* the maker has returned (or ended, out of memory) */
    atomic_int stop;  /* lec_later_cancel: the maker should stop */
    atomic_int refs;  /* the caller and the worker */
    int oom;          /* the maker ran out of memory (under lock) */
    pthread_mutex_t lock; /* guards go, oom and the wait for done */
    pthread_cond_t cond;
    int go;
};

static void destroy(lec_later *l)
{
    if (l->doc) lec_doc_free(l->doc);
    free(l->why);
    if (l->arg && l->free_arg) l->free_arg(l->arg);
    pthread_cond_destroy(&l->cond);
    pthread_mutex_destroy(&l->lock);
    free(l);
}

static void let_go(lec_later *l)
{
    if (atomic_fetch_sub(&l->refs, 1) == 1) destroy(l);
}

/* Runs when the worker ends, also when it ran out of memory. */
static void finished(void *p)
{
    lec_later *l = p;
    pthread_mutex_lock(&l->lock);
    if (!l->doc && lec_oom_seen()) l->oom = 1;
    atomic_store(&l->done, 1);
    pthread_cond_broadcast(&l->cond);
    pthread_mutex_unlock(&l->lock);
    let_go(l);
}

static void *run(void *p)
{
    lec_later *l = p;
    pthread_mutex_lock(&l->lock);
    while (!l->go)
        pthread_cond_wait(&l->cond, &l->lock);
    pthread_mutex_unlock(&l->lock);
    if (!atomic_load(&l->stop)) {
        char *why = NULL;
        lec_doc *d = l->make(l, l->arg, &why);
        pthread_mutex_lock(&l->lock);
        l->doc = d;
        l->why = why;
        pthread_mutex_unlock(&l->lock);
    }
    if (l->free_arg) l->free_arg(l->arg);
    l->arg = NULL;
    return NULL;
}

lec_later *lec_later_start(lec_later_fn make, void *arg, void (*free_arg)(void *))
{
    lec_later *l = lec_xcalloc(1, sizeof *l);
    l->make = make;
    l->arg = arg;
    l->free_arg = free_arg;
    atomic_init(&l->done, 0);
    atomic_init(&l->stop, 0);
    atomic_init(&l->refs, 2);
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->cond, NULL);
    if (lec_thread_start_after(&l->thread, run, finished, l) != 0) {
        l->arg = NULL; /* still the caller's */
        destroy(l);
        return NULL;
    }
    return l;
}

void lec_later_go(lec_later *l)
{
    pthread_mutex_lock(&l->lock);
    l->go = 1;
    pthread_cond_broadcast(&l->cond);
    pthread_mutex_unlock(&l->lock);
}

int lec_later_ready(lec_later *l)
{
    return atomic_load(&l->done);
}

int lec_later_wait(lec_later *l, int ms)
{
    lec_later_go(l);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&l->lock);
    while (!atomic_load(&l->done))
        if (pthread_cond_timedwait(&l->cond, &l->lock, &until) == ETIMEDOUT) break;
    pthread_mutex_unlock(&l->lock);
    return atomic_load(&l->done);
}

lec_doc *lec_later_take(lec_later *l, char **why)
{
    lec_later_go(l);
    pthread_join(l->thread, NULL);
    /* The worker has let go: the later is the caller's alone. */
    if (l->oom) lec_oom();
    lec_doc *d = l->doc;
    *why = l->why;
    l->doc = NULL;
    l->why = NULL;
    destroy(l);
    return d;
}

void lec_later_cancel(lec_later *l)
{
    atomic_store(&l->stop, 1);
    pthread_detach(l->thread);
    lec_later_go(l);
    let_go(l);
}

int lec_later_stopping(const lec_later *l)
{
    return l && atomic_load(&l->stop);
}
