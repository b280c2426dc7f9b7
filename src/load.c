/*
 * load.c - read a whole document, refusing what cannot be a document.
 *
 * The whole file is read into one buffer: every later stage (outline,
 * --print byte ranges, rendering of what is on screen) indexes into it, so
 * the document is never copied again.
 */
#include "lectern/load.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Above this, the checks of the bytes run on two threads. */
#define TWO_THREADS_MIN ((size_t)8 << 20)

static void reason_errno(lec_buf *why, int err)
{
    switch (err) {
    case ENOENT:
        lec_buf_puts(why, "no such file");
        break;
    case EACCES:
    case EPERM:
        lec_buf_puts(why, "permission denied");
        break;
    case EISDIR:
        lec_buf_puts(why, "is a directory");
        break;
    default:
        lec_buf_puts(why, strerror(err));
    }
}

/* Reads fd to the end.  A regular file is read in one go at its size;
 * anything else (pipe, FIFO, terminal) grows a buffer. */
static int read_all(int fd, size_t hint, lec_input *in, lec_buf *why)
{
    size_t cap = hint ? hint + 1 : 65536, len = 0;
    char *buf = lec_xmalloc(cap + 1);
#ifdef MADV_HUGEPAGE
    /* A large buffer in huge pages: reading 100 MB into it then takes a
     * few dozen page faults instead of 25 000. */
    if (cap >= TWO_THREADS_MIN) {
        const uintptr_t huge = (uintptr_t)2 << 20;
        uintptr_t a = ((uintptr_t)buf + huge - 1) & ~(huge - 1);
        uintptr_t z = ((uintptr_t)buf + cap) & ~(huge - 1);
        if (z > a) madvise((void *)a, z - a, MADV_HUGEPAGE);
    }
#endif
    for (;;) {
        if (len == cap) {
            if (cap >= LEC_MAX_INPUT) {
                free(buf);
                lec_buf_puts(why, "too large (the limit is 4 GiB)");
                return -1;
            }
            cap = cap * 2 > LEC_MAX_INPUT ? LEC_MAX_INPUT : cap * 2;
            buf = lec_xrealloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            free(buf);
            reason_errno(why, err);
            return -1;
        }
        if (r == 0) break;
        len += (size_t)r;
    }
    if (len > LEC_MAX_INPUT) {
        free(buf);
        lec_buf_puts(why, "too large (the limit is 4 GiB)");
        return -1;
    }
    buf[len] = '\0';
    in->data = buf;
    in->len = len;
    return 0;
}

/* ---- the checks of the bytes --------------------------------------------- */

/* Where the first NUL byte and the first invalid UTF-8 are in [from, to):
 * offsets, or `to` when there is none. */
typedef struct check {
    const char *s;
    size_t from, to;
    size_t nul, bad;
} check;

static void *check_part(void *arg)
{
    check *c = arg;
    const char *nul = memchr(c->s + c->from, '\0', c->to - c->from);
    c->nul = nul ? (size_t)(nul - c->s) : c->to;
    size_t bad;
    c->bad = lec_utf8_valid(c->s + c->from, c->to - c->from, &bad) ? c->to : c->from + bad;
    return NULL;
}

/* Both checks over s[0..len), on two threads for a large text (one half
 * each; the halves meet where a character begins, so the first problem
 * found is the one a single pass would find). */
static void check_bytes(const char *s, size_t len, size_t *nul, size_t *bad)
{
    check one = {s, 0, len, len, len}, two = one;
    pthread_t th;
    int threaded = 0;
    if (len >= TWO_THREADS_MIN) {
        size_t mid = len / 2;
        for (int k = 0; k < 3 && ((unsigned char)s[mid] & 0xC0) == 0x80; k++) mid--;
        one.to = two.from = mid;
        threaded = pthread_create(&th, NULL, check_part, &two) == 0;
        if (!threaded) one.to = len;
    }
    check_part(&one);
    *nul = one.nul;
    *bad = one.bad;
    if (threaded) {
        pthread_join(th, NULL);
        if (*nul == one.to) *nul = two.nul;
        if (*bad == one.to) *bad = two.bad;
    }
}

int lec_load(const char *path, lec_input *in, lec_buf *why)
{
    memset(in, 0, sizeof *in);
    int fd = 0;
    if (strcmp(path, "-") != 0) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            reason_errno(why, errno);
            return -1;
        }
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        reason_errno(why, errno);
        if (fd) close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        lec_buf_puts(why, "is a directory");
        if (fd) close(fd);
        return -1;
    }
    size_t hint = 0;
    if (S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > LEC_MAX_INPUT) {
            lec_buf_puts(why, "too large (the limit is 4 GiB)");
            if (fd) close(fd);
            return -1;
        }
        hint = (size_t)st.st_size;
    }
    int rc = read_all(fd, hint, in, why);
    if (fd) close(fd);
    if (rc) return rc;

    size_t nul = 0, bad = 0;
    if (in->len == 0)
        lec_buf_puts(why, "empty file");
    else
        check_bytes(in->data, in->len, &nul, &bad);
    if (in->len && nul < in->len) lec_buf_printf(why, "binary file (NUL byte at offset %zu)", nul);
    if (why->len) {
        free(in->data);
        memset(in, 0, sizeof *in);
        return -1;
    }
    in->invalid_utf8 = bad < in->len;
    in->bad_offset = in->invalid_utf8 ? bad : in->len;
    return 0;
}
