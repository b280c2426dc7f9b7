/*
 * files.h - reading the documents a unit test checks (the samples, the
 * corpus).
 */
#ifndef LECTERN_TEST_FILES_H
#define LECTERN_TEST_FILES_H

#include "lectern/util.h"

#include <stdio.h>

/* Appends the bytes of the file at path to *b.  Returns 0 when it cannot
 * be opened (a corpus that is not there), else 1. */
static int read_file(const char *path, lec_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char chunk[65536];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0) lec_buf_put(b, chunk, r);
    fclose(f);
    return 1;
}

#endif
