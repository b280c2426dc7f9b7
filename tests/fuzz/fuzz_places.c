/*
 * fuzz_places.c - any bytes as the remembered places file (place.h),
 * $XDG_STATE_HOME/lectern/places, recalled for a fixed document and
 * shown in a view as the browser does.
 *
 * Input: the file; "@@" in it stands for the document's absolute path,
 * "@S" and "@M" for its size and modification time (nanoseconds), so
 * that lines can name it as it is.
 *
 * Checked besides "no crash, no sanitizer report": a damaged file is never
 * fatal and gives at most a one-line notice free of controls; the place
 * and marks recalled can be shown (seek, show, rows); remembering a place
 * then recalling it gives it back exactly, with its marks; the file
 * written stays bounded and starts with its header.
 */
#include "fuzz.h"

#include "lectern/jumps.h"
#include "lectern/place.h"
#include "lectern/view.h"

#include <limits.h>
#include <sys/stat.h>

static const char speech[] =
    "# 报告\n\n"
    "## 一、过去一年的工作\n\n"
    "一是稳住了经济。二是推进了改革。\n\n"
    "### （一）经济\n\n"
    "1. 增长\n\n"
    "## 二、今年的任务\n\n"
    "（1）就业。第一，稳岗位；第二，扩渠道。\n";

static char *doc_path, *doc_key, doc_size[32], doc_mtime[32];
static lec_doc *doc;

static void setup(void)
{
    if (doc) return;
    const char *dir = fuzz_dir();
    doc_path = fuzz_path(dir, "speech.md");
    fuzz_put(doc_path, speech, sizeof speech - 1);
    doc_key = realpath(doc_path, NULL);
    FUZZ_CHECK(doc_key != NULL && !strpbrk(doc_key, "\t\n\r\\"));
    doc = fuzz_doc((const uint8_t *)speech, sizeof speech - 1, "speech.md");
    struct stat st;
    FUZZ_CHECK(stat(doc_path, &st) == 0);
    snprintf(doc_size, sizeof doc_size, "%lld", (long long)st.st_size);
    snprintf(doc_mtime, sizeof doc_mtime, "%lld",
             (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec);
}

static void check_notice(const lec_buf *n)
{
    if (!n->len) return;
    FUZZ_CHECK(!memchr(n->data, '\n', n->len));
    FUZZ_CHECK(!fuzz_has_unsafe(n->data, n->len, ""));
}

/* The view after the browser puts it at p (and shows each mark). */
static void show(const lec_place *p)
{
    lec_view *v = lec_view_new(doc, 30, 6, 1);
    lec_jumps *j = lec_jumps_new();
    lec_place_to_jumps(p, j);
    lec_view_seek(v, p->pos);
    for (int k = 0; k < LEC_MARKS; k++) {
        lec_vpos m;
        if (lec_jumps_mark_get(j, 'a' + k, &m)) {
            FUZZ_CHECK(p->marks_set & (1u << k));
            lec_view_show(v, m);
        }
    }
    lec_view_show(v, p->pos);
    for (int i = 0; i < 6; i++) {
        lec_line l = {0};
        lec_view_row(v, i, &l);
        lec_line_free(&l);
    }
    lec_vpos t = lec_view_tell(v);
    size_t len;
    lec_doc_source(doc, &len);
    FUZZ_CHECK(t.src <= len);
    lec_jumps_free(j);
    lec_view_free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    const char *dir = fuzz_dir();
    char *file = fuzz_path(dir, "places");
    lec_buf in = LEC_BUF_INIT;
    for (size_t i = 0; i < size; i++) {
        if (i + 1 < size && data[i] == '@' && strchr("@SM", data[i + 1])) {
            lec_buf_puts(&in, data[i + 1] == '@' ? doc_key : data[i + 1] == 'S' ? doc_size : doc_mtime);
            i++;
        } else {
            lec_buf_putc(&in, (char)data[i]);
        }
    }
    fuzz_put(file, in.data ? in.data : "", in.len);

    lec_place p;
    lec_buf notice = LEC_BUF_INIT;
    int found = lec_place_recall(dir, doc_path, doc, &p, &notice);
    check_notice(&notice);
    FUZZ_CHECK(p.known);
    if (found) {
        FUZZ_CHECK(p.marks_set < (1u << LEC_MARKS));
        show(&p);
    }

    /* Where the reader leaves it: a place the document has. */
    lec_view *v = lec_view_new(doc, 30, 6, 1);
    if (found) lec_view_seek(v, p.pos);
    p.pos = lec_view_tell(v);
    lec_view_free(v);
    p.marks_set &= 0x3ffffff;
    lec_buf_reset(&notice);
    FUZZ_CHECK(lec_place_remember(dir, doc_path, doc, &p, &notice) == 0);

    lec_place q;
    lec_buf_reset(&notice);
    FUZZ_CHECK(lec_place_recall(dir, doc_path, doc, &q, &notice) == 1);
    if (notice.len) fprintf(stderr, "notice after a save: %.*s\n", (int)notice.len, notice.data);
    FUZZ_CHECK(!notice.len && !q.moved);
    FUZZ_CHECK(q.pos.src == p.pos.src && q.pos.chr == p.pos.chr &&
               q.pos.screen_row == p.pos.screen_row);
    FUZZ_CHECK(q.marks_set == p.marks_set);
    for (int k = 0; k < LEC_MARKS; k++)
        if (p.marks_set & (1u << k))
            FUZZ_CHECK(q.marks[k].src == p.marks[k].src && q.marks[k].chr == p.marks[k].chr);

    /* The file now: the header, then at most LEC_PLACES_MAX lines. */
    FILE *f = fopen(file, "rb");
    FUZZ_CHECK(f != NULL);
    char head[32];
    FUZZ_CHECK(fgets(head, sizeof head, f) && strcmp(head, "# lectern places 1\n") == 0);
    int lines = 0, c, prev = '\n';
    while ((c = fgetc(f)) != EOF) {
        if (c == '\n') lines++;
        prev = c;
    }
    FUZZ_CHECK(prev == '\n' && lines >= 1 && lines <= LEC_PLACES_MAX);
    fclose(f);

    lec_buf_free(&notice);
    lec_buf_free(&in);
    free(file);
    return 0;
}
