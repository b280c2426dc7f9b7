/*
 * t_history.c - the prompts' history (lectern/history.h) in a scratch
 * directory: kept across runs, per list, bounded, written whole or not at
 * all, shared by two readers at once, and a damaged file ignored with one
 * notice and then replaced.
 */
#include "lectern/history.h"
#include "lectern/util.h"

#include "../tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256], path[512];

static void write_file(const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(text, 1, n, f);
    fclose(f);
}

static char *read_all(void)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    lec_buf b = LEC_BUF_INIT;
    char c[4096];
    size_t n;
    while ((n = fread(c, 1, sizeof c, f)) > 0)
        lec_buf_put(&b, c, n);
    fclose(f);
    lec_buf_putc(&b, '\0');
    return lec_buf_detach(&b, NULL);
}

/* Files in the history's directory (a temporary one left behind would
 * be one more). */
static int files_in(const char *d)
{
    DIR *dp = opendir(d);
    int n = 0;
    struct dirent *e;
    while (dp && (e = readdir(dp)))
        if (e->d_name[0] != '.') n++;
    if (dp) closedir(dp);
    return n;
}

static void add(lec_hist *h, int kind, const char *s)
{
    lec_hist_add(h, kind, s, strlen(s));
}

static void test_kept(void)
{
    lec_hist *h = lec_hist_open(path);
    is_int(lec_hist_count(h, '/'), 0, "a new history is empty");
    is_str(lec_hist_notice(h), NULL, "a missing file is no trouble");
    add(h, '/', "发展");
    add(h, '?', "改革");
    add(h, ':', "2.4");
    add(h, '/', "发展"); /* again: moves to the end */
    add(h, '/', "");
    add(h, '/', "a\\b\nc\x01");
    is_int(lec_hist_count(h, '/'), 3,
           "/ and ? share a list; repeats and empty entries are not added");
    is_int(lec_hist_count(h, ':'), 1, ": has its own");
    is_str(lec_hist_get(h, '/', 1), "发展", "a repeated entry moves to the end");
    lec_hist_free(h);
    ok(files_in(dir) == 1, "one file, no temporary file left");

    h = lec_hist_open(path);
    is_int(lec_hist_count(h, '/'), 3, "read back in the next run");
    is_str(lec_hist_get(h, '/', 0), "改革", "oldest first");
    is_str(lec_hist_get(h, '/', 2), "a\\b\nc\x01", "backslash, line break and control kept");
    is_str(lec_hist_get(h, ':', 0), "2.4", "the addresses too");
    is_str(lec_hist_notice(h), NULL, "no notice");
    char *text = read_all();
    ok(text && strncmp(text, "# lectern history 1\n", 20) == 0 &&
           strstr(text, "/a\\\\b\\nc\\x01\n"),
       "the file is text, one line an entry");
    free(text);

    /* Up and Down */
    is_int(lec_hist_step(h, '/', 3, -1, "", 0), 2, "Up: the newest");
    is_int(lec_hist_step(h, '/', 2, -1, "", 0), 1, "Up again: the one before");
    is_int(lec_hist_step(h, '/', 0, -1, "", 0), 0, "at the oldest Up stays");
    is_int(lec_hist_step(h, '/', 1, 1, "", 0), 2, "Down: newer");
    is_int(lec_hist_step(h, '/', 2, 1, "", 0), 3, "past the newest: the typed line");
    is_int(lec_hist_step(h, '/', 3, -1, "改", strlen("改")), 0,
           "Up with text typed: the newest that starts with it");
    is_int(lec_hist_step(h, '/', 3, -1, "xyz", 3), 3, "none: it stays");
    lec_hist_free(h);
}

static void test_bounded(void)
{
    unlink(path);
    lec_hist *h = lec_hist_open(path);
    char s[32];
    for (int i = 0; i < LEC_HIST_MAX + 50; i++) {
        snprintf(s, sizeof s, "p%d", i);
        add(h, '/', s);
    }
    char *big = malloc(LEC_HIST_MAX_ENTRY + 2);
    memset(big, 'x', LEC_HIST_MAX_ENTRY + 1);
    big[LEC_HIST_MAX_ENTRY + 1] = '\0';
    add(h, '/', big);
    free(big);
    lec_hist_free(h);
    h = lec_hist_open(path);
    is_int(lec_hist_count(h, '/'), LEC_HIST_MAX, "at most %d entries a list", LEC_HIST_MAX);
    is_str(lec_hist_get(h, '/', 0), "p50", "the oldest went first");
    snprintf(s, sizeof s, "p%d", LEC_HIST_MAX + 49);
    is_str(lec_hist_get(h, '/', LEC_HIST_MAX - 1), s, "an entry that is too long is not kept");
    lec_hist_free(h);
}

