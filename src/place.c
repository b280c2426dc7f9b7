/*
 * place.c - the remembered places (place.h): the state file, its lock,
 * and mapping a place onto a file that was edited since.
 *
 * The file:
 *     # lectern places 1
 *     TIME SIZE MTIME PATH  SRC CHR ROW OFF ADDR HEAD  [L SRC CHR ROW OFF ADDR HEAD]...
 * fields separated by tabs, the latest first; TIME is when the reader
 * left (seconds), SIZE and MTIME (nanoseconds) identify the file's
 * contents, PATH is absolute; a place is its source offset SRC, the
 * byte CHR of its row, the screen ROW, and the node that held it: its
 * dotted ADDR, the start of its marker and title HEAD, and OFF, the
 * distance of SRC from the node's start.  Each mark adds its letter L and
 * a place.  Tabs, line breaks and backslashes in PATH and HEAD are
 * written \t \n \r \\.
 */
#include "lectern/place.h"

#include "lectern/addr.h"
#include "lectern/savefile.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HEADER "# lectern places 1"
#define PLACE_FIELDS 6
#define LEAD_FIELDS 4
/* Bytes of a heading kept: enough to tell sections apart. */
#define HEAD_MAX 60
/* A state file larger than this is not ours. */
#define FILE_MAX ((size_t)16 << 20)

/* ---- where ------------------------------------------------------------ */

char *lec_place_dir(void)
{
    lec_buf b = LEC_BUF_INIT;
    const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    /* The spec: a relative path is to be ignored. */
    if (x && x[0] == '/')
        lec_buf_printf(&b, "%s/lectern", x);
    else if (home && *home)
        lec_buf_printf(&b, "%s/.local/state/lectern", home);
    else
        return NULL;
    return lec_buf_detach(&b, NULL);
}

/* The file's absolute name, links resolved when it exists. */
static char *abs_path(const char *path)
{
    char *r = realpath(path, NULL);
    if (r) return r;
    lec_buf b = LEC_BUF_INIT;
    char cwd[PATH_MAX];
    if (path[0] != '/' && getcwd(cwd, sizeof cwd)) lec_buf_printf(&b, "%s/", cwd);
    lec_buf_puts(&b, path);
    return lec_buf_detach(&b, NULL);
}

static int file_id(const char *path, int64_t *size, int64_t *mtime)
{
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    *size = (int64_t)st.st_size;
    *mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    return 1;
}

/* ---- anchors: a place and the node that holds it ------------------------ */

typedef struct anchor {
    uint32_t src, chr, off;
    int row;
    char *addr, *head; /* owned */
} anchor;

/* The innermost node whose range holds src (0: the root). */
static uint32_t node_holding(const lec_doc *doc, uint32_t src)
{
    size_t lo = 1, hi = lec_doc_node_count(doc);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, s, e;
        lec_node_range(doc, (uint32_t)mid, &s, &e);
        if (s <= src)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t id = (uint32_t)(lo - 1); id != 0 && id != LEC_NONE; id = lec_node_parent(doc, id)) {
        size_t s, e;
        lec_node_range(doc, id, &s, &e);
        if (s <= src && src < e) return id;
    }
    return 0;
}

/* Marker and title, at most HEAD_MAX bytes, cut between characters. */
static void heading(const lec_doc *doc, uint32_t id, lec_buf *out)
{
    lec_buf_reset(out);
    lec_buf_puts(out, "");
    if (id == 0) return;
    size_t ml, tl;
    const char *m = lec_node_marker(doc, id, &ml);
    const char *t = lec_node_title(doc, id, &tl);
    lec_buf_put(out, m, ml);
    lec_buf_put(out, t, tl);
    if (out->len > HEAD_MAX) {
        size_t n = HEAD_MAX;
        while (n > 0 && ((unsigned char)out->data[n] & 0xC0) == 0x80) n--;
        out->len = n;
        out->data[n] = 0;
    }
}

static void anchor_of(const lec_doc *doc, lec_vpos p, anchor *a)
{
    memset(a, 0, sizeof *a);
    a->src = p.src;
    a->chr = p.chr;
    a->row = p.screen_row;
    uint32_t id = node_holding(doc, p.src);
    size_t s = 0, e;
    if (id) lec_node_range(doc, id, &s, &e);
    a->off = p.src - (uint32_t)s;
    lec_buf b = LEC_BUF_INIT;
    lec_addr_of(doc, id, &b);
    lec_buf_puts(&b, "");
    a->addr = lec_buf_detach(&b, NULL);
    heading(doc, id, &b);
    a->head = lec_buf_detach(&b, NULL);
}

