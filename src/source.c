/*
 * source.c - what a document is made from (source.h).
 *
 * The browser never keeps the reader waiting on input or on libcmark:
 *  - a regular file larger than src->early opens with its first part, cut
 *    where a block ends, while a worker (later.h) reads the rest from the
 *    same open file (so a file deleted meanwhile is still read), to the
 *    size it had when it was opened (a log that grows is read again with
 *    R, source_reload);
 *  - standard input, a FIFO or a device the same, once src->early bytes
 *    have come (or the input paused): the worker reads on up to the size
 *    limit, and past it keeps what it read and says so;
 *  - what is shown first is parsed on a worker too: when libcmark is slow
 *    on it (its pathological inputs), the browser shows the raw text and
 *    can be left at once.
 * Each worker owns copies of everything it uses (job), so the browser can
 * leave while it still runs.
 */
#include "source.h"

#include "lectern/open.h"

#include "lectern/chunk.h"
#include "lectern/convert.h"
#include "lectern/utf8.h"

#include "lectern/thread.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long the browser waits for its first document before it shows the
 * raw text instead: longer than any parse of a first part takes but a
 * pathological one. */
#define FIRST_WAIT_MS 150
/* A pipe that pauses this long with a line in hand shows it. */
#define PIPE_PAUSE_MS 300
/* The raw text kept to be shown while the first document is made. */
#define RAW_MAX ((size_t)64 << 10)

int source_is_text(const source *src, const char *data, size_t len)
{
    lec_from from = src->from == SOURCE_TEXT       ? LEC_FROM_TEXT
                    : src->from == SOURCE_MARKDOWN ? LEC_FROM_MARKDOWN
                                                   : LEC_FROM_AUTO;
    return lec_open_is_text(src->file, from, data, len);
}

void source_to_markdown(char **data, size_t *len, int valid)
{
    lec_open_to_markdown(data, len, valid);
}

lec_doc *source_doc(const source *src, lec_input *in, int text, lec_buf *why)
{
    if (text) source_to_markdown(&in->data, &in->len, !in->invalid_utf8);
    /* The conversion escapes Markdown characters: it can be longer than
     * the input, and offsets are 32-bit. */
    size_t limit = src->limit && src->limit < LEC_MAX_INPUT ? src->limit : LEC_MAX_INPUT;
    if (in->len > limit) {
        lec_buf_puts(why, "too large once converted to Markdown (the limit is ");
        lec_load_limit_text(limit, why);
        lec_buf_putc(why, ')');
        lec_input_free(in->data);
        in->data = NULL;
        return NULL;
    }
    /* lec_load checked the bytes; conversion keeps them as they were.  (A
     * text without CR converts to Markdown without one too, but only the
     * bytes checked are vouched for.) */
    int flags = (in->invalid_utf8 ? 0 : LEC_DOC_VALID) | (in->no_cr && !text ? LEC_DOC_NO_CR : 0);
    lec_doc *d = lec_doc_new_flags(in->data, in->len, src->name, flags);
    in->data = NULL;
    if (lec_doc_error(d)) {
        lec_buf_puts(why, lec_doc_error(d));
        lec_doc_free(d);
        return NULL;
    }
    if (text) lec_doc_hide_frontmatter(d);
    return d;
}

/* ---- the workers' jobs ---------------------------------------------------- */

typedef struct job {
    source src; /* its strings are the job's own: */
    char *file, *name;
    int fd; /* the open input, the job's own (not closed: 0); -1: open file */
    char *head; /* bytes read from fd already, or the first document's */
    size_t head_len;
    unsigned long long size; /* a regular file's size when it was opened */
    int text;
    int valid; /* the first document: head is valid UTF-8 */
    int cut;   /* the first document: cut head where a block ends */
} job;

static job *job_new(const source *src, int text)
{
    job *j = lec_xcalloc(1, sizeof *j);
    j->src = *src;
    j->file = lec_xstrndup(src->file, strlen(src->file));
    j->name = lec_xstrndup(src->name, strlen(src->name));
    j->src.file = j->file;
    j->src.name = j->name;
    j->fd = -1;
    j->text = text;
    return j;
}

static void job_free(void *p)
{
    job *j = p;
    if (j->fd > 0) close(j->fd);
    free(j->head);
    free(j->file);
    free(j->name);
    free(j);
}

static int stopping(void *l)
{
    return lec_later_stopping(l);
}

/* Reads the whole (the rest of fd after head, or the file anew) and
 * makes its document. */
