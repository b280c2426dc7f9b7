/*
 * emit.c - buffered output with quiet handling of closed pipes.
 */
#include "lectern/emit.h"
#include "lectern/exit.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char obuf[1 << 16];
static size_t olen;

static void drain(void)
{
    size_t off = 0;
    while (off < olen) {
        ssize_t w = write(1, obuf + off, olen - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            /* The reader is gone: that is how pipelines end, not an error. */
            if (errno == EPIPE) _exit(LEC_EXIT_OK);
            fprintf(stderr, "lectern: write error: %s\n", strerror(errno));
            _exit(LEC_EXIT_WRITE);
        }
        off += (size_t)w;
    }
    olen = 0;
}

void lec_out(const char *s, size_t n)
{
    while (n) {
        if (olen == sizeof obuf) drain();
        size_t k = sizeof obuf - olen;
        if (k > n) k = n;
        memcpy(obuf + olen, s, k);
        olen += k;
        s += k;
        n -= k;
    }
}

void lec_out_str(const char *s)
{
    lec_out(s, strlen(s));
}

void lec_out_char(char c)
{
    lec_out(&c, 1);
}

static int out_piece(void *oneline, const char *t, size_t n, int32_t cp)
{
    /* Passed raw: tabs and line breaks, a space in a one-line field, a
     * line break as it is in text, the rest in their visible form. */
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        if (*(int *)oneline) {
            lec_out_char(' ');
            return 0;
        }
        if (cp == '\n') {
            lec_out(t, n);
            return 0;
        }
        char e[16];
        lec_out(e, (size_t)lec_cp_escape(cp, e));
        return 0;
    }
    lec_out(t, n);
    return 0;
}

void lec_out_safe(const char *s, size_t n, int oneline)
{
    lec_escape(s, n, LEC_ESC_PASS('\t') | LEC_ESC_PASS('\n') | LEC_ESC_PASS('\r'), out_piece,
               &oneline);
}

void lec_out_rows(const lec_render *r, const lec_rows *rows)
{
    lec_buf line = LEC_BUF_INIT;
    for (size_t i = 0; i < rows->n; i++) {
        const lec_row *row = &rows->v[i];
        const lec_para *p = &r->paras[row->para];
        if (row->npieces) {
            lec_buf_reset(&line);
            lec_row_text(r, rows, row, &line);
            lec_out(line.data, line.len);
        } else {
            lec_out(r->text.data + row->pre, row->pre_len);
            lec_out(r->text.data + p->text + row->start, row->end - row->start);
        }
        lec_out_char('\n');
    }
    lec_buf_free(&line);
}

int lec_out_flush(void)
{
    drain();
    return 0;
}
