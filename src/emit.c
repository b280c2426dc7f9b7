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

void lec_out_safe(const char *s, size_t n, int oneline)
{
    size_t run = 0, i = 0;
    while (i < n) {
        int32_t cp;
        int l = lec_utf8_decode_strict(s + i, n - i, &cp);
        int bad = cp < 0;
        int line = cp == '\t' || cp == '\n' || cp == '\r';
        if (!bad && !lec_cp_unsafe(cp)) {
            i += (size_t)l;
            continue;
        }
        if (!oneline && cp == '\n') {
            i += (size_t)l;
            continue;
        }
        lec_out(s + run, i - run);
        if (bad) {
            lec_out("\xef\xbf\xbd", 3);
        } else if (oneline && line) {
            lec_out_char(' ');
        } else {
            char esc[16];
            lec_out(esc, (size_t)lec_cp_escape(cp, esc));
        }
        i += (size_t)l;
        run = i;
    }
    lec_out(s + run, n - run);
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
