/*
 * load.c - read a whole document, refusing what cannot be a document.
 *
 * The whole file is read into one buffer: every later stage (outline,
 * --print byte ranges, rendering of what is on screen) indexes into it, so
 * the document is never copied again.  Each piece is checked as it is
 * read, so that /dev/zero or a large binary file is refused at its first
 * piece, not after gigabytes.
 */
#include "lectern/load.h"
#include "utf8_simd.h"
#include "lectern/thread.h"
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

/* What a pipe is read in at first (it grows by doubling). */
#define PIECE ((size_t)64 << 10)

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

void lec_load_limit_text(size_t limit, lec_buf *out)
{
    if (limit >= ((size_t)1 << 30) - 1 && (limit + 1) % ((size_t)1 << 30) == 0)
        lec_buf_printf(out, "%zu GiB", (limit + 1) >> 30);
    else if (limit % ((size_t)1 << 30) == 0 && limit)
        lec_buf_printf(out, "%zu GiB", limit >> 30);
    else if (limit % ((size_t)1 << 20) == 0 && limit)
        lec_buf_printf(out, "%zu MiB", limit >> 20);
    else
        lec_buf_printf(out, "%zu bytes", limit);
}

static void too_large(lec_buf *why, size_t limit)
{
    lec_buf_puts(why, "too large (the limit is ");
    lec_load_limit_text(limit, why);
    lec_buf_putc(why, ')');
}

/* A large buffer in huge pages: reading 100 MB into it then takes a few
 * dozen page faults instead of 25 000. */
static void huge_pages(char *buf, size_t cap)
{
#ifdef MADV_HUGEPAGE
    if (cap >= LEC_TWO_THREADS_MIN) {
        const uintptr_t huge = (uintptr_t)2 << 20;
        uintptr_t a = ((uintptr_t)buf + huge - 1) & ~(huge - 1);
        uintptr_t z = ((uintptr_t)buf + cap) & ~(huge - 1);
        if (z > a) madvise((void *)a, z - a, MADV_HUGEPAGE);
    }
#else
    (void)buf;
    (void)cap;
#endif
}

/* ---- the check of the text -------------------------------------------------- */

/* Where the first invalid UTF-8 is in [from, to): an offset, or `to`. */
typedef struct check {
    const char *s;
    size_t from, to;
    size_t bad;
    int nul_too; /* look for a NUL first: then nul is its offset, or `to` */
    size_t nul;
    int cr; /* with nul_too: whether [from, to) holds a CR */
} check;

static void *check_part(void *arg)
{
    check *c = arg;
    size_t bad;
    if (c->nul_too) {
        /* One pass asks all three where the processor can (utf8_simd.h);
         * memchr looks at what it did not. */
        const char *p = c->s + c->from;
        size_t n = c->to - c->from, scanned;
        unsigned seen;
        size_t valid = lec_utf8_simd_scan(p, n, &scanned, &seen);
        const char *z = memchr(p + scanned, '\0', n - scanned);
        c->nul = z ? (size_t)(z - c->s) : c->to;
        if (z) {
            c->bad = c->to;
            return NULL;
        }
        c->cr = (seen & LEC_UTF8_SAW_CR) || memchr(p + scanned, '\r', n - scanned);
        c->bad = lec_utf8_valid(p + valid, n - valid, &bad) ? c->to : c->from + valid + bad;
        return NULL;
    }
    c->bad = lec_utf8_valid(c->s + c->from, c->to - c->from, &bad) ? c->to : c->from + bad;
    return NULL;
}

/* The UTF-8 check over s[0..len), on two threads for a large text (one
 * half each; the halves meet where a character begins, so the first
 * problem found is the one a single pass would find).  nul: the first
 * NUL is looked for too (each half before its check), its offset or len
 * put there. */
