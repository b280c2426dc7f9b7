/*
 * libcache.c - the library's metadata cache, $XDG_CACHE_HOME/lectern/
 * library: one line per file, keyed by absolute path, size and
 * modification time.
 *
 * The file is a header line, entry lines of tab-separated fields
 *     path size mtime sig parts date author title error
 * (backslash, tab and line break in a field written \\ \t \n), and a last
 * line "end COUNT HASH" (FNV-1a of the entry lines): a file cut short or
 * changed is seen as damaged, noted, and made again, never trusted.
 * Writers take a lock (library.lock), merge what the file holds now with
 * their own, write a temporary file and rename it over the cache: two
 * processes writing at once lose nothing, and a reader sees the old file
 * or the new one, never half of one.  Bounded: the MAX_ENTRIES most
 * recently used files.
 */
#include "library_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "lectern library cache 1\n"
#define MAX_ENTRIES 100000
#define MAX_BYTES ((size_t)256 << 20)

typedef struct entry {
    char *line; /* the whole line, fields cut with NULs */
    char *f[9]; /* its fields, unescaped in place */
} entry;

typedef struct cache {
    char *data; /* the file */
    entry *e;
    size_t n;
} cache;

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
}

static void escape(lec_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            lec_buf_puts(b, "\\\\");
        else if (*s == '\t')
            lec_buf_puts(b, "\\t");
        else if (*s == '\n')
            lec_buf_puts(b, "\\n");
        else
            lec_buf_putc(b, *s);
    }
}

static char *path_in(const char *dir, const char *name)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_printf(&b, "%s/%s", dir, name);
    return lec_buf_detach(&b, NULL);
}

static void cache_free(cache *c)
{
    free(c->data);
    free(c->e);
    memset(c, 0, sizeof *c);
}

/* Reads the cache file; returns 1 with c filled, 0 when there is none, -1
 * when it is damaged. */
