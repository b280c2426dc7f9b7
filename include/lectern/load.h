/*
 * load.h - reading a document into memory, with the checks that give a
 * clear one-line error instead of a crash or a screen of garbage.
 */
#ifndef LECTERN_LOAD_H
#define LECTERN_LOAD_H

#include <stddef.h>

#include "lectern/util.h"

/* Largest input: node offsets are 32-bit. */
#define LEC_MAX_INPUT ((size_t)0xFFFFFFFFu)

typedef struct lec_input {
    char *data;        /* the bytes, NUL-terminated; caller frees with lec_input_free() */
    size_t len;        /* bytes, without the NUL */
    int invalid_utf8;  /* nonzero when the text is not valid UTF-8 */
    size_t bad_offset; /* then: offset of the first invalid byte */
    int no_cr;         /* nonzero when the text is known to hold no CR */
} lec_input;

/* How lec_load and lec_load_fd read; zero-initialise for the defaults. */
typedef struct lec_load_opts {
    /* The bytes already read from the start of fd (the browser's first
     * part): they come first.  Copied. */
    const char *head;
    size_t head_len;
    /* A regular file: the size to read (its size when the caller opened
     * it); 0: its size now.  What is written to a file after that (a log
     * that grows) is not read. */
    unsigned long long size;
    /* The most bytes to take; 0: LEC_MAX_INPUT (tests set less). */
    size_t limit;
    /* Past the limit: keep what was read, up to its last line break,
     * and say so in *why (the return is then 1), instead of failing. */
    int keep_at_limit;
    /* A regular file of 1 MiB or more, read whole (no head, no cut): its
     * pages are mapped (copy on write) instead of copied, which saves
     * the zeroing and the copy of the whole (about a third of --toc at
     * 100 MB).  A file cut shorter while mapped then raises SIGBUS when
     * its lost pages are read: only for callers that handle it (the
     * non-interactive modes stop with one line). */
    int map;
    /* Asked before each read; nonzero gives up (-1, "stopped"). */
    int (*stop)(void *arg);
    void *stop_arg;
} lec_load_opts;

/* Reads fd (which it does not close) to its end, each piece checked as
 * it comes: a NUL byte ends the read at once.  o may be NULL.  Returns 0
 * on success, 1 on success cut at the limit (o->keep_at_limit; *why
 * says "larger than 4 GiB: the rest is not read"); -1 on failure, with
 * the reason (no file name, no newline: "no such file", "is a
 * directory", "empty file", "binary file (NUL byte at offset 12)", "too
 * large (the limit is 4 GiB)", "the file changed while it was read (it
 * is shorter now)" when a head was given...) in *why. */
int lec_load_fd(int fd, const lec_load_opts *o, lec_input *in, lec_buf *why);

/* lec_load_fd on path, or on standard input when path is "-". */
int lec_load(const char *path, const lec_load_opts *o, lec_input *in, lec_buf *why);

/* Frees the data of a lec_input (or NULL): unmapped when lec_load
 * mapped it, else free()d. */
void lec_input_free(char *data);

/* The pages of [p, p + n) that lie in a mapping lec_load made are given
 * back (read from the file again if touched later), so that a pass
 * through a large input does not hold all of it; any other memory is
 * left as it is.  The conversion calls it behind its reading. */
void lec_input_release(const char *p, size_t n);

/* Appends a limit as the messages say it ("4 GiB", "1 MiB", "1000 bytes"). */
void lec_load_limit_text(size_t limit, lec_buf *out);

#endif
