/*
 * options.c - the options a reader can set anywhere, and LECTERN
 * (lectern/options.h).
 */
#include "lectern/options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const themes[] = {"auto", "dark", "light", "mono", NULL};
static const char *const cursor_rows[] = {"terminal", "highlight", NULL};

/* One row an option; the command line, LECTERN and the configuration
 * file all read this table (options.h says how to add a row). */
const lec_option lec_options[] = {
    {"ambiwidth", LEC_OPT_INT, 1, 2, NULL, offsetof(lec_settings, ambi), "1 or 2"},
    {"width", LEC_OPT_INT, 1, 10000, NULL, offsetof(lec_settings, width),
     "a number from 1 to 10000"},
    {"mouse", LEC_OPT_BOOL, 0, 1, NULL, offsetof(lec_settings, mouse), "on or off"},
    {"theme", LEC_OPT_CHOICE, 0, 0, themes, offsetof(lec_settings, theme),
     "auto, dark, light or mono"},
    {"script-fold", LEC_OPT_BOOL, 0, 1, NULL, offsetof(lec_settings, script_fold), "on or off"},
    {"remember", LEC_OPT_BOOL, 0, 1, NULL, offsetof(lec_settings, remember), "on or off"},
    {"cursor-row", LEC_OPT_CHOICE, 0, 0, cursor_rows, offsetof(lec_settings, cursor_row),
     "terminal or highlight"},
};
const size_t lec_noptions = sizeof lec_options / sizeof lec_options[0];

void lec_settings_init(lec_settings *s)
{
    memset(s, 0, sizeof *s);
    s->ambi = 1;
    s->theme = LEC_THEME_AUTO;
    s->script_fold = 1;
    s->remember = 1;
}

void lec_settings_free(lec_settings *s)
{
    free(s->binds);
    s->binds = NULL;
    s->nbinds = s->cap_binds = 0;
}

const lec_option *lec_option_find(const char *name, size_t n)
{
    for (size_t i = 0; i < lec_noptions; i++)
        if (strlen(lec_options[i].name) == n && memcmp(lec_options[i].name, name, n) == 0)
            return &lec_options[i];
    return NULL;
}

int lec_option_set(lec_settings *s, const lec_option *o, const char *value, const char *prefix,
                   lec_buf *err)
{
    int *field = (int *)((char *)s + o->field);
    int v = -1;
    if (!value) {
        if (o->kind == LEC_OPT_BOOL) {
            *field = 1;
            return 0;
        }
        lec_buf_printf(err, "%s%s wants %s", prefix, o->name, o->wants);
        return -1;
    }
    switch (o->kind) {
    case LEC_OPT_BOOL:
        if (strcmp(value, "on") == 0) v = 1;
        if (strcmp(value, "off") == 0) v = 0;
        break;
    case LEC_OPT_INT: {
        char *end;
        errno = 0;
        long l = strtol(value, &end, 10);
        if (!errno && end != value && !*end && l >= o->lo && l <= o->hi) v = (int)l;
        break;
    }
    case LEC_OPT_CHOICE:
        for (int i = 0; o->choices[i]; i++)
            if (strcmp(value, o->choices[i]) == 0) v = i;
        break;
    }
    if (v < 0) {
        lec_buf_printf(err, "%s%s wants %s, not '%s'", prefix, o->name, o->wants, value);
        return -1;
    }
    *field = v;
    return 0;
}

/* The next blank-separated word of *p, as a new string (caller frees
 * with free()), or NULL at the end. */
static char *next_word(const char **p)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\n') s++;
    if (!*s) return NULL;
    const char *e = s;
    while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
    *p = e;
    return lec_xstrndup(s, (size_t)(e - s));
}

int lec_options_words(lec_settings *s, const char *text, lec_buf *errs)
{
    int nerr = 0;
    const char *p = text ? text : "";
    char *w;
    lec_buf msg = LEC_BUF_INIT;
    while ((w = next_word(&p)) != NULL) {
        lec_buf_reset(&msg);
        const char *name = w + 2, *eq = strchr(w, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        const lec_option *o = strncmp(w, "--", 2) == 0 ? lec_option_find(name, n) : NULL;
        int off = 0;
        if (!o && !eq && strncmp(w, "--no-", 5) == 0) {
            o = lec_option_find(w + 5, strlen(w + 5));
            off = o && o->kind == LEC_OPT_BOOL;
            if (!off) o = NULL;
        }
        if (!o) {
            lec_buf_printf(&msg, "'%s' is not an option that can be set here", w);
        } else if (off) {
            *(int *)((char *)s + o->field) = 0;
        } else if (eq) {
            lec_option_set(s, o, eq + 1, "--", &msg);
        } else if (o->kind == LEC_OPT_BOOL) {
            lec_option_set(s, o, NULL, "--", &msg);
        } else {
            /* --name value: the value is the next word. */
            char *v = next_word(&p);
            lec_option_set(s, o, v, "--", &msg);
            free(v);
        }
        if (msg.len) {
            lec_buf_put(errs, msg.data, msg.len);
            lec_buf_putc(errs, '\n');
            nerr++;
        }
        free(w);
    }
    lec_buf_free(&msg);
    return nerr;
}