static size_t check_utf8(const char *s, size_t len, size_t *nul, int *cr)
{
    check one = {s, 0, len, len, nul != NULL, len, 0}, two = one;
    int threaded = 0;
    if (len >= LEC_TWO_THREADS_MIN) {
        size_t mid = len / 2;
        for (int k = 0; k < 3 && ((unsigned char)s[mid] & 0xC0) == 0x80; k++) mid--;
        one.to = two.from = mid;
        threaded = lec_thread_pair(check_part, &one, &two);
        if (!threaded) one.to = len;
    }
    if (!threaded) check_part(&one);
    size_t bad = one.bad;
    if (nul) *nul = one.nul;
    if (cr) *cr = one.cr;
    if (threaded) {
        if (bad == one.to) bad = two.bad;
        if (nul && one.nul == one.to) *nul = two.nul;
        if (cr) *cr |= two.cr;
    }
    return bad;
}

/* ---- mapped files ------------------------------------------------------------ */

/* The mappings made (a process maps one document or two at once). */
#define MAPS 8
static struct {
    char *p;
    size_t len;
} maps[MAPS];
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

/* Maps the size bytes of fd and a NUL after them: the file's pages
 * over an anonymous (zero) reservation one byte longer, so that the
 * byte after the end is there whether or not the size ends a page.
 * NULL when it cannot (the caller reads instead). */
static char *map_file(int fd, size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), len = (size + 1 + page - 1) / page * page;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    /* Not populated: the check for a NUL faults the pages in as it goes,
     * and stops at the first (a sparse file's hole) without reading on. */
    if (mmap(p, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        munmap(p, len);
        return NULL;
    }
    pthread_mutex_lock(&maps_lock);
    int i = 0;
    while (i < MAPS && maps[i].p) i++;
    if (i < MAPS) maps[i].p = p, maps[i].len = len;
    pthread_mutex_unlock(&maps_lock);
    if (i == MAPS) {
        munmap(p, len);
        return NULL;
    }
    return p;
}

void lec_input_free(char *data)
{
    if (!data) return;
    pthread_mutex_lock(&maps_lock);
    for (int i = 0; i < MAPS; i++)
        if (maps[i].p == data) {
            size_t len = maps[i].len;
            maps[i].p = NULL;
            pthread_mutex_unlock(&maps_lock);
            munmap(data, len);
            return;
        }
    pthread_mutex_unlock(&maps_lock);
    free(data);
}

void lec_input_release(const char *p, size_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1), z = ((uintptr_t)p + n) & ~(page - 1);
    if (z <= a) return;
    pthread_mutex_lock(&maps_lock);
    for (int i = 0; i < MAPS; i++) {
        uintptr_t ms = (uintptr_t)maps[i].p, me = ms + maps[i].len;
        if (maps[i].p && a >= ms && z <= me) {
            /* A private mapping's pages not written to are the file's:
             * dropped, they are read again from it. */
            madvise((void *)a, z - a, MADV_DONTNEED);
            break;
        }
    }
    pthread_mutex_unlock(&maps_lock);
}

/* ---- reading -------------------------------------------------------------- */

