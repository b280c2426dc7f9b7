/*
 * source.h - what a document is made from (the program's side of
 * loading): a file or standard input, read all at once or, for the
 * browser, a first part at once and the rest on a worker; plain text
 * converted to Markdown; and the document made of it.
 */
#ifndef LECTERN_SOURCE_H
#define LECTERN_SOURCE_H

#include <stddef.h>

#include "lectern/doc.h"
#include "lectern/later.h"
#include "lectern/load.h"

typedef enum { SOURCE_AUTO, SOURCE_TEXT, SOURCE_MARKDOWN } source_from;

typedef struct source {
    const char *file;  /* the path, "-" for standard input */
    const char *name;  /* for messages and the document (printable) */
    source_from from;  /* --from */
    size_t limit;      /* the most bytes read (0: LEC_MAX_INPUT) */
    size_t early;      /* more than this opens with a first part (0: never) */
} source;

/* Whether data[0..len) of src is read as plain text (converted first). */
int source_is_text(const source *src, const char *data, size_t len);

/* Replaces the plain text *data[0..*len) by the Markdown recovered from
 * it; valid: the text is known to be valid UTF-8. */
void source_to_markdown(char **data, size_t *len, int valid);

/* The document of in (taking its data: in->data is NULL after),
 * converted first when text; NULL and the reason in *why when the
 * converted text is past the size limit. */
lec_doc *source_doc(const source *src, lec_input *in, int text, lec_buf *why);

/* What the browser opens with.  Exactly one of doc and first is set. */
typedef struct opened {
    lec_doc *doc;      /* the document shown first (caller frees) */
    lec_later *first;  /* or: it is being made (libcmark is slow on it) */
    char *raw;         /* its first bytes, shown meanwhile (caller frees) */
    size_t raw_len;
    lec_later *whole;  /* the whole, when what is shown first is a part */
    int text;          /* the input is read as plain text */
} opened;

/* Reads what the browser shows first: all of a small input, or the first
 * part of a large file or of standard input, with the rest left to a
 * worker (o->whole).  Returns 0, or -1 and the reason in *why (the input
 * cannot be used: missing, binary, empty...). */
int source_open(const source *src, opened *o, lec_buf *why);

/* A later that reads the file again from the start, to its size now,
 * and makes the document (R in the browser); NULL for standard input. */
lec_later *source_reload(const source *src, int text);

/* For the modes that print: one line on stderr when making the document
 * takes longer than ms milliseconds, so that the reader knows what
 * lectern waits on (libcmark is very slow on some inputs).  Stop it once
 * the document is made.  NULL when no thread can be started. */
typedef struct slow_notice slow_notice;
slow_notice *slow_notice_start(const char *name, int ms);
void slow_notice_stop(slow_notice *n);

#endif
