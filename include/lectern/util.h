/*
 * util.h - allocation that never fails, and a growable byte buffer.
 *
 * lectern is an interactive program: running out of memory is reported
 * once and ends the process (like cmark and tmux), so callers never test
 * for NULL from the lec_x* allocators.
 */
#ifndef LECTERN_UTIL_H
#define LECTERN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Each returns memory the caller frees with free(); on failure they call
 * lec_oom(). */
void *lec_xmalloc(size_t n);
void *lec_xcalloc(size_t count, size_t size);
void *lec_xrealloc(void *p, size_t n);
/* Copies n bytes of s and adds a NUL; caller frees with free(). */
char *lec_xstrndup(const char *s, size_t n);

/* Out of memory.  On the main thread: the hook runs (the browser puts
 * the terminal back), "lectern: out of memory" goes to stderr and the
 * program exits with status 70 (LEC_EXIT_OOM).  On a worker thread
 * (thread.h): the thread ends and lec_oom_seen() turns true; the thread
 * that joins a worker checks it and calls lec_oom() itself.  Never
 * returns. */
_Noreturn void lec_oom(void);
int lec_oom_seen(void);
/* The function lec_oom calls first on the main thread (NULL: none). */
void lec_oom_hook(void (*fn)(void));

/* Grows an array *p of *cap elements of `size` bytes so that it holds at
 * least `need` elements (doubling); used as LEC_GROW(arr, cap, need),
 * which calls it only when the array is full (it runs for every element
 * appended; need and cap are evaluated twice, so no side effects). */
void lec_grow(void **p, size_t *cap, size_t need, size_t size);
#define LEC_GROW(arr, cap, need)                                                                   \
    ((size_t)(need) > (cap) ? lec_grow((void **)&(arr), &(cap), (need), sizeof *(arr)) : (void)0)

/* A growable byte string.  Always NUL-terminated once anything was put
 * (data[len] == 0); zero-initialise with LEC_BUF_INIT.  The buffer owns
 * `data`; release it with lec_buf_free(). */
typedef struct lec_buf {
    char *data;
    size_t len;
    size_t cap;
} lec_buf;
#define LEC_BUF_INIT {NULL, 0, 0}

void lec_buf_put(lec_buf *b, const void *s, size_t n);
void lec_buf_putc(lec_buf *b, char c);
void lec_buf_puts(lec_buf *b, const char *s);
void lec_buf_printf(lec_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void lec_buf_vprintf(lec_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Makes room for n more bytes without growing again. */
void lec_buf_reserve(lec_buf *b, size_t n);
/* Empties the buffer but keeps its memory. */
void lec_buf_reset(lec_buf *b);
void lec_buf_free(lec_buf *b);
/* Gives the caller the bytes (NUL-terminated; caller frees with free())
 * and leaves the buffer empty.  Never returns NULL. */
char *lec_buf_detach(lec_buf *b, size_t *len);

#endif
