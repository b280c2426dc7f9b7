/*
 * t_place.c - the remembered places (place.h) in a state directory of
 * the test's own: a place and its marks come back; an edited file maps
 * back to the same section; the file stays bounded; a damaged or
 * unreadable file is a notice, not an error; two writers at once lose
 * nothing.
 */
#include "../tap.h"
#include "lectern/doc.h"
#include "lectern/place.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256], state[300], top[256];

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    fputs(s, f);
    fclose(f);
}

static lec_doc *load(const char *s)
{
    return lec_doc_new(strdup(s), strlen(s), "t.md");
}

static int lines_in(const char *path)
{
    FILE *f = fopen(path, "r");
    int n = 0, c;
    if (!f) return -1;
    while ((c = fgetc(f)) != EOF) n += c == '\n';
    fclose(f);
    return n;
}

static const char speech[] = "# 讲话\n\n开场白。\n\n## 一、回顾\n\n去年的事。\n\n## 二、展望\n\n"
                             "今年的第一件事。\n\n今年的第二件事。\n\n## 三、要求\n\n结束语。\n";
/* The same with a paragraph more before 二、 and 一、 retitled. */
static const char edited[] = "# 讲话\n\n开场白。\n\n## 一、回顾过去\n\n去年的事。\n\n又加了一段。\n\n"
                             "## 二、展望\n\n今年的第一件事。\n\n今年的第二件事。\n\n## 三、要求\n\n结束语。\n";

static void test_round_trip(void)
{
    char doc_path[300];
    snprintf(doc_path, sizeof doc_path, "%s/speech.md", top);
    write_file(doc_path, speech);
    lec_doc *d = load(speech);
    lec_place p;
    lec_buf notice = LEC_BUF_INIT;
    ok(!lec_place_recall(dir, doc_path, d, &p, &notice), "a file never read: not known");
    ok(notice.len == 0, "and no notice (there is no state file yet)");
    ok(p.known, "its size and time are noted");

    const char *second = strstr(speech, "今年的第二件事");
    p.pos.src = (uint32_t)(second - speech);
    p.pos.chr = 0;
    p.pos.screen_row = 7;
    p.marks[0].src = (uint32_t)(strstr(speech, "去年") - speech);
    p.marks_set = 1u;
    p.marks[25].src = (uint32_t)(strstr(speech, "结束语") - speech);
    p.marks_set |= 1u << 25;
    is_int(lec_place_remember(dir, doc_path, d, &p, &notice), 0, "remember");
    struct stat st;
    ok(stat(state, &st) == 0 && (st.st_mode & 077) == 0, "the state file is private");

    lec_place q;
    ok(lec_place_recall(dir, doc_path, d, &q, &notice), "recall");
    is_int(q.pos.src, p.pos.src, "the same place");
    is_int(q.pos.screen_row, 7, "on the same screen row");
    ok(!q.moved, "the file did not change");
    is_int(q.marks_set, p.marks_set, "the marks a and z");
    is_int(q.marks[25].src, p.marks[25].src, "in their places");
    /* Another name for the same file. */
    char other[400];
    snprintf(other, sizeof other, "%s/./speech.md", top);
    ok(lec_place_recall(dir, other, d, &q, &notice) && q.pos.src == p.pos.src,
       "found by another name for the same file");
    lec_doc_free(d);

    /* The file is edited: the place maps back to the same section. */
    write_file(doc_path, edited);
    d = load(edited);
    ok(lec_place_recall(dir, doc_path, d, &q, &notice), "recall after an edit");
    ok(q.moved, "the file changed: mapped by sections");
    is_int(q.pos.src, (uint32_t)(strstr(edited, "今年的第二件事") - edited),
           "the same paragraph of the same section, though it moved");
    is_int(q.marks[25].src, (uint32_t)(strstr(edited, "结束语") - edited), "mark z too");
    ok(q.marks[0].src < (uint32_t)(strstr(edited, "## 二、") - edited),
       "mark a stays in 一、 (retitled: found by its address)");
    ok(notice.len == 0, "no notice");
    lec_doc_free(d);
    lec_buf_free(&notice);
}

static void test_bounded(void)
{
    /* A full file of 1000 other entries, the oldest last. */
    FILE *f = fopen(state, "w");
    fputs("# lectern places 1\n", f);
    for (int i = 0; i < LEC_PLACES_MAX; i++)
        fprintf(f, "%d\t1\t1\t/nowhere/f%04d.md\t5\t0\t0\t0\t\t\n", 2000000 - i, i);
    fclose(f);
    char doc_path[300];
    snprintf(doc_path, sizeof doc_path, "%s/speech.md", top);
    lec_doc *d = load(edited);
    lec_place p;
    lec_buf notice = LEC_BUF_INIT;
    lec_place_recall(dir, doc_path, d, &p, &notice);
    p.pos.src = 3;
    lec_place_remember(dir, doc_path, d, &p, &notice);
    is_int(lines_in(state), 1 + LEC_PLACES_MAX, "at most %d files", LEC_PLACES_MAX);
    ok(lec_place_recall(dir, "/nowhere/f0000.md", d, &p, &notice), "the latest others stay");
    ok(!lec_place_recall(dir, "/nowhere/f0999.md", d, &p, &notice), "the oldest goes");
    ok(lec_place_recall(dir, doc_path, d, &p, &notice) && p.pos.src == 3, "this one is in");
    ok(notice.len == 0, "no notice");
    lec_doc_free(d);
    lec_buf_free(&notice);
}