static int cache_load(const char *dir, cache *c)
{
    memset(c, 0, sizeof *c);
    char *p = path_in(dir, "library");
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    free(p);
    if (fd < 0) return 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > MAX_BYTES) {
        close(fd);
        return -1;
    }
    size_t len = (size_t)st.st_size, got = 0;
    c->data = lec_xmalloc(len + 1);
    while (got < len) {
        ssize_t r = read(fd, c->data + got, len - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    c->data[got] = 0;
    size_t hl = strlen(HEADER);
    if (got != len || len < hl || memcmp(c->data, HEADER, hl) != 0 || c->data[len - 1] != '\n') {
        cache_free(c);
        return -1;
    }
    /* The last line: end COUNT HASH. */
    char *last = c->data + len - 1;
    while (last > c->data && last[-1] != '\n')
        last--;
    unsigned long long count, hash;
    if (last < c->data + hl || sscanf(last, "end %llu %llx\n", &count, &hash) != 2 ||
        fnv(0xcbf29ce484222325ULL, c->data + hl, (size_t)(last - (c->data + hl))) != hash) {
        cache_free(c);
        return -1;
    }
    size_t cap = 0;
    for (char *s = c->data + hl; s < last;) {
        char *nl = memchr(s, '\n', (size_t)(last - s));
        if (!nl) break;
        *nl = 0;
        entry e;
        e.line = s;
        int k = 0;
        for (char *f = s; k < 9;) {
            e.f[k++] = f;
            char *tab = strchr(f, '\t');
            if (!tab) break;
            *tab = 0;
            f = tab + 1;
        }
        if (k != 9) {
            cache_free(c);
            return -1;
        }
        for (k = 0; k < 9; k++)
            unescape(e.f[k]);
        LEC_GROW(c->e, cap, c->n + 1);
        c->e[c->n++] = e;
        s = nl + 1;
    }
    if (c->n != count) {
        cache_free(c);
        return -1;
    }
    return 1;
}

/* A table of the cache's entries by path (open addressing). */
typedef struct table {
    size_t *slot; /* entry index + 1, 0 empty */
    size_t mask;
} table;

static void table_make(table *t, const cache *c)
{
    size_t size = 16;
    while (size < c->n * 2)
        size *= 2;
    t->slot = lec_xcalloc(size, sizeof *t->slot);
    t->mask = size - 1;
    for (size_t i = 0; i < c->n; i++) {
        size_t h = (size_t)fnv(0xcbf29ce484222325ULL, c->e[i].f[0], strlen(c->e[i].f[0]));
        while (t->slot[h & t->mask])
            h++;
        t->slot[h & t->mask] = i + 1;
    }
}

static const entry *table_find(const table *t, const cache *c, const char *path)
{
    size_t h = (size_t)fnv(0xcbf29ce484222325ULL, path, strlen(path));
    for (; t->slot[h & t->mask]; h++) {
        const entry *e = &c->e[t->slot[h & t->mask] - 1];
        if (strcmp(e->f[0], path) == 0) return e;
    }
    return NULL;
}

static void set(char **field, const char *v)
{
    free(*field);
    *field = lec_xstrndup(v, strlen(v));
}

size_t lib_cache_read(lec_lib *l, const char *dir)
{
    cache c;
    int rc = cache_load(dir, &c);
    if (rc < 0) lib_note(l, "the library cache was damaged: it is made again");
    if (rc <= 0) return 0;
    table t;
    table_make(&t, &c);
    size_t found = 0;
    char num[64];
    for (size_t i = 0; i < l->n; i++) {
        lec_lib_doc *d = &l->docs[i];
        if (d->known) continue;
        const entry *e = table_find(&t, &c, d->abs);
        if (!e) continue;
        snprintf(num, sizeof num, "%llu", (unsigned long long)d->size);
        if (strcmp(e->f[1], num) != 0) continue;
        snprintf(num, sizeof num, "%lld", (long long)d->mtime);
        if (strcmp(e->f[2], num) != 0) continue;
        d->sig = (unsigned)strtoul(e->f[3], NULL, 10);
        d->parts = atoi(e->f[4]);
        set(&d->date, e->f[5]);
        set(&d->author, e->f[6]);
        set(&d->title, e->f[7]);
        set(&d->error, e->f[8]);
        d->known = 1;
        found++;
    }
    free(t.slot);
    cache_free(&c);
    return found;
}

/* Errors that can pass without the file changing (a permission) are not
 * kept; "binary file" is. */
static int keep(const lec_lib_doc *d)
{
    return d->known && (!*d->error || strncmp(d->error, "binary file", 11) == 0) && d->size;
}

void lib_cache_write(lec_lib *l, const char *dir)
{
    /* mkdir -p, private: the cache names the reader's files. */
    char *p = lec_xstrndup(dir, strlen(dir));
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        mkdir(p, 0700);
        *s = '/';
    }
    mkdir(p, 0700);
    free(p);

    char *lockname = path_in(dir, "library.lock");
    int lock = open(lockname, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    free(lockname);
    if (lock < 0 || flock(lock, LOCK_EX) != 0) {
        lib_note(l, "the library cache cannot be written (%s)", strerror(errno));
        if (lock >= 0) close(lock);
        return;
    }
    /* What another process wrote meanwhile is kept. */
    cache old;
    if (cache_load(dir, &old) <= 0) memset(&old, 0, sizeof old);
    table t = {NULL, 0};
    if (old.n) table_make(&t, &old);

    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, HEADER);
    size_t hl = b.len, count = 0;
    /* Ours first (the most recently used), each path once. */
    unsigned char *mine = old.n ? lec_xcalloc(old.n, 1) : NULL;
    for (size_t i = 0; i < l->n && count < MAX_ENTRIES; i++) {
        const lec_lib_doc *d = &l->docs[i];
        if (!keep(d)) continue;
        if (old.n) {
            const entry *e = table_find(&t, &old, d->abs);
            if (e) {
                if (mine[e - old.e]) continue; /* the same file named twice */
                mine[e - old.e] = 1;
            }
        }
        escape(&b, d->abs);
        lec_buf_printf(&b, "\t%llu\t%lld\t%u\t%d\t", (unsigned long long)d->size,
                       (long long)d->mtime, d->sig, d->parts);
        escape(&b, d->date);
        lec_buf_putc(&b, '\t');
        escape(&b, d->author);
        lec_buf_putc(&b, '\t');
        escape(&b, d->title);
        lec_buf_putc(&b, '\t');
        escape(&b, d->error);
        lec_buf_putc(&b, '\n');
        count++;
    }
    for (size_t i = 0; i < old.n && count < MAX_ENTRIES; i++) {
        if (mine && mine[i]) continue;
        for (int k = 0; k < 9; k++) {
            escape(&b, old.e[i].f[k]);
            lec_buf_putc(&b, k < 8 ? '\t' : '\n');
        }
        count++;
    }
    lec_buf_printf(&b, "end %zu %llx\n", count,
                   (unsigned long long)fnv(0xcbf29ce484222325ULL, b.data + hl, b.len - hl));
    free(mine);
    free(t.slot);
    cache_free(&old);

    char *tmp = path_in(dir, "library.XXXXXX");
    int fd = mkstemp(tmp);
    int ok = fd >= 0;
    for (size_t done = 0; ok && done < b.len;) {
        ssize_t w = write(fd, b.data + done, b.len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            ok = 0;
        else
            done += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0) ok = 0;
    char *name = path_in(dir, "library");
    if (ok && rename(tmp, name) != 0) ok = 0;
    if (!ok) {
        lib_note(l, "the library cache cannot be written (%s)", strerror(errno));
        if (fd >= 0) unlink(tmp);
    }
    free(name);
    free(tmp);
    lec_buf_free(&b);
    flock(lock, LOCK_UN);
    close(lock);
}
