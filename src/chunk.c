/*
 * chunk.c - where the source can be cut so that cmark parses each piece
 * exactly as it would parse the whole.
 *
 * After a blank line, a line that starts in column 0 with a character that
 * cannot continue a container (not a space, '>', a list marker, a digit)
 * always begins a new top-level block -- unless a fenced code block or an
 * HTML block of kinds 1-5 (which survive blank lines) is open.  Those two
 * are tracked; everything else ends at a blank line anyway.
 */
#include "lectern/chunk.h"
#include "lectern/thread.h"
#include "lectern/utf8.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct scan {
    char fence;       /* '`' or '~' while a fence is open */
    size_t fence_len; /* its length */
    size_t fence_ind; /* its indentation, when in_item: 1-3 */
    int in_item;      /* the fence may have opened inside a list item */
    const char *html_end; /* end marker while an HTML block 1-5 is open */
    int html_nocase;
    /* A line starting with '<' may open an HTML block of kind 6 or 7,
     * which runs to a blank line and swallows fence lines, or may be
     * text: which one depends on what comes before it.  Until the next
     * blank line nothing is known; a fence line or the start of an HTML
     * block of kind 1-5 seen meanwhile makes the rest of the range
     * unknowable, so no cut is made in it at all. */
    int maybe_html;
    int lost;
} scan;

static size_t indent_of(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    return i;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

/* Does s[0..n) hold needle?  Each place of its last byte (the end marks
 * all end in '>', which is rare in text) is found with memchr and the
 * rest compared there: the lines of a long comment or <script> are
 * looked at once, not at every byte. */
static int contains(const char *s, size_t n, const char *needle, int nocase)
{
    size_t m = strlen(needle);
    if (m == 0 || n < m) return m == 0;
    const char *z = s + n;
    for (const char *p = s + m - 1; p < z && (p = memchr(p, needle[m - 1], (size_t)(z - p))); p++) {
        const char *b = p - (m - 1);
        if ((nocase ? strncasecmp(b, needle, m - 1) : memcmp(b, needle, m - 1)) == 0) return 1;
    }
    return 0;
}

/* A declaration ("<!DOCTYPE") opens kind 4 after an upper-case letter;
 * cmark 0.31 takes a lower-case one too ("<!doctype"). */
static int declaration_letter(unsigned char c)
{
    static int lower = -1;
    if (lower < 0) lower = cmark_version() >= (0 << 16 | 31 << 8);
    return lower ? isalpha(c) : isupper(c);
}

/* Starts of HTML blocks that may hold blank lines (CommonMark kinds 1-5). */
static void html_open(scan *st, const char *s, size_t n)
{
    static const char *const tags[] = {"script", "pre", "style", "textarea"};
    static const char *const ends[] = {"</script>", "</pre>", "</style>", "</textarea>"};
    if (n < 2 || s[0] != '<') return;
    for (int i = 0; i < 4; i++) {
        size_t m = strlen(tags[i]);
        /* The tag name ends at the line's end or at cmark's spacechar
         * (\v and \f too) or '>'. */
        if (n >= m + 1 && strncasecmp(s + 1, tags[i], m) == 0 &&
            (n == m + 1 || (s[m + 1] && strchr(" \t\v\f\r>", s[m + 1])))) {
            st->html_end = ends[i];
            st->html_nocase = 1;
            return;
        }
    }
    st->html_nocase = 0;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0)
        st->html_end = "-->";
    else if (s[1] == '?')
        st->html_end = "?>";
    else if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0)
        st->html_end = "]]>";
    else if (s[1] == '!' && n > 2 && declaration_letter((unsigned char)s[2]))
        st->html_end = ">";
}

/* Does the line end the open HTML block?  cmark looks for the end marker
 * after making the line UTF-8, and a sequence cut short by the line's end
 * takes the bytes after it ("?\xf0?>" loses its "?>"): a line that is not
 * UTF-8 but holds the marker leaves the rest of the range unknowable. */
