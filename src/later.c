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
};

static void *run(void *p)
{
    lec_later *l = p;
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
    if (pthread_create(&l->thread, NULL, run, l) != 0) {
        free(l);
        return NULL;
    }
    return l;
}

int lec_later_ready(lec_later *l)
{
    return atomic_load(&l->done);
}

lec_doc *lec_later_take(lec_later *l, char **why)
{
    pthread_join(l->thread, NULL);
    lec_doc *d = l->doc;
    *why = l->why;
    free(l);
    return d;
}