static void anchor_free(anchor *a)
{
    free(a->addr);
    free(a->head);
}

/* The place an anchor names in doc.  exact: the file is the one the
 * anchor was made on.  Otherwise the node with the same heading (the one
 * at the same address, else the nearest) and the same distance into it;
 * else the node at the same address; else the same offset. */
static lec_vpos map_anchor(const lec_doc *doc, const anchor *a, int exact)
{
    size_t len;
    lec_doc_source(doc, &len);
    lec_vpos p = {a->src, a->chr, a->row};
    if (!exact && a->head[0]) {
        size_t count = lec_doc_node_count(doc);
        uint32_t best = LEC_NONE;
        uint64_t dist = UINT64_MAX;
        lec_buf h = LEC_BUF_INIT, ad = LEC_BUF_INIT;
        for (uint32_t id = 1; id < count; id++) {
            heading(doc, id, &h);
            if (strcmp(h.data, a->head) != 0) continue;
            size_t s, e;
            lec_node_range(doc, id, &s, &e);
            lec_buf_reset(&ad);
            lec_addr_of(doc, id, &ad);
            lec_buf_puts(&ad, "");
            uint64_t d = s > a->src - a->off ? s - (a->src - a->off) : (a->src - a->off) - s;
            if (strcmp(ad.data, a->addr) == 0) d = 0;
            if (d < dist) dist = d, best = id;
        }
        if (best == LEC_NONE && a->addr[0]) best = lec_addr_resolve(doc, a->addr, 0, NULL);
        lec_buf_free(&h);
        lec_buf_free(&ad);
        if (best != LEC_NONE) {
            size_t s, e;
            lec_node_range(doc, best, &s, &e);
            p.src = (uint32_t)s + a->off;
            if (p.src >= e || p.src < s) p.src = (uint32_t)s, p.chr = 0;
            return p;
        }
    }
    /* The same file: the offset as it was (a first part of the file,
     * which a browser shows at once, may not reach it yet). */
    if (!exact && p.src >= len) p.src = len ? (uint32_t)len - 1 : 0, p.chr = 0;
    return p;
}

/* ---- the file's lines --------------------------------------------------- */

static void put_escaped(lec_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': lec_buf_puts(b, "\\t"); break;
        case '\n': lec_buf_puts(b, "\\n"); break;
        case '\r': lec_buf_puts(b, "\\r"); break;
        case '\\': lec_buf_puts(b, "\\\\"); break;
        default: lec_buf_putc(b, *s);
        }
    }
}

/* Undoes put_escaped in place; 0 for an escape that is not one of ours. */
static int unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r != '\\') {
            *w++ = *r;
            continue;
        }
        switch (*++r) {
        case 't': *w++ = '\t'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case '\\': *w++ = '\\'; break;
        default: return 0;
        }
    }
    *w = 0;
    return 1;
}

static void put_anchor(lec_buf *b, const anchor *a)
{
    lec_buf_printf(b, "\t%u\t%u\t%d\t%u\t", a->src, a->chr, a->row, a->off);
    put_escaped(b, a->addr);
    lec_buf_putc(b, '\t');
    put_escaped(b, a->head);
}

/* A line cut into its fields (pointers into the line, which is changed). */
typedef struct fields {
    char *f[LEAD_FIELDS + PLACE_FIELDS + LEC_MARKS * (1 + PLACE_FIELDS)];
    int n;
} fields;

