/*
 * later.c - a document made on a thread of its own (lectern/later.h).
 */
#include "lectern/later.h"
#include "lectern/util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct lec_later {
    pthread_t thread;
    lec_later_fn make;
    void *arg;
    lec_doc *doc;
    char *why;
    atomic_int done;
    pthread_mutex_t lock; /* guards go */
    pthread_cond_t cond;
    int go;
};

static void *run(void *p)
{
    lec_later *l = p;
    pthread_mutex_lock(&l->lock);
    while (!l->go) pthread_cond_wait(&l->cond, &l->lock);
    pthread_mutex_unlock(&l->lock);
    l->doc = l->make(l->arg, &l->why);
    atomic_store(&l->done, 1);
    return NULL;
}

lec_later *lec_later_start(lec_later_fn make, void *arg)
{
    lec_later *l = lec_xcalloc(1, sizeof *l);
    l->make = make;
    l->arg = arg;
    atomic_init(&l->done, 0);
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->cond, NULL);
    if (pthread_create(&l->thread, NULL, run, l) != 0) {
        pthread_cond_destroy(&l->cond);
        pthread_mutex_destroy(&l->lock);
        free(l);
        return NULL;
    }
    return l;
}

void lec_later_go(lec_later *l)
{
    pthread_mutex_lock(&l->lock);
    l->go = 1;
    pthread_cond_signal(&l->cond);
    pthread_mutex_unlock(&l->lock);
}

int lec_later_ready(lec_later *l)
{
    return atomic_load(&l->done);
}

lec_doc *lec_later_take(lec_later *l, char **why)
{
    lec_later_go(l);
    pthread_join(l->thread, NULL);
    pthread_cond_destroy(&l->cond);
    pthread_mutex_destroy(&l->lock);
    lec_doc *d = l->doc;
    *why = l->why;
    free(l);
    return d;
}
