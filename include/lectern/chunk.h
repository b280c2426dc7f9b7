/*
 * chunk.h - cutting a Markdown source into pieces that parse alone.
 */
#ifndef LECTERN_CHUNK_H
#define LECTERN_CHUNK_H

#include <stddef.h>

#include "lectern/util.h"

/* Finds cut points in s[start..end): offsets of lines where a new top-level
 * block surely begins, about `target` bytes apart (each the first such
 * line at a point start + k * target or after it, at least half a target
 * after the cut before).  Stores a malloc'd array of them in *cuts (caller
 * frees with free(); NULL when none) and returns how many.  Parsing each
 * piece separately gives the blocks that parsing the whole would give
 * (link reference definitions aside).  A large text is cut on two threads
 * (thread.h), with the same cuts. */
size_t lec_chunk_split(const char *s, size_t start, size_t end, size_t target, size_t **cuts);

/* The first cut after `from` (which begins a top-level block) that no
 * construct crosses: where a block that cmark parses alone can end.
 * Returns end when there is none. */
size_t lec_chunk_next(const char *s, size_t from, size_t end);

#endif
