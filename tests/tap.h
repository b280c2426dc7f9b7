/*
 * tap.h - a very small TAP producer for lectern's unit tests.
 *
 * Each test program calls the check macros and ends with tap_done(),
 * which prints the plan ("1..N") and returns the exit status.  The
 * automake TAP driver reads the output.
 */
#ifndef LECTERN_TAP_H
#define LECTERN_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5), unused));

#include <stdarg.h>
static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    tap_n++;
    printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    if (!cond) {
        tap_failed++;
        printf("#   failed at %s:%d\n", file, line);
    }
    return cond;
}

/* ok(cond, "message %d", x) */
#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* is_int(got, want, "message") */
#define is_int(got, want, ...)                                                                 \
    do {                                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);                               \
        if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__))                                \
            printf("#   got %lld, want %lld\n", g_, w_);                                       \
    } while (0)

/* is_str(got, want, "message"); NULL compares equal only to NULL */
#define is_str(got, want, ...)                                                                 \
    do {                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                  \
        int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;                               \
        if (!tap_ok(same_, __FILE__, __LINE__, __VA_ARGS__))                                   \
            printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

static int tap_done(void) __attribute__((unused));
static int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
