/*
 * mdarena.c - bump allocation for cmark's trees: a parse's nodes cost a
 * pointer bump each and freeing the parse drops a few blocks.
 *
 * The scan parses tens of thousands of small ranges and then frees them:
 * with malloc that was a fifth of its instructions (issue 17).
 */
#include "mdarena.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/util.h"

#if defined(__SANITIZE_ADDRESS__)
#define LEC_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEC_ARENA_ASAN 1
#endif
#endif
#ifdef LEC_ARENA_ASAN
/* Space in a block not handed out, or handed out and freed, is poisoned:
 * a read past a node or of a freed literal is still caught. */
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Before each allocation: its size as asked, and where it lives. */
typedef struct hdr {
    size_t size;
    uintptr_t tag; /* TAG_HEAP, or an arena | TAG_SMALL, or a blk | TAG_BIG */
} hdr;
enum { TAG_HEAP = 0, TAG_SMALL = 1, TAG_BIG = 2, TAG_MASK = 3 };
#define ALIGN 16 /* as malloc's: cmark's structs need no more */
#define ROUND(n) (((n) + (ALIGN - 1)) & ~(size_t)(ALIGN - 1))

/* A block of memory: a small one is filled front to back; a big one
 * holds one allocation and is on its arena's list of them. */
typedef struct blk {
    struct blk *next, *prev; /* small: next only, the block before */
    size_t cap, used;        /* small: bytes after the header, bytes used */
} blk;

/* The first block fits a small parse (a paragraph for its text); the
 * next double up to BLOCK_MAX.  An allocation over BIG gets its own
 * block, so that a growing buffer (a long code block) is given back when
 * cmark moves it, not left behind in the arena. */
#define FIRST_CAP 6144
#define BLOCK_MIN (16 << 10)
#define BLOCK_MAX (256 << 10)
#define BIG (8 << 10)

struct lec_mdarena {
    blk *cur;  /* the small block being filled; the first is inside this struct's allocation */
    blk big;   /* the big blocks: a ring, this is its head */
    hdr *last; /* the last allocation in cur, which can grow in place */
    size_t next_cap;
    const void *key;
    lec_mdarena *live_next, **live_prev; /* this thread's arenas */
};

/* The arena cmark's calloc uses on this thread, and the arenas alive. */
static _Thread_local lec_mdarena *tl_cur;
static _Thread_local lec_mdarena *tl_live;
/* Allocations cmark made on the heap and has not freed, all threads. */
static atomic_size_t heap_live;
/* Each thread keeps the last arena it released, emptied, for the next
 * parse: most parses are small and then need no malloc at all.  A
 * thread-specific value, so that a worker's is freed when it ends. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_ok;

static char *data(blk *b)
{
    return (char *)(b + 1);
}

static void spare_key_new(void)
{
    spare_ok = pthread_key_create(&spare_key, free) == 0;
}

lec_mdarena *lec_mdarena_new(void)
{
    pthread_once(&spare_once, spare_key_new);
    size_t head = ROUND(sizeof(lec_mdarena));
    lec_mdarena *a = spare_ok ? pthread_getspecific(spare_key) : NULL;
    if (a) {
        pthread_setspecific(spare_key, NULL);
    } else {
        a = lec_xmalloc(head + sizeof(blk) + FIRST_CAP);
        POISON((char *)a + head + sizeof(blk), FIRST_CAP);
    }
    memset(a, 0, sizeof *a);
    a->cur = (blk *)((char *)a + head);
    a->cur->next = a->cur->prev = NULL;
    a->cur->cap = FIRST_CAP;
    a->cur->used = 0;
    a->big.next = a->big.prev = &a->big;
    a->next_cap = BLOCK_MIN;
    a->live_next = tl_live;
    a->live_prev = &tl_live;
    if (tl_live) tl_live->live_prev = &a->live_next;
    tl_live = a;
    return a;
}

void lec_mdarena_free(lec_mdarena *a)
{
    if (!a) return;
    if (tl_cur == a) tl_cur = NULL;
    *a->live_prev = a->live_next;
    if (a->live_next) a->live_next->live_prev = a->live_prev;
    for (blk *b = a->big.next, *nx; b != &a->big; b = nx) {
        nx = b->next;
        free(b);
    }
    /* The last small block is the one inside a's allocation. */
    blk *b = a->cur;
    for (blk *nx; b->next; b = nx) {
        nx = b->next;
        UNPOISON(data(b), b->cap);
        free(b);
    }
    /* The spare is poisoned whole: a tree used after its release is
     * still caught, as it is in freed memory. */
    POISON(data(b), b->cap);
    if (spare_ok && !pthread_getspecific(spare_key) && pthread_setspecific(spare_key, a) == 0)
        return;
    UNPOISON(data(b), b->cap);
    free(a);
}

lec_mdarena *lec_mdarena_use(lec_mdarena *a)
{
    lec_mdarena *was = tl_cur;
    tl_cur = a;
    return was;
}

void lec_mdarena_set_key(lec_mdarena *a, const void *key)
{
    a->key = key;
}

lec_mdarena *lec_mdarena_find(const void *key)
{
    for (lec_mdarena *a = tl_live; a; a = a->live_next)
        if (a->key == key) return a;
    return NULL;
}