static int split(char *line, fields *fl)
{
    fl->n = 0;
    for (char *p = line;;) {
        if (fl->n == (int)(sizeof fl->f / sizeof *fl->f)) return 0;
        fl->f[fl->n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    return 1;
}

static int number(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

static int parse_anchor(char **f, anchor *a)
{
    int64_t src, chr, row, off;
    if (!number(f[0], 0, UINT32_MAX, &src) || !number(f[1], 0, UINT32_MAX, &chr) ||
        !number(f[2], 0, 100000, &row) || !number(f[3], 0, UINT32_MAX, &off) || off > src ||
        !unescape(f[4]) || !unescape(f[5]))
        return 0;
    a->src = (uint32_t)src;
    a->chr = (uint32_t)chr;
    a->row = (int)row;
    a->off = (uint32_t)off;
    a->addr = f[4];
    a->head = f[5];
    return 1;
}

/* Checks a line's fields: the lead, a place, then marks; an[0] gets the
 * place and an[1...] the marks in the line's order.  The fields are
 * unescaped in place: read once (again, "\\\\" would turn into half a
 * backslash escape). */
static int valid(fields *fl, anchor an[1 + LEC_MARKS])
{
    int64_t v;
    if (fl->n < LEAD_FIELDS + PLACE_FIELDS || (fl->n - LEAD_FIELDS - PLACE_FIELDS) % 7) return 0;
    if (!number(fl->f[0], 0, INT64_MAX, &v) || !number(fl->f[1], 0, INT64_MAX, &v) ||
        !number(fl->f[2], INT64_MIN, INT64_MAX, &v) || !unescape(fl->f[3]) || fl->f[3][0] != '/')
        return 0;
    if (!parse_anchor(&fl->f[LEAD_FIELDS], &an[0])) return 0;
    int j = 1;
    for (int k = LEAD_FIELDS + PLACE_FIELDS; k < fl->n; k += 7) {
        const char *l = fl->f[k];
        if (l[0] < 'a' || l[0] > 'z' || l[1] || !parse_anchor(&fl->f[k + 1], &an[j++])) return 0;
    }
    return 1;
}

/* Reads the state file whole.  Returns 1 with its bytes (NUL-ended,
 * caller frees), 0 when there is none, -1 when it cannot be read (why
 * in notice). */
static int read_state(const char *file, char **data, size_t *len, lec_buf *notice)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(file, "rb");
    if (!f) {
        if (errno == ENOENT) return 0;
        if (notice) lec_buf_printf(notice, "%s: %s: the remembered places are not used", file, strerror(errno));
        return -1;
    }
    lec_buf b = LEC_BUF_INIT;
    char chunk[65536];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= FILE_MAX) lec_buf_put(&b, chunk, r);
    int bad = ferror(f);
    fclose(f);
    if (bad || b.len > FILE_MAX) {
        if (notice)
            lec_buf_printf(notice, "%s: %s: the remembered places are not used", file,
                           bad ? "cannot be read" : "too large");
        lec_buf_free(&b);
        return -1;
    }
    lec_buf_puts(&b, "");
    *data = lec_buf_detach(&b, len);
    return 1;
}

static char *state_file(const char *dir, const char *name)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_printf(&b, "%s/%s", dir, name);
    return lec_buf_detach(&b, NULL);
}

/* The next line of data at *pos (NUL-ended in place), or NULL. */
static char *next_line(char *data, size_t len, size_t *pos)
{
    if (*pos >= len) return NULL;
    char *line = data + *pos, *nl = memchr(line, '\n', len - *pos);
    if (nl) {
        *nl = 0;
        *pos = (size_t)(nl - data) + 1;
    } else {
        *pos = len;
    }
    return line;
}

/* ---- recall ------------------------------------------------------------- */

int lec_place_recall(const char *dir, const char *path, const lec_doc *doc, lec_place *out,
                     lec_buf *notice)
{
    memset(out, 0, sizeof *out);
    out->known = file_id(path, &out->size, &out->mtime_ns);
    if (!dir) return 0;
    char *file = state_file(dir, "places"), *key = abs_path(path), *data;
    size_t len, pos = 0;
    lec_buf ekey = LEC_BUF_INIT;
    put_escaped(&ekey, key);
    lec_buf_puts(&ekey, "");
    int found = 0, rc = read_state(file, &data, &len, notice);
    char *line = rc > 0 ? next_line(data, len, &pos) : NULL;
    if (rc > 0 && (!line || strcmp(line, HEADER) != 0)) {
        if (notice) lec_buf_printf(notice, "%s: not a file of places: ignored", file);
        line = NULL;
    } else if (line) {
        /* Only the file's own line is read closely: others may be
         * damaged, the writer mends them. */
        long n = 1;
        while ((line = next_line(data, len, &pos)) != NULL) {
            n++;
            char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL, *t4 = t3 ? strchr(t3 + 1, '\t') : NULL;
            if (!t4 || (size_t)(t4 - t3 - 1) != ekey.len || memcmp(t3 + 1, ekey.data, ekey.len))
                continue;
            fields fl;
            anchor an[1 + LEC_MARKS];
            if (!split(line, &fl) || !valid(&fl, an)) {
                if (notice) lec_buf_printf(notice, "%s: line %ld is damaged: ignored", file, n);
                break;
            }
            int64_t size, mtime;
            number(fl.f[1], 0, INT64_MAX, &size);
            number(fl.f[2], INT64_MIN, INT64_MAX, &mtime);
            int exact = out->known && size == out->size && mtime == out->mtime_ns;
            out->moved = !exact;
            out->pos = map_anchor(doc, &an[0], exact);
            for (int k = LEAD_FIELDS + PLACE_FIELDS, j = 1; k < fl.n; k += 7, j++) {
                int m = fl.f[k][0] - 'a';
                out->marks[m] = map_anchor(doc, &an[j], exact);
                out->marks_set |= 1u << m;
            }
            found = 1;
            break;
        }
    }
    lec_buf_free(&ekey);
    free(data);
    free(file);
    free(key);
    return found;
}

