/*
 * settings.c - the reader's settings from the configuration file,
 * LECTERN and the command line (settings.h).
 *
 * The file is read whole, once; it must be a small text file: one that
 * cannot be read (but a default one that does not exist), is not a
 * regular file, is larger than MAX_CONFIG or holds a NUL byte is left out
 * with one note, never fatal.
 */
#include "settings.h"

#include "lectern/config.h"
#include "lectern/keys.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CONFIG (256 << 10)

/* s with its control characters as '?' (a path in a message). */
static void put_safe(lec_buf *b, const char *s)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++)
        lec_buf_putc(b, *u < 0x20 || *u == 0x7f ? '?' : (char)*u);
}

/* The file's whole text into b; 0, or -1 with a note. */
static int read_config(const char *path, int given, lec_buf *b, lec_buf *notes)
{
    const char *why = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd < 0) {
        if (errno == ENOENT && !given) return -1; /* none: the defaults */
        why = strerror(errno);
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        why = "not a regular file";
    } else if (st.st_size > MAX_CONFIG) {
        why = "larger than 256 KiB";
    } else {
        char chunk[4096];
        ssize_t r;
        while ((r = read(fd, chunk, sizeof chunk)) > 0 || (r < 0 && errno == EINTR))
            if (r > 0) lec_buf_put(b, chunk, (size_t)r);
        if (r < 0)
            why = strerror(errno);
        else if (b->len > MAX_CONFIG)
            why = "larger than 256 KiB";
        else if (b->len && memchr(b->data, 0, b->len))
            why = "not a text file (it holds a NUL byte)";
    }
    if (fd >= 0) close(fd);
    if (!why) return 0;
    put_safe(notes, path);
    lec_buf_printf(notes, ": %s; the configuration file is left out\n", why);
    return -1;
}

/* The default configuration file: $XDG_CONFIG_HOME/lectern/config, or
 * ~/.config/lectern/config (an XDG_CONFIG_HOME that is not absolute is
 * ignored, as the XDG spec says).  NULL when there is no home. */
static char *default_path(void)
{
    lec_buf p = LEC_BUF_INIT;
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        lec_buf_printf(&p, "%s/lectern/config", xdg);
    else if (home && *home)
        lec_buf_printf(&p, "%s/.config/lectern/config", home);
    else
        return NULL;
    return lec_buf_detach(&p, NULL);
}

typedef struct note {
    long line;
    size_t at, n; /* the line "LINE: message\n" in errs */
} note;

static int by_line(const void *a, const void *b)
{
    const note *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* Puts each "LINE: message" of errs into notes as "FILE:LINE: message",
 * in the order of the lines (the bindings' come after the others'). */
static void file_notes(const char *path, const lec_buf *errs, lec_buf *notes)
{
    note *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < errs->len;) {
        const char *nl = memchr(errs->data + i, '\n', errs->len - i);
        size_t n = nl ? (size_t)(nl - (errs->data + i)) + 1 : errs->len - i;
        LEC_GROW(v, cap, nv + 1);
        v[nv++] = (note){strtol(errs->data + i, NULL, 10), i, n};
        i += n;
    }
    if (nv) qsort(v, nv, sizeof *v, by_line);
    for (size_t k = 0; k < nv; k++) {
        put_safe(notes, path);
        lec_buf_putc(notes, ':');
        lec_buf_put(notes, errs->data + v[k].at, v[k].n);
    }
    free(v);
}

void settings_load(lec_settings *s, const char *config, int no_config, const cli_setting *cli,
                   size_t ncli, lec_buf *notes)
{
    char *path = no_config ? NULL : config ? lec_xstrndup(config, strlen(config)) : default_path();
    lec_buf text = LEC_BUF_INIT, errs = LEC_BUF_INIT;
    if (path && read_config(path, config != NULL, &text, notes) == 0) {
        lec_config_parse(text.data ? text.data : "", text.len, s, &errs);
        /* The bindings now, while the file's name is at hand. */
        for (size_t i = 0; i < s->nbinds; i++) {
            const lec_binding *b = &s->binds[i];
            lec_buf why = LEC_BUF_INIT;
            int rc = b->req ? lec_keys_bind(b->keys, b->nkeys, (lec_request)b->req, &why)
                            : lec_keys_unbind(b->keys, b->nkeys, &why);
            if (rc) lec_buf_printf(&errs, "%d: %s %s\n", b->line, b->req ? "bind" : "unbind",
                                   why.data ? why.data : "");
            lec_buf_free(&why);
        }
        file_notes(path, &errs, notes);
    }
    lec_buf_reset(&errs);
    const char *env = getenv("LECTERN");
    if (env && lec_options_words(s, env, &errs)) {
        for (size_t i = 0; i < errs.len;) {
            const char *nl = memchr(errs.data + i, '\n', errs.len - i);
            size_t n = nl ? (size_t)(nl - (errs.data + i)) + 1 : errs.len - i;
            lec_buf_puts(notes, "LECTERN: ");
            /* The message quotes the variable's words: every control in
             * it (C0, C1, bidi) in its visible form, the newline raw. */
            lec_escape_to(notes, errs.data + i, n, LEC_ESC_PASS('\n'));
            i += n;
        }
    }
    for (size_t i = 0; i < ncli; i++) {
        lec_buf_reset(&errs);
        lec_option_set(s, cli[i].opt, cli[i].value, "--", &errs); /* checked already */
    }
    lec_buf_free(&text);
    lec_buf_free(&errs);
    free(path);
}