static void test_damaged(void)
{
    char doc_path[300];
    snprintf(doc_path, sizeof doc_path, "%s/speech.md", top);
    lec_doc *d = load(edited);
    lec_place p;
    lec_buf notice = LEC_BUF_INIT;
    write_file(state, "\x7f" "ELF garbage\n\n\t\t\n");
    ok(!lec_place_recall(dir, doc_path, d, &p, &notice), "a damaged file: nothing recalled");
    ok(strstr(notice.data ? notice.data : "", "not a file of places") != NULL,
       "one notice: %s", notice.data ? notice.data : "");
    lec_buf_reset(&notice);
    p.pos.src = 9;
    is_int(lec_place_remember(dir, doc_path, d, &p, &notice), 0, "remembering mends it");
    ok(lec_place_recall(dir, doc_path, d, &p, &notice) && p.pos.src == 9 && notice.len == 0,
       "and the place is there again");

    /* A damaged line for this file. */
    char buf[4096];
    FILE *f = fopen(state, "r");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *t = strstr(buf, "\t9\t");
    t[1] = 'x';
    write_file(state, buf);
    lec_buf_reset(&notice);
    ok(!lec_place_recall(dir, doc_path, d, &p, &notice), "a damaged line: not used");
    ok(strstr(notice.data ? notice.data : "", "line 2 is damaged") != NULL, "notice: %s",
       notice.data ? notice.data : "");

    if (geteuid() != 0) {
        write_file(state, "# lectern places 1\n");
        chmod(state, 0);
        lec_buf_reset(&notice);
        ok(!lec_place_recall(dir, doc_path, d, &p, &notice) && notice.len, "unreadable: a notice");
        ok(lec_place_remember(dir, doc_path, d, &p, &notice) == -1,
           "and it is not replaced by a file that would lose what it holds");
        chmod(state, 0600);
    } else {
        ok(1, "# SKIP root reads any file");
        ok(1, "# SKIP root reads any file");
    }
    lec_doc_free(d);
    lec_buf_free(&notice);
}

/* Two processes write at once, again and again: every entry is kept. */
static void test_two_writers(void)
{
    unlink(state);
    lec_doc *d = load(speech);
    enum { ROUNDS = 40 };
    pid_t kid = fork();
    if (kid == 0) {
        for (int i = 0; i < ROUNDS; i++) {
            char path[64];
            snprintf(path, sizeof path, "/nowhere/kid%02d.md", i);
            lec_place p = {{(uint32_t)i, 0, 0}, {{0, 0, 0}}, 0, 0, 0, 0, 0};
            lec_place_remember(dir, path, d, &p, NULL);
        }
        _exit(0);
    }
    for (int i = 0; i < ROUNDS; i++) {
        char path[64];
        snprintf(path, sizeof path, "/nowhere/parent%02d.md", i);
        lec_place p = {{(uint32_t)i, 0, 0}, {{0, 0, 0}}, 0, 0, 0, 0, 0};
        lec_place_remember(dir, path, d, &p, NULL);
    }
    int status;
    waitpid(kid, &status, 0);
    int found = 0;
    for (int i = 0; i < ROUNDS; i++) {
        char path[64];
        lec_place p;
        snprintf(path, sizeof path, "/nowhere/kid%02d.md", i);
        found += lec_place_recall(dir, path, d, &p, NULL) && p.pos.src == (uint32_t)i;
        snprintf(path, sizeof path, "/nowhere/parent%02d.md", i);
        found += lec_place_recall(dir, path, d, &p, NULL) && p.pos.src == (uint32_t)i;
    }
    is_int(found, 2 * ROUNDS, "two writers at once: all %d entries kept", 2 * ROUNDS);
    lec_doc_free(d);
}

static void test_dir(void)
{
    setenv("HOME", "/home/reader", 1);
    setenv("XDG_STATE_HOME", "relative/state", 1);
    char *s = lec_place_dir();
    is_str(s, "/home/reader/.local/state/lectern", "a relative XDG_STATE_HOME is ignored");
    free(s);
    setenv("XDG_STATE_HOME", "/x/state", 1);
    s = lec_place_dir();
    is_str(s, "/x/state/lectern", "XDG_STATE_HOME/lectern");
    free(s);
    unsetenv("XDG_STATE_HOME");
    unsetenv("HOME");
    ok(lec_place_dir() == NULL, "neither: nowhere (and nothing is remembered)");
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/t_place.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) return 1;
    /* The state directory is made on the first write, parents too. */
    strcat(dir, "/state/lectern");
    snprintf(state, sizeof state, "%s/places", dir);
    snprintf(top, sizeof top, "%.*s", (int)(strlen(dir) - strlen("/state/lectern")), dir);
    /* Not made here: lec_place_remember makes them. */
    test_round_trip();
    test_bounded();
    test_damaged();
    test_two_writers();
    test_dir();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    if (system(cmd) != 0) printf("# could not remove %s\n", top);
    return tap_done();
}
