/*
 * plain.h - the text of a block without rendering it, when that is safe.
 *
 * A paragraph or heading whose source holds no markup characters, no
 * control characters and no hard line breaks renders to its own
 * characters: lines joined (Chinese directly, Latin with a space), a
 * heading without its #s or its underline.  Search reads such blocks
 * straight from the source, which is many times faster than cmark.
 */
#ifndef LECTERN_PLAIN_H
#define LECTERN_PLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/util.h"

/* If the block src[start..end) of kind (lec_block_kind) renders to its
 * own text, returns 1 and that text: *text points into src when the text
 * is one piece of it, else into scratch (which receives the joined
 * lines); *len its length.  Returns 0 when the block must be rendered.
 * The source must be valid UTF-8 (the caller knows: lec_load checks). */
int lec_plain_text(const char *src, uint32_t start, uint32_t end, int kind, lec_buf *scratch,
                   const char **text, size_t *len);

#endif