int lec_load_fd(int fd, const lec_load_opts *o, lec_input *in, lec_buf *why)
{
    static const lec_load_opts none;
    if (!o) o = &none;
    memset(in, 0, sizeof *in);
    size_t limit = o->limit && o->limit < LEC_MAX_INPUT ? o->limit : LEC_MAX_INPUT;

    struct stat st;
    if (fstat(fd, &st) != 0) {
        reason_errno(why, errno);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        lec_buf_puts(why, "is a directory");
        return -1;
    }
    /* A regular file is read to the size it has now (or had when the
     * caller began reading it): what is written to it meanwhile (a log)
     * is not read. */
    int regular = S_ISREG(st.st_mode);
    size_t size = 0;
    int cut = 0, shrank = 0;
    if (regular) {
        unsigned long long n = o->size ? o->size : (unsigned long long)st.st_size;
        if (n > limit) {
            if (!o->keep_at_limit) {
                too_large(why, limit);
                return -1;
            }
            cut = 1;
        }
        size = n > limit ? limit : (size_t)n;
        if (size < o->head_len) size = o->head_len;
    }

    if (o->map && regular && !cut && !o->head_len && size >= ((size_t)1 << 20)) {
        char *buf = map_file(fd, size);
        if (buf) {
            /* The NUL check on the two threads of the UTF-8 check, each
             * half first: their pages are faulted in on both. */
            size_t nul;
            int cr;
            size_t bad = check_utf8(buf, size, &nul, &cr);
            if (nul < size) {
                lec_buf_printf(why, "binary file (NUL byte at offset %zu)", nul);
                lec_input_free(buf);
                return -1;
            }
            in->data = buf;
            in->len = size;
            in->invalid_utf8 = bad < size;
            in->bad_offset = in->invalid_utf8 ? bad : size;
            in->no_cr = !cr;
            return 0;
        }
    }

    size_t cap = regular ? size : (o->head_len > PIECE ? o->head_len * 2 : PIECE);
    if (cap > limit) cap = limit;
    char *buf = lec_xmalloc(cap + 1);
    huge_pages(buf, cap);
    size_t len = 0;
    if (o->head_len) {
        memcpy(buf, o->head, o->head_len);
        len = o->head_len;
    }
    const char *nul = memchr(buf, '\0', len);
    while (!nul) {
        if (o->stop && o->stop(o->stop_arg)) {
            free(buf);
            lec_buf_puts(why, "stopped");
            return -1;
        }
        if (regular && len == size) break;
        if (len == cap) {
            /* A pipe: one byte more tells whether there is more. */
            char more;
            ssize_t r;
            if (cap >= limit) {
                do
                    r = read(fd, &more, 1);
                while (r < 0 && errno == EINTR);
                if (r <= 0) break;
                if (!o->keep_at_limit) {
                    free(buf);
                    too_large(why, limit);
                    return -1;
                }
                cut = 1;
                break;
            }
            cap = cap > limit / 2 ? limit : cap * 2;
            buf = lec_xrealloc(buf, cap + 1);
        }
        /* A piece at a time, the first one small: a NUL in it ends the
         * read at once. */
        size_t want = cap - len, piece = len < PIECE ? PIECE : (size_t)16 << 20;
        if (want > piece) want = piece;
        ssize_t r = read(fd, buf + len, want);
        if (r < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            free(buf);
            reason_errno(why, err);
            return -1;
        }
        if (r == 0) {
            shrank = regular && len < size;
            break;
        }
        nul = memchr(buf + len, '\0', (size_t)r);
        len += (size_t)r;
    }
    if (nul) {
        lec_buf_printf(why, "binary file (NUL byte at offset %zu)", (size_t)(nul - buf));
        free(buf);
        return -1;
    }
    if (shrank && o->head_len) {
        /* The caller has shown the start: what follows is gone. */
        free(buf);
        lec_buf_puts(why, "the file changed while it was read (it is shorter now)");
        return -1;
    }
    if (len == 0) {
        free(buf);
        lec_buf_puts(why, "empty file");
        return -1;
    }
    if (cut) {
        /* Up to the last line break, so that no line is cut short. */
        size_t keep = len;
        while (keep > 0 && buf[keep - 1] != '\n')
            keep--;
        if (keep) len = keep;
        lec_buf_puts(why, "larger than ");
        lec_load_limit_text(limit, why);
        lec_buf_puts(why, ": the rest is not read");
    }
    buf[len] = '\0';
    in->data = buf;
    in->len = len;
    size_t bad = check_utf8(buf, len, NULL, NULL);
    in->invalid_utf8 = bad < len;
    in->bad_offset = in->invalid_utf8 ? bad : len;
    return cut;
}

int lec_load(const char *path, const lec_load_opts *o, lec_input *in, lec_buf *why)
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
    int rc = lec_load_fd(fd, o, in, why);
    if (fd) close(fd);
    return rc;
}