int lec_mdarena_heap_idle(void)
{
    return atomic_load_explicit(&heap_live, memory_order_relaxed) == 0;
}

/* ---- allocating -------------------------------------------------------- */

/* n bytes after a header, or out of memory. */
static size_t with_hdr(size_t n)
{
    if (n > SIZE_MAX / 2) lec_oom();
    return sizeof(hdr) + ROUND(n ? n : 1);
}

static void *heap_alloc(size_t n, int zero)
{
    hdr *h = zero ? lec_xcalloc(1, with_hdr(n)) : lec_xmalloc(with_hdr(n));
    h->size = n;
    h->tag = TAG_HEAP;
    atomic_fetch_add_explicit(&heap_live, 1, memory_order_relaxed);
    return h + 1;
}

static __attribute__((noinline)) void *big_alloc(lec_mdarena *a, size_t n)
{
    blk *b = lec_xmalloc(sizeof(blk) + with_hdr(n));
    b->cap = b->used = 0;
    b->next = a->big.next;
    b->prev = &a->big;
    b->next->prev = b;
    a->big.next = b;
    hdr *h = (hdr *)data(b);
    h->size = n;
    h->tag = (uintptr_t)b | TAG_BIG;
    return h + 1;
}

/* A new small block for a, which becomes its current one; what is left
 * of the one before (less than an allocation of BIG) stays unused.  Out
 * of line: the allocation that needs it is the rare one. */
static __attribute__((noinline)) blk *new_block(lec_mdarena *a)
{
    blk *b = lec_xmalloc(sizeof(blk) + a->next_cap);
    b->next = a->cur;
    b->prev = NULL;
    b->cap = a->next_cap;
    b->used = 0;
    POISON(data(b), b->cap);
    a->cur = b;
    if (a->next_cap < BLOCK_MAX) a->next_cap *= 2;
    return b;
}

static inline void *arena_alloc(lec_mdarena *a, size_t n)
{
    if (n > BIG) return big_alloc(a, n);
    size_t need = sizeof(hdr) + ROUND(n ? n : 1);
    blk *b = a->cur;
    if (b->cap - b->used < need) b = new_block(a);
    hdr *h = (hdr *)(data(b) + b->used);
    b->used += need;
    UNPOISON(h, sizeof(hdr) + n);
    h->size = n;
    h->tag = (uintptr_t)a | TAG_SMALL;
    a->last = h;
    return h + 1;
}

static void *cm_calloc(size_t count, size_t size)
{
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) lec_oom();
    if (!tl_cur) return heap_alloc(n, 1);
    void *p = arena_alloc(tl_cur, n);
    memset(p, 0, n);
    return p;
}

static void *cm_realloc(void *p, size_t n)
{
    if (!p) return tl_cur ? arena_alloc(tl_cur, n) : heap_alloc(n, 0);
    hdr *h = (hdr *)p - 1;
    uintptr_t tag = h->tag;
    switch (tag & TAG_MASK) {
    case TAG_HEAP:
        h = lec_xrealloc(h, with_hdr(n));
        h->size = n;
        return h + 1;
    case TAG_BIG: {
        blk *b = (blk *)(tag & ~(uintptr_t)TAG_MASK);
        blk *prev = b->prev, *next = b->next;
        b = lec_xrealloc(b, sizeof(blk) + with_hdr(n));
        prev->next = next->prev = b;
        h = (hdr *)data(b);
        h->size = n;
        h->tag = (uintptr_t)b | TAG_BIG;
        return h + 1;
    }
    default: {
        /* Memory stays in the arena of its tree, whichever is current. */
        lec_mdarena *a = (lec_mdarena *)(tag & ~(uintptr_t)TAG_MASK);
        blk *b = a->cur;
        if (h == a->last && n <= BIG && (size_t)((char *)h - data(b)) + with_hdr(n) <= b->cap) {
            b->used = (size_t)((char *)h - data(b)) + with_hdr(n);
            UNPOISON(h, sizeof(hdr) + n);
            if (n < h->size) POISON((char *)p + n, h->size - n);
            h->size = n;
            return p;
        }
        void *q = arena_alloc(a, n);
        memcpy(q, p, h->size < n ? h->size : n);
        POISON(p, h->size);
        return q;
    }
    }
}

static void cm_free(void *p)
{
    if (!p) return;
    hdr *h = (hdr *)p - 1;
    uintptr_t tag = h->tag;
    switch (tag & TAG_MASK) {
    case TAG_HEAP:
        atomic_fetch_sub_explicit(&heap_live, 1, memory_order_relaxed);
        free(h);
        return;
    case TAG_BIG: {
        blk *b = (blk *)(tag & ~(uintptr_t)TAG_MASK);
        b->prev->next = b->next;
        b->next->prev = b->prev;
        free(b);
        return;
    }
    default: {
        /* The last allocation is given back (an iterator made and freed,
         * a parser's buffers); any other waits for the arena's end. */
        lec_mdarena *a = (lec_mdarena *)(tag & ~(uintptr_t)TAG_MASK);
        if (h == a->last) {
            a->cur->used = (size_t)((char *)h - data(a->cur));
            a->last = NULL;
            POISON(h, sizeof(hdr) + h->size);
        } else {
            POISON(p, h->size);
        }
        return;
    }
    }
}

cmark_mem lec_mdarena_mem = {cm_calloc, cm_realloc, cm_free};
