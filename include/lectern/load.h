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
    char *data;        /* the bytes, NUL-terminated; caller frees with free() */
    size_t len;        /* bytes, without the NUL */
    int invalid_utf8;  /* nonzero when the text is not valid UTF-8 */
    size_t bad_offset; /* then: offset of the first invalid byte */
} lec_input;

/* Reads path, or standard input when path is "-".  Returns 0 on success.
 * On failure returns -1 and puts the reason (no file name, no newline:
 * "no such file", "is a directory", "empty file", "binary file (NUL byte
 * at offset 12)", ...) into *why. */
int lec_load(const char *path, lec_input *in, lec_buf *why);

#endif