static void html_close(scan *st, const char *s, size_t n)
{
    if (!contains(s, n, st->html_end, st->html_nocase)) return;
    if (!lec_utf8_valid(s, n, NULL)) st->lost = 1;
    st->html_end = NULL;
}

/* Feeds one line (without its ending) to the tracker. */
static void track(scan *st, const char *s, size_t n)
{
    size_t ind = indent_of(s, n);
    if (st->fence) {
        size_t k = ind;
        while (k < n && s[k] == st->fence) k++;
        int closing = k - ind >= st->fence_len && blank(s + k, n - k);
        if (st->in_item && !blank(s, n)) {
            /* Opened at column fence_ind, the fence is at top level or in
             * a list item whose content starts at a column C <= fence_ind.
             * A line indented less may end that item (and the fence with
             * it), and a fence line indented 4 to fence_ind + 3 closes it
             * only in the item: which one is not known.  Every other line
             * means the same in both: code, or the closing line (indented
             * at most 3, so at most 3 past C).  After that, both agree that
             * the next fresh line after a blank begins a top-level block. */
            if (ind < st->fence_ind || (closing && ind > 3 && ind <= st->fence_ind + 3)) {
                st->lost = 1;
                return;
            }
        }
        if (ind <= 3 && closing) st->fence = 0;
        return;
    }
    if (st->html_end) {
        html_close(st, s, n);
        return;
    }
    if (st->maybe_html && blank(s, n)) st->maybe_html = 0;
    if (ind > 3) return;
    const char *t = s + ind;
    size_t m = n - ind;
    if (m >= 3 && (t[0] == '`' || t[0] == '~')) {
        size_t k = 0;
        while (k < m && t[k] == t[0]) k++;
        /* A backtick in the info string makes it text, unless the line is
         * not UTF-8: cmark may then drop that backtick (scan.c,
         * line_valid), or not.  Nothing is known from there on. */
        int text = k >= 3 && t[0] == '`' && memchr(t + k, '`', m - k) != NULL;
        if (k >= 3 && (!text || !lec_utf8_valid(t + k, m - k, NULL))) {
            if (text || st->maybe_html) {
                st->lost = 1;
                return;
            }
            st->fence = t[0];
            st->fence_len = k;
            /* An indented fence may open inside a list item ("-\n   ```"):
             * it then ends with the item as well (see above). */
            st->fence_ind = ind;
            st->in_item = ind > 0;
            return;
        }
    }
    html_open(st, t, m);
    /* The same for the start of a kind 1-5 block: inside a block of kind
     * 6 or 7 it is text ("<table\n<!A\n\n~~~>": the '>' closes nothing,
     * and the fence is real), after a paragraph a start. */
    if (st->html_end && st->maybe_html) {
        st->lost = 1;
        return;
    }
    if (!st->html_end && m && t[0] == '<') st->maybe_html = 1;
    /* The end marker may be on the opening line itself, even overlap its
     * start ("<?>"): cmark looks from the '<'. */
    if (st->html_end) html_close(st, t, m);
}

/* A line that surely starts a new top-level block after a blank line.
 * With loose, one starting with a fence or '<' too: at column 0 after a
 * blank line nothing continues a list item or quote, and no fence or HTML
 * block of kinds 1-5 is open (next_cut), so it begins a top-level block
 * of its own: a fence, an HTML block or a paragraph.  (The cuts of
 * lec_chunk_split stay where they were: a chunk is the reach of a
 * definition inside a list item, doc.c.) */
static int fresh(const char *s, size_t n, int loose)
{
    if (n == 0) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c >= 0x80 || isalpha(c) || (c && strchr("#(\"'[!\\", c))) return 1;
    return loose && (c == '`' || c == '~' || c == '<');
}

/* The first safe cut at or after `from` and at least `min` bytes after
 * `start` (which must begin a top-level block), or end. */
