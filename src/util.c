/*
 * util.c - allocators that end the program on failure, and lec_buf.
 */
#include "lectern/util.h"
#include "lectern/exit.h"
#include "lectern/thread.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int oom_seen;
static void (*oom_hook)(void);

void lec_oom_hook(void (*fn)(void))
{
    oom_hook = fn;
}

int lec_oom_seen(void)
{
    return atomic_load(&oom_seen);
}

void lec_oom(void)
{
    atomic_store(&oom_seen, 1);
    /* A worker ends; the thread that joins it comes here in turn. */
    if (lec_thread_is_worker()) lec_thread_oom();
    if (oom_hook) oom_hook();
    fputs("lectern: out of memory\n", stderr);
    exit(LEC_EXIT_OOM);
}

static void oom(void)
{
    lec_oom();
}

void *lec_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *lec_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *lec_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *lec_xstrndup(const char *s, size_t n)
{
    char *d = lec_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void lec_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > ((size_t)-1) / 2 / size) oom();
        c *= 2;
    }
    *p = lec_xrealloc(*p, c * size);
    *cap = c;
}

static void buf_reserve(lec_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t c = b->cap ? b->cap : 64;
    while (c < b->len + extra + 1) {
        if (c > ((size_t)-1) / 2) oom();
        c *= 2;
    }
    b->data = lec_xrealloc(b->data, c);
    b->cap = c;
}

void lec_buf_reserve(lec_buf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap) return;
    b->cap = b->len + n + 1;
    b->data = lec_xrealloc(b->data, b->cap);
    /* A buffer with memory is NUL-terminated, even before anything is put:
     * lec_buf_detach hands it out as a string. */
    b->data[b->len] = '\0';
}

void lec_buf_put(lec_buf *b, const void *s, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lec_buf_putc(lec_buf *b, char c)
{
    lec_buf_put(b, &c, 1);
}

void lec_buf_puts(lec_buf *b, const char *s)
{
    lec_buf_put(b, s, strlen(s));
}

void lec_buf_vprintf(lec_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0) return;
    buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void lec_buf_printf(lec_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lec_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void lec_buf_reset(lec_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void lec_buf_free(lec_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *lec_buf_detach(lec_buf *b, size_t *len)
{
    if (!b->data) lec_buf_put(b, "", 0);
    char *d = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
