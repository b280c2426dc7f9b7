/*
 * open.c - a file as a document (lectern/open.h).
 */
#include "lectern/open.h"

#include "lectern/convert.h"
#include "lectern/load.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

int lec_open_is_text(const char *path, lec_from from, const char *data, size_t len)
{
    if (from != LEC_FROM_AUTO) return from == LEC_FROM_TEXT;
    if (has_suffix(path, ".txt")) return 1;
    if (has_suffix(path, ".md") || has_suffix(path, ".markdown") || has_suffix(path, ".mkd") ||
        has_suffix(path, ".mdown"))
        return 0;
    return !lec_looks_markdown(data, len);
}

void lec_open_to_markdown(char **data, size_t *len, int valid)
{
    size_t mlen;
    char *md = valid ? lec_convert_valid(*data, *len, &mlen) : lec_convert(*data, *len, &mlen);
    lec_input_free(*data);
    *data = md;
    *len = mlen;
}

lec_doc *lec_open_input(lec_input *in, int text, const char *name, int flags, lec_buf *why)
{
    if (text) lec_open_to_markdown(&in->data, &in->len, !in->invalid_utf8);
    if (in->len > LEC_MAX_INPUT) {
        lec_buf_puts(why, "too large once converted to Markdown (the limit is ");
        lec_load_limit_text(LEC_MAX_INPUT, why);
        lec_buf_putc(why, ')');
        lec_input_free(in->data);
        in->data = NULL;
        return NULL;
    }
    /* lec_load checked the bytes; conversion keeps them as they were. */
    lec_doc *d =
        lec_doc_new_flags(in->data, in->len, name,
                          flags | (in->invalid_utf8 ? 0 : LEC_DOC_VALID) |
                              (in->no_cr && !text ? LEC_DOC_NO_CR : 0));
    in->data = NULL;
    if (text) lec_doc_hide_frontmatter(d);
    return d;
}

lec_doc *lec_open(const char *path, const char *name, lec_from from, int flags, lec_opened *info,
                  lec_buf *why)
{
    lec_input in;
    lec_opened dummy;
    if (!info) info = &dummy;
    memset(info, 0, sizeof *info);
    if (lec_load(path, NULL, &in, why) != 0) return NULL;
    info->invalid_utf8 = in.invalid_utf8;
    info->bad_offset = in.bad_offset;
    info->text = lec_open_is_text(path, from, in.data, in.len);
    return lec_open_input(&in, info->text, name, flags, why);
}