/* Two readers at once: each keeps what the other added. */
static void test_two(void)
{
    unlink(path);
    lec_hist *a = lec_hist_open(path), *b = lec_hist_open(path);
    add(a, '/', "甲");
    add(b, '/', "乙");
    add(a, '/', "丙");
    lec_hist_free(a);
    lec_hist_free(b);
    a = lec_hist_open(path);
    is_int(lec_hist_count(a, '/'), 3, "the entries of both are kept");
    is_str(lec_hist_get(a, '/', 1), "乙", "in the order they were added");
    lec_hist_free(a);
}

static void test_damaged(void)
{
    static const struct {
        const char *text;
        size_t n;
        const char *what;
    } bad[] = {
        {"/发展\n", 0, "no header"},
        {"# lectern history 1\n/ok\n!what\n", 0, "a line of no kind"},
        {"# lectern history 1\n/ok\n/bad\\q\n", 0, "a bad escape"},
        {"# lectern history 1\n/ok\n/cut", 0, "cut short"},
        {"# lectern history 1\n/\xff\xfe\n", 0, "not UTF-8"},
        {"# lectern history 1\n/a\0b\n", 25, "a NUL byte"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(bad[i].text, bad[i].n ? bad[i].n : strlen(bad[i].text));
        lec_hist *h = lec_hist_open(path);
        is_int(lec_hist_count(h, '/'), 0, "%s: the file is ignored", bad[i].what);
        const char *n1 = lec_hist_notice(h);
        ok(n1 && strstr(n1, path) && strstr(n1, "ignored"), "with a notice: %s",
           n1 ? n1 : "(none)");
        add(h, '/', "新");
        is_str(lec_hist_notice(h), NULL, "only one");
        lec_hist_free(h);
        h = lec_hist_open(path);
        is_int(lec_hist_count(h, '/'), 1, "%s: replaced by the next entry", bad[i].what);
        is_str(lec_hist_notice(h), NULL, "and read without a notice");
        lec_hist_free(h);
    }
    /* Too large */
    size_t n = LEC_HIST_MAX_FILE + 100;
    char *big = malloc(n);
    memset(big, 'a', n);
    memcpy(big, "# lectern history 1\n/", 21);
    big[n - 1] = '\n';
    write_file(big, n);
    free(big);
    lec_hist *h = lec_hist_open(path);
    ok(lec_hist_count(h, '/') == 0 && lec_hist_notice(h), "a file over %d bytes is ignored",
       LEC_HIST_MAX_FILE);
    lec_hist_free(h);
}

/* Where it lives: $XDG_STATE_HOME, else ~/.local/state; a relative
 * XDG_STATE_HOME is not used (the XDG rule). */
static void test_place(void)
{
    char want[600];
    setenv("XDG_STATE_HOME", dir, 1);
    lec_hist *h = lec_hist_open(NULL);
    snprintf(want, sizeof want, "%s/lectern/history", dir);
    is_str(lec_hist_path(h), want, "$XDG_STATE_HOME/lectern/history");
    add(h, ':', "3");
    lec_hist_free(h);
    struct stat st;
    snprintf(want, sizeof want, "%s/lectern", dir);
    ok(stat(want, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 077) == 0,
       "its directory is made, private");
    setenv("XDG_STATE_HOME", "relative/dir", 1);
    setenv("HOME", dir, 1);
    h = lec_hist_open(NULL);
    snprintf(want, sizeof want, "%s/.local/state/lectern/history", dir);
    is_str(lec_hist_path(h), want, "a relative XDG_STATE_HOME is not used: ~/.local/state");
    lec_hist_free(h);
    h = lec_hist_open("");
    add(h, '/', "x");
    is_str(lec_hist_path(h), NULL, "\"\": in memory only");
    is_int(lec_hist_count(h, '/'), 1, "which still works");
    lec_hist_free(h);
    /* A place that cannot be written: said once, kept in memory. */
    h = lec_hist_open("/proc/lectern-no/history");
    add(h, '/', "a");
    add(h, '/', "b");
    const char *n = lec_hist_notice(h);
    ok(n && strstr(n, "not saved"), "a file that cannot be written: %s", n ? n : "(none)");
    is_str(lec_hist_notice(h), NULL, "said once");
    is_int(lec_hist_count(h, '/'), 2, "kept in memory");
    lec_hist_free(h);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/lectern-hist.XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        printf("1..0 # SKIP no scratch directory\n");
        return 0;
    }
    snprintf(path, sizeof path, "%s/history", dir);
    test_kept();
    test_bounded();
    test_two();
    test_damaged();
    test_place();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("# could not remove %s\n", dir);
    return tap_done();
}