/* ---- remember ----------------------------------------------------------- */

/* mkdir -p, private. */
static int make_dir(const char *dir)
{
    char *d = lec_xstrndup(dir, strlen(dir));
    int rc = 0;
    for (char *p = d + 1;; p++) {
        if (*p != '/' && *p) continue;
        char c = *p;
        *p = 0;
        if (mkdir(d, 0700) != 0 && errno != EEXIST) rc = -1;
        *p = c;
        if (!c || rc) break;
    }
    free(d);
    return rc;
}

static void put_entry(lec_buf *b, const char *key, const lec_doc *doc, const lec_place *p)
{
    lec_buf_printf(b, "%lld\t%lld\t%lld\t", (long long)time(NULL), (long long)p->size,
                   (long long)p->mtime_ns);
    put_escaped(b, key);
    anchor a;
    anchor_of(doc, p->pos, &a);
    put_anchor(b, &a);
    anchor_free(&a);
    for (int k = 0; k < LEC_MARKS; k++) {
        if (!(p->marks_set & (1u << k))) continue;
        lec_buf_printf(b, "\t%c", 'a' + k);
        anchor_of(doc, p->marks[k], &a);
        put_anchor(b, &a);
        anchor_free(&a);
    }
    lec_buf_putc(b, '\n');
}

int lec_place_remember(const char *dir, const char *path, const lec_doc *doc, const lec_place *p,
                       lec_buf *notice)
{
    if (!dir) return 0;
    lec_place q = *p;
    if (!q.known) q.known = file_id(path, &q.size, &q.mtime_ns);
    if (make_dir(dir) != 0) {
        if (notice) lec_buf_printf(notice, "%s: %s: the place is not remembered", dir, strerror(errno));
        return -1;
    }
    char *lock = state_file(dir, "places.lock"), *file = state_file(dir, "places");
    char *key = abs_path(path), *data = NULL;
    int rc = -1, lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lfd < 0 || flock(lfd, LOCK_EX) != 0) {
        if (notice) lec_buf_printf(notice, "%s: %s: the place is not remembered", lock, strerror(errno));
        goto out;
    }
    /* What is there now, under the lock: another lectern may have
     * written since this one read it. */
    size_t len, pos = 0;
    int have = read_state(file, &data, &len, notice);
    if (have < 0) goto out; /* unreadable: better kept than replaced */
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, HEADER "\n");
    put_entry(&b, key, doc, &q);
    char *line = have > 0 ? next_line(data, len, &pos) : NULL;
    if (line && strcmp(line, HEADER) == 0) {
        int kept = 1;
        lec_buf copy = LEC_BUF_INIT;
        while (kept < LEC_PLACES_MAX && (line = next_line(data, len, &pos)) != NULL) {
            lec_buf_reset(&copy);
            lec_buf_puts(&copy, line);
            fields fl;
            anchor an[1 + LEC_MARKS];
            /* Damaged lines and this file's old line go. */
            if (!split(copy.data, &fl) || !valid(&fl, an) || strcmp(fl.f[3], key) == 0) continue;
            lec_buf_puts(&b, line);
            lec_buf_putc(&b, '\n');
            kept++;
        }
        lec_buf_free(&copy);
    }
    int err = lec_save_file(file, b.data, b.len);
    lec_buf_free(&b);
    if (err) {
        if (notice) lec_buf_printf(notice, "%s: %s: the place is not remembered", file, strerror(err));
        goto out;
    }
    rc = 0;
out:
    if (lfd >= 0) close(lfd); /* and the lock goes with it */
    free(data);
    free(lock);
    free(file);
    free(key);
    return rc;
}

/* ---- marks -------------------------------------------------------------- */

void lec_place_from_jumps(lec_place *p, const lec_jumps *j)
{
    p->marks_set = 0;
    for (int k = 0; k < LEC_MARKS; k++)
        if (lec_jumps_mark_get(j, 'a' + k, &p->marks[k])) p->marks_set |= 1u << k;
}

void lec_place_to_jumps(const lec_place *p, lec_jumps *j)
{
    for (int k = 0; k < LEC_MARKS; k++)
        if (p->marks_set & (1u << k)) lec_jumps_mark(j, 'a' + k, p->marks[k]);
}