static lec_doc *make_whole(lec_later *l, void *arg, char **why)
{
    /* For tests: a worker slow to begin, so that the browser can be left
     * before it reads anything. */
    const char *delay = getenv("LECTERN_TEST_LOAD_DELAY");
    if (delay && *delay) usleep((useconds_t)atoi(delay) * 1000);
    job *j = arg;
    lec_load_opts lo = {.head = j->head,
                        .head_len = j->head_len,
                        .size = j->size,
                        .limit = j->src.limit,
                        .keep_at_limit = 1,
                        .stop = stopping,
                        .stop_arg = l};
    lec_input in;
    lec_buf msg = LEC_BUF_INIT;
    *why = NULL;
    int rc = j->fd >= 0 ? lec_load_fd(j->fd, &lo, &in, &msg) : lec_load(j->file, &lo, &in, &msg);
    if (rc < 0) {
        *why = lec_buf_detach(&msg, NULL);
        return NULL;
    }
    if (in.invalid_utf8) {
        if (msg.len) lec_buf_puts(&msg, "; ");
        lec_buf_printf(&msg, "warning: invalid UTF-8 at byte %zu (shown as U+FFFD)", in.bad_offset);
    }
    if (lec_later_stopping(l)) {
        free(in.data);
        lec_buf_free(&msg);
        return NULL;
    }
    lec_buf err = LEC_BUF_INIT;
    lec_doc *d = source_doc(&j->src, &in, j->text, &err);
    if (!d) {
        lec_buf_free(&msg);
        *why = lec_buf_detach(&err, NULL);
        return NULL;
    }
    if (msg.len) *why = lec_buf_detach(&msg, NULL);
    lec_buf_free(&msg);
    return d;
}

/* The first document, of head (the whole input or its first part). */
static lec_doc *make_first(lec_later *l, void *arg, char **why)
{
    job *j = arg;
    (void)l;
    *why = NULL;
    lec_input in = {0};
    in.len = j->head_len;
    in.data = lec_xmalloc(in.len + 1);
    memcpy(in.data, j->head, in.len);
    in.data[in.len] = '\0';
    in.invalid_utf8 = !j->valid;
    if (j->cut && !j->text) {
        /* Cut where a block surely ends, so the part's blocks are the
         * whole's. */
        size_t *cuts, n = lec_chunk_split(in.data, 0, in.len, 1, &cuts);
        if (n) in.len = cuts[n - 1];
        free(cuts);
        in.data[in.len] = '\0';
    }
    lec_buf err = LEC_BUF_INIT;
    lec_doc *d = source_doc(&j->src, &in, j->text, &err);
    if (!d) *why = lec_buf_detach(&err, NULL);
    lec_buf_free(&err);
    return d;
}

/* ---- the browser's first part -------------------------------------------- */

/* Reads up to want bytes of a pipe (or FIFO, or device) into buf; stops
 * early at its end, or when it pauses with a whole line in hand.  Sets
 * *eof when the input ended.  Returns the bytes read, or -1 (errno). */
static ssize_t read_first(int fd, char *buf, size_t want, int *eof)
{
    size_t got = 0;
    *eof = 0;
    while (got < want) {
        if (got && memchr(buf, '\n', got)) {
            struct pollfd p = {fd, POLLIN, 0};
            int r = poll(&p, 1, PIPE_PAUSE_MS);
            if (r == 0) break;
        }
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) {
            *eof = 1;
            break;
        }
        got += (size_t)r;
        if (memchr(buf + got - (size_t)r, '\0', (size_t)r)) break; /* binary: said below */
    }
    return (ssize_t)got;
}

/* Makes the first document of j on a worker, waiting for it a little;
 * -1 with *why when it cannot be made (too large once converted). */
static int first_doc(job *j, opened *o, lec_buf *why)
{
    /* What is shown while it is being made: the first screens' worth. */
    o->raw_len = j->head_len < RAW_MAX ? j->head_len : RAW_MAX;
    o->raw = lec_xstrndup(j->head, o->raw_len);
    char *w = NULL;
    lec_later *l = lec_later_start(make_first, j, job_free);
    if (!l) {
        o->doc = make_first(NULL, j, &w);
        job_free(j);
    } else if (lec_later_wait(l, FIRST_WAIT_MS)) {
        o->doc = lec_later_take(l, &w);
    } else {
        o->first = l;
        return 0;
    }
    if (!o->doc) {
        lec_buf_reset(why);
        lec_buf_puts(why, w ? w : "cannot be read");
    }
    free(w);
    return o->doc ? 0 : -1;
}

