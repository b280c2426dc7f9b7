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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

    if (in->len == 0) {
        lec_buf_puts(why, "empty file");
    } else {
        const char *nul = memchr(in->data, '\0', in->len);
        if (nul) lec_buf_printf(why, "binary file (NUL byte at offset %zu)", (size_t)(nul - in->data));
    }
    if (why->len) {
        free(in->data);
        memset(in, 0, sizeof *in);
        return -1;
    }
    in->invalid_utf8 = !lec_utf8_valid(in->data, in->len, &in->bad_offset);
    return 0;
}