static size_t next_cut(const char *s, size_t start, size_t end, size_t min, int loose)
{
    scan st = {0};
    int prev_blank = 0;
    for (size_t pos = start; pos < end;) {
        const char *nl = memchr(s + pos, '\n', end - pos);
        size_t len = nl ? (size_t)(nl - (s + pos)) : end - pos;
        size_t next = nl ? pos + len + 1 : end;
        if (st.lost) return end;
        if (prev_blank && !st.fence && !st.html_end && !st.maybe_html && pos - start >= min &&
            pos > start && fresh(s + pos, len, loose))
            return pos;
        prev_blank = blank(s + pos, len);
        track(&st, s + pos, len);
        pos = next;
    }
    return end;
}

size_t lec_chunk_next(const char *s, size_t from, size_t end)
{
    return next_cut(s, from, end, 1, 1);
}

/* Where the cut after one at c may come at the earliest: the first point
 * of the grid start + k * target at least half a target past c.  Cuts
 * near fixed points, not a fixed distance apart, let two threads cut the
 * halves of a document and agree from the first cut they share. */
static size_t grid_after(size_t start, size_t c, size_t target)
{
    size_t half = target / 2 ? target / 2 : 1;
    return start + (c - start + half + target - 1) / target * target;
}

typedef struct cuts {
    size_t *v, n, cap;
} cuts;

/* The cut after the one at `at` (or the start), or end. */
static size_t cut_after(const char *s, size_t start, size_t at, size_t end, size_t target)
{
    return next_cut(s, at, end, grid_after(start, at, target) - at, 0);
}

static void push(cuts *c, size_t at)
{
    LEC_GROW(c->v, c->cap, c->n + 1);
    c->v[c->n++] = at;
}

/* The cuts of s[from..end) as if a cut were at from, with the grid of
 * start; with stop, only up to the first at or after it. */
typedef struct span {
    const char *s;
    size_t start, from, end, target, stop;
    cuts out;
} span;

static void *cut_span(void *arg)
{
    span *p = arg;
    for (size_t at = p->from; at < p->end;) {
        size_t cut = cut_after(p->s, p->start, at, p->end, p->target);
        if (cut >= p->end) break;
        push(&p->out, cut);
        at = cut;
        if (p->stop && cut >= p->stop) break;
    }
    return NULL;
}

size_t lec_chunk_split(const char *s, size_t start, size_t end, size_t target, size_t **out)
{
    span one = {.s = s, .start = start, .from = start, .end = end, .target = target};
    span two = one;
    /* A large text: the second half on another thread, which begins as if
     * a cut were at its first line.  There may be none there (a fence
     * open): this thread goes on past the middle until it cuts where the
     * other did; from a cut on, both see the same. */
    const char *mid = NULL;
    if (end - start >= LEC_TWO_THREADS_MIN)
        mid = memchr(s + start + (end - start) / 2, '\n', (end - start) / 2);
    int threaded = 0;
    if (mid && (size_t)(mid + 1 - s) < end) {
        two.from = (size_t)(mid + 1 - s);
        one.stop = two.from;
        threaded = lec_thread_pair(cut_span, &one, &two);
    }
    if (!threaded) {
        one.stop = 0;
        cut_span(&one);
    } else {
        size_t j = 0;
        while (one.out.n && one.out.v[one.out.n - 1] >= two.from) {
            size_t last = one.out.v[one.out.n - 1];
            while (j < two.out.n && two.out.v[j] < last) j++;
            if (j < two.out.n && two.out.v[j] == last) {
                /* the same cut: the rest is the other half's */
                for (j++; j < two.out.n; j++) push(&one.out, two.out.v[j]);
                break;
            }
            size_t cut = cut_after(s, start, last, end, target);
            if (cut >= end) break;
            push(&one.out, cut);
        }
        free(two.out.v);
    }
    *out = one.out.v;
    return one.out.n;
}