int source_open(const source *src, opened *o, lec_buf *why)
{
    memset(o, 0, sizeof *o);
    int is_stdin = strcmp(src->file, "-") == 0;
    int fd = 0;
    if (!is_stdin) {
        fd = open(src->file, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            int err = errno;
            lec_load_opts none = {0};
            lec_input in;
            /* (lec_load words the reasons.) */
            if (lec_load(src->file, &none, &in, why) == 0) free(in.data);
            if (!why->len) lec_buf_puts(why, strerror(err));
            return -1;
        }
    }
    struct stat st;
    int part = 0, eof = 1;
    char *head = NULL;
    size_t head_len = 0;
    if (fstat(fd, &st) == 0 && src->early) {
        if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > src->early) {
            head = lec_xmalloc(src->early + 1);
            ssize_t r = read_first(fd, head, src->early, &eof);
            if (r > 0) head_len = (size_t)r;
            part = head_len == src->early;
        } else if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            head = lec_xmalloc(src->early + 1);
            ssize_t r = read_first(fd, head, src->early, &eof);
            if (r > 0) head_len = (size_t)r;
            part = !eof && head_len > 0;
        }
        /* A part with a NUL, or with no whole line: read it all the usual
         * way, which says why. */
        if (part && (memchr(head, '\0', head_len) || !memchr(head, '\n', head_len))) part = 0;
    }

    if (!part) {
        /* All of it now: the checks and the reasons are lec_load's. */
        lec_load_opts lo = {.head = head, .head_len = head_len, .limit = src->limit};
        lec_input in;
        int rc = lec_load_fd(fd, &lo, &in, why);
        free(head);
        if (fd) close(fd);
        if (rc < 0) return -1;
        o->text = source_is_text(src, in.data, in.len);
        job *j = job_new(src, o->text);
        j->head = in.data;
        j->head_len = in.len;
        j->valid = !in.invalid_utf8;
        if (in.invalid_utf8)
            lec_buf_printf(why, "warning: invalid UTF-8 at byte %zu (shown as U+FFFD)", in.bad_offset);
        return first_doc(j, o, why);
    }

    /* The first part now, the rest on a worker that owns fd. */
    size_t len = head_len;
    while (len > 0 && head[len - 1] != '\n')
        len--;
    o->text = source_is_text(src, head, len);
    job *first = job_new(src, o->text);
    first->head = lec_xstrndup(head, len);
    first->head_len = len;
    first->valid = lec_utf8_valid(head, len, NULL);
    first->cut = 1;

    job *whole = job_new(src, o->text);
    whole->fd = fd;
    whole->head = head;
    whole->head_len = head_len;
    whole->size = S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
    o->whole = lec_later_start(make_whole, whole, job_free);
    if (!o->whole) {
        /* No worker: all of it now. */
        job_free(first);
        char *w = NULL;
        o->doc = make_whole(NULL, whole, &w);
        job_free(whole);
        if (!o->doc) {
            lec_buf_puts(why, w ? w : "cannot be read");
            free(w);
            return -1;
        }
        if (w) lec_buf_puts(why, w);
        free(w);
        return 0;
    }
    if (first_doc(first, o, why) == 0) return 0;
    lec_later_cancel(o->whole);
    o->whole = NULL;
    return -1;
}

lec_later *source_reload(const source *src, int text)
{
    if (strcmp(src->file, "-") == 0) return NULL;
    return lec_later_start(make_whole, job_new(src, text), job_free);
}

/* ---- a parse that takes long ---------------------------------------------- */

struct slow_notice {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int done;
    int ms;
    char *line;
};

static void *notice_run(void *p)
{
    slow_notice *n = p;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += n->ms / 1000;
    until.tv_nsec += (long)(n->ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&n->lock);
    int timed_out = 0;
    while (!n->done && !timed_out)
        timed_out = pthread_cond_timedwait(&n->cond, &n->lock, &until) == ETIMEDOUT;
    if (!n->done) {
        /* One write: it cannot mix with other lines. */
        ssize_t w = write(2, n->line, strlen(n->line));
        (void)w;
    }
    pthread_mutex_unlock(&n->lock);
    return NULL;
}

slow_notice *slow_notice_start(const char *name, int ms)
{
    slow_notice *n = lec_xcalloc(1, sizeof *n);
    lec_buf b = LEC_BUF_INIT;
    lec_buf_printf(&b,
                   "lectern: %s: still parsing the document after %d s "
                   "(libcmark is very slow on some inputs; Ctrl-C stops)\n",
                   name, (ms + 999) / 1000);
    n->line = lec_buf_detach(&b, NULL);
    n->ms = ms;
    pthread_mutex_init(&n->lock, NULL);
    pthread_cond_init(&n->cond, NULL);
    if (lec_thread_start(&n->thread, notice_run, n) != 0) {
        pthread_cond_destroy(&n->cond);
        pthread_mutex_destroy(&n->lock);
        free(n->line);
        free(n);
        return NULL;
    }
    return n;
}

void slow_notice_stop(slow_notice *n)
{
    if (!n) return;
    pthread_mutex_lock(&n->lock);
    n->done = 1;
    pthread_cond_signal(&n->cond);
    pthread_mutex_unlock(&n->lock);
    pthread_join(n->thread, NULL);
    pthread_cond_destroy(&n->cond);
    pthread_mutex_destroy(&n->lock);
    free(n->line);
    free(n);
}
