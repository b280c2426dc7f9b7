/*
 * open.h - a file as a document, the way every mode opens one: read
 * (load.h), plain text recovered as Markdown (convert.h), the tree made
 * (doc.h).  The command line, the library and its search share it.
 * Pure: no output; safe on any thread.
 */
#ifndef LECTERN_OPEN_H
#define LECTERN_OPEN_H

#include <stddef.h>

#include "lectern/doc.h"
#include "lectern/load.h"
#include "lectern/util.h"

/* How to read a file: plain text or Markdown, or decided (--from). */
typedef enum lec_from { LEC_FROM_AUTO, LEC_FROM_TEXT, LEC_FROM_MARKDOWN } lec_from;

/* Nonzero when the file `path` holding data[0..len) is read as plain
 * text: --from says so, or it ends in .txt, or it has no Markdown name
 * (.md .markdown .mkd .mdown) and no Markdown structure. */
int lec_open_is_text(const char *path, lec_from from, const char *data, size_t len);

/* Replaces the plain text *data[0..*len) (malloc'd) by the Markdown
 * recovered from it; valid: the text is known to be valid UTF-8. */
void lec_open_to_markdown(char **data, size_t *len, int valid);

/* Makes the document of a loaded input (taking in->data: NULL after),
 * converted first when text, named `name`, with the doc.h flags.  Returns
 * NULL with the reason in *why when the converted text is past the size
 * limit (conversion escapes, so it can be longer than the input). */
lec_doc *lec_open_input(lec_input *in, int text, const char *name, int flags, lec_buf *why);

/* What lec_open made besides the document. */
typedef struct lec_opened {
    int text;         /* it was plain text, converted */
    int invalid_utf8; /* then the first invalid byte is at bad_offset */
    size_t bad_offset;
} lec_opened;

/* Reads path and makes its document, named `name` (copied), with the
 * doc.h flags (LEC_DOC_ONE_THREAD on worker threads).  Returns it (free
 * with lec_doc_free), or NULL with the reason in *why (lec_load's:
 * "permission denied", "binary file (NUL byte at offset 12)", ...).
 * *info (when not NULL) says what was found. */
lec_doc *lec_open(const char *path, const char *name, lec_from from, int flags, lec_opened *info,
                  lec_buf *why);

#endif
