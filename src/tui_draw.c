/*
 * tui_draw.c - drawing for the browser: the looks of the theme
 * (theme.h) as curses attributes and colour pairs, text drawn a grapheme
 * cluster at a time at explicit columns, the document rows and the
 * status line.
 *
 * Widths are lec_grapheme's, the layout's own, so what the layout
 * promised is what the screen gets: curses never wraps a row and nothing
 * is written past the last column.  In test mode every cell drawn also
 * gets its dump letter (tui.h).
 */
#include "tui_priv.h"

#include "lectern/options.h"
#include "lectern/utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* ---- looks -------------------------------------------------------------- */

static short pair_of(tui *t, int fg, int bg)
{
    if (fg < 0 && bg < 0) return 0;
    for (short i = 0; i < t->npairs; i++)
        if (t->pair_fg[i] == fg && t->pair_bg[i] == bg) return (short)(i + 1);
    short n = t->npairs;
    if (n + 1 >= COLOR_PAIRS || n >= (short)(sizeof t->pair_fg / sizeof *t->pair_fg)) return 0;
    /* Without default colours (use_default_colors failed) the closest is
     * white on black. */
    init_pair((short)(n + 1), (short)(fg < 0 && !t->deflt ? COLOR_WHITE : fg),
              (short)(bg < 0 && !t->deflt ? COLOR_BLACK : bg));
    t->pair_fg[n] = (short)fg;
    t->pair_bg[n] = (short)bg;
    t->npairs++;
    return (short)(n + 1);
}

void tui_theme(tui *t)
{
    int theme = t->o->theme;
    if (theme == LEC_THEME_AUTO) theme = lec_theme_from_colorfgbg(getenv("COLORFGBG"));
    if (theme == LEC_THEME_AUTO) theme = LEC_THEME_DARK;
    t->ncolors = !t->color ? 0 : COLORS >= 256 ? 256 : 8;
    for (int e = 0; e < LEC_EL_COUNT; e++) {
        lec_style st = lec_theme_style(theme, e, t->ncolors);
        /* The reader's colours, where the terminal has them; in mono
         * none (a match must keep its reverse). */
        if (t->ncolors && t->o->colors && (t->o->color_set >> e & 1)) {
            lec_style u = t->o->colors[e];
            if (u.fg < t->ncolors) st.fg = u.fg;
            if (u.bg < t->ncolors) st.bg = u.bg;
            st.attrs = u.attrs;
        }
        t->styles[e] = st;
    }
}

static attr_t curses_attrs(const tui *t, unsigned s)
{
    attr_t a = A_NORMAL;
    if (s & LEC_S_BOLD) a |= A_BOLD;
    if (s & LEC_S_UNDERLINE) a |= A_UNDERLINE;
    if (s & LEC_S_REVERSE) a |= A_REVERSE;
    if (s & LEC_S_DIM) a |= A_DIM;
    if (s & LEC_S_ITALIC) a |= t->italic ? A_ITALIC : A_UNDERLINE;
    return a;
}

/* The look of screen text: the elements' styles (theme.h) composed by
 * lec_look_of; the dump letter of test mode from the same attributes,
 * the last that applies winning (a heading's letter over bold). */
void tui_look(tui *t, unsigned look, attr_t *ap, short *pairp, char *letterp)
{
    lec_look l;
    char letter = '.';
    if (look & (LOOK_STATUS | LOOK_PROMPT)) {
        const lec_style *st = &t->styles[LEC_EL_STATUS];
        l = (look & LOOK_STATUS) ? (lec_look){st->fg, st->bg, st->attrs} : (lec_look){-1, -1, 0};
        if (look & LOOK_ERROR) l.attrs |= LEC_S_BOLD;
        *ap = curses_attrs(t, l.attrs);
        *pairp = t->color ? pair_of(t, l.fg, l.bg) : 0;
        *letterp = 'S';
        return;
    }
    if (look & LEC_A_QUOTE) letter = 'q';
    if (look & LEC_A_SUMMARY) letter = 's';
    if (look & LEC_A_STRONG) letter = 'b';
    if (look & LEC_A_HEADING) letter = 'h';
    if (look & LEC_A_EMPH) letter = 'i';
    if (look & (LEC_A_LINK | LEC_A_URL)) letter = 'l';
    if (look & LEC_A_CODE) letter = 'x';
    if (look & LEC_A_HTML) letter = 'd';
    if (look & LEC_A_LABEL) letter = 'a';
    if (look & LEC_A_MARKER) letter = 'k';
    if (look & LEC_A_ESCAPE) letter = 'e';
    /* In a dump every cell of the cursor row says 'c' (but matches): a
     * row full of heading letters would hide where the cursor is. */
    if (look & LOOK_CURSOR) letter = 'c';
    if (look & (LEC_A_MATCH | LEC_A_MATCH_CUR)) letter = look & LEC_A_MATCH_CUR ? 'M' : 'm';
    l = lec_look_of(t->styles, look & ~(unsigned)(LOOK_CURSOR | LOOK_STATUS | LOOK_PROMPT |
                                                  LOOK_ERROR),
                    (look & LOOK_CURSOR) != 0);
    *ap = curses_attrs(t, l.attrs);
    *pairp = t->color ? pair_of(t, l.fg, l.bg) : 0;
    *letterp = letter;
}

/* ---- drawing ------------------------------------------------------------ */

/* Every cell of row y says 'c' in a dump, but matches. */
static void cursor_letters(tui *t, int y)
{
    if (!t->shadow || y < 0 || y >= t->shadow_rows) return;
    char *row = t->shadow + (size_t)y * (size_t)t->shadow_cols;
    for (int i = 0; i < t->shadow_cols; i++)
        if (row[i] != 'm' && row[i] != 'M') row[i] = 'c';
}

void tui_show_cursor(tui *t, int y, int x)
{
    t->show_y = y;
    t->show_x = x;
}

void tui_mark(tui *t, int y, int x, int w, char letter)
{
    if (!t->shadow || y < 0 || y >= t->shadow_rows) return;
    for (int i = x; i < x + w && i < t->shadow_cols; i++)
        if (i >= 0) t->shadow[(size_t)y * (size_t)t->shadow_cols + (size_t)i] = letter;
}

void tui_begin(tui *t)
{
    t->show_y = t->show_x = -1;
    if (!t->test) return;
    if (t->shadow_rows != LINES || t->shadow_cols != COLS) {
        free(t->shadow);
        t->shadow_rows = LINES;
        t->shadow_cols = COLS;
        t->shadow = lec_xmalloc((size_t)LINES * (size_t)COLS);
    }
    memset(t->shadow, '.', (size_t)LINES * (size_t)COLS);
}

static int is_regional(int32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Puts one cluster of `w` cells at (y, x).  curses measures with the C
 * library's wcwidth and tracks the terminal's cursor by it, so it must
 * agree with our width or the rest of the row lands a cell off.  When
 * they differ, what both agree on is drawn: an emoji sequence (❤ + VS16)
 * as its first character in text style, a flag as its two letters ("CN"),
 * anything else as '?', padded to w cells.  (East Asian Ambiguous
 * characters with --ambiwidth=2 are drawn anyway: the reader asked.)
 * In a locale that is not UTF-8, every cluster but an ASCII character is
 * '?' padded to w cells. */
static void put_cluster(tui *t, int y, int x, const char *s, size_t n, int w, attr_t a,
                        short pair)
{
    if (t->ascii && (n != 1 || (unsigned char)s[0] >= 0x80)) {
        static const wchar_t q[2] = {L'?', 0};
        mvwhline(stdscr, y, x, '?' | a | COLOR_PAIR(pair), 1);
        tui_out_cell(t->outl, y, x, q, 1, a, pair);
        if (w > 1) mvwhline(stdscr, y, x + 1, ' ' | a | COLOR_PAIR(pair), w - 1);
        if (w > 1) tui_out_blank(t->outl, y, x + 1, w - 1, a, pair);
        if (!t->lossy) t->lossy = 1;
        return;
    }
    int32_t cp[CCHARW_MAX] = {0};
    int ncp = 0;
    for (size_t i = 0; i < n && ncp < CCHARW_MAX;)
        i += (size_t)lec_utf8_decode(s + i, n - i, &cp[ncp++]);
    wchar_t wch[CCHARW_MAX + 1];
    int k = 0, cw = wcwidth((wchar_t)cp[0]);
    wch[k++] = (wchar_t)cp[0];
    if (cw == w || (cw == 1 && t->ambi == 2 && lec_cp_ambiguous(cp[0]))) {
        /* Combining marks go with it; a joiner would join what curses
         * draws next. */
        for (int i = 1; i < ncp && wcwidth((wchar_t)cp[i]) == 0 && cp[i] != 0x200D; i++)
            wch[k++] = (wchar_t)cp[i];
    } else if (w == 2 && ncp >= 2 && is_regional(cp[0]) && is_regional(cp[1])) {
        wch[0] = (wchar_t)('A' + cp[0] - 0x1F1E6);
        cw = 1;
    } else if (cw != 1 || w < 1) {
        wch[0] = L'?';
        cw = 1;
    }
    wch[k] = 0;
    cchar_t cc;
    setcchar(&cc, wch, a, pair, NULL);
    /* add_wchnstr neither moves the cursor nor wraps. */
    mvwadd_wchnstr(stdscr, y, x, &cc, 1);
    tui_out_cell(t->outl, y, x, wch, cw, a, pair);
    if (cw < w && ncp >= 2 && is_regional(cp[0]) && is_regional(cp[1])) {
        wchar_t second[2] = {(wchar_t)('A' + cp[1] - 0x1F1E6), 0};
        setcchar(&cc, second, a, pair, NULL);
        mvwadd_wchnstr(stdscr, y, x + 1, &cc, 1);
        tui_out_cell(t->outl, y, x + 1, second, 1, a, pair);
        cw = 2;
    }
    for (int i = cw; i < w; i++)
        mvwhline(stdscr, y, x + i, ' ' | a | COLOR_PAIR(pair), 1);
    if (cw < w) tui_out_blank(t->outl, y, x + cw, w - cw, a, pair);
}

typedef struct draw {
    tui *t;
    int y, x, maxx;
    unsigned look;
    attr_t a;
    short pair;
    char letter;
} draw;

/* A piece of text from lec_escape: safe text cluster by cluster, or the
 * visible form of a control character (ASCII: its length is its width)
 * in the escape look.  Nonzero when the row is full. */
static int draw_piece(void *p, const char *s, size_t n, int32_t cp)
{
    draw *d = p;
    if (cp > 0) {
        if (d->x + (int)n > d->maxx) return 1;
        d->x = tui_text(d->t, d->y, d->x, d->maxx, s, n, d->look | LEC_A_ESCAPE);
        return d->x >= d->maxx;
    }
    for (size_t i = 0; i < n && d->x < d->maxx;) {
        int w;
        size_t len = lec_grapheme(s + i, n - i, d->t->ambi, &w);
        if (w == 0) { /* nothing to place: a stray combining mark */
            i += len;
            continue;
        }
        if (d->x + w > d->maxx) {
            if (w > COLS) {
                put_cluster(d->t, d->y, d->x, ">", 1, 1, d->a, d->pair);
                tui_mark(d->t, d->y, d->x, 1, d->letter);
                d->x++;
            }
            return 1;
        }
        put_cluster(d->t, d->y, d->x, s + i, len, w, d->a, d->pair);
        tui_mark(d->t, d->y, d->x, w, d->letter);
        d->x += w;
        i += len;
    }
    return d->x >= d->maxx;
}

int tui_text(tui *t, int y, int x, int maxx, const char *s, size_t n, unsigned look)
{
    draw d = {.t = t, .y = y, .x = x, .maxx = maxx, .look = look};
    tui_look(t, look, &d.a, &d.pair, &d.letter);
    /* Never raw to the terminal; the view escapes these already, but
     * titles, names and messages come here too. */
    if (x < maxx) lec_escape(s, n, 0, draw_piece, &d);
    return d.x;
}

void tui_fill(tui *t, int y, int x, int maxx, unsigned look)
{
    if (x >= maxx) return;
    attr_t a;
    short pair;
    char letter;
    tui_look(t, look & (LOOK_CURSOR | LOOK_STATUS | LOOK_PROMPT), &a, &pair, &letter);
    a &= ~(attr_t)(A_BOLD | A_UNDERLINE | A_ITALIC | A_DIM);
    mvwhline(stdscr, y, x, ' ' | a | COLOR_PAIR(pair), maxx - x);
    tui_out_blank(t->outl, y, x, maxx - x, a, pair);
    tui_mark(t, y, x, maxx - x, letter);
}

size_t tui_cut(const tui *t, const char *s, size_t n, int cols, int *width)
{
    return lec_fit(s, n, cols, t->ambi, width);
}

/* The blanks after a row's text, from column x.  On them only the
 * background shows (the cursor row's, or the terminal's), so they take
 * the foreground colour, bold and dim of the row's last text `last`:
 * curses then clears the rest of the row with the attributes the text
 * left set instead of changing them first, and a next row that starts in
 * the same look (a heading or a code block over several rows) needs no
 * change either.  Nothing that shows on a blank is carried: underline,
 * italics, reverse, a match's background.  In reverse (the cursor row
 * without colour) bold and dim can tint the blanks: not carried either. */
static void fill_row(tui *t, int y, int x, unsigned base, unsigned last)
{
    if (x >= COLS) return;
    const unsigned carry = LEC_A_STRONG | LEC_A_HEADING | LEC_A_CODE | LEC_A_MARKER |
                           LEC_A_QUOTE | LEC_A_META | LEC_A_BULLET | LEC_A_RULE | LEC_A_URL |
                           LEC_A_SUMMARY | LEC_A_HTML | LEC_A_LABEL;
    /* Without the terminal's default colours a colour pair has a black
     * background where the plain blanks have the terminal's own. */
    if (t->color && !t->deflt) last = 0;
    attr_t a, fa;
    short pair, fpair;
    char letter, fletter;
    tui_look(t, base, &fa, &fpair, &fletter);
    tui_look(t, base | (last & carry), &a, &pair, &letter);
    a &= ~(attr_t)(A_UNDERLINE | A_ITALIC);
    if (a & A_REVERSE) a &= ~(attr_t)(A_BOLD | A_DIM);
    if ((a & A_REVERSE) != (fa & A_REVERSE)) {
        /* Cannot happen with the carried looks; the plain fill then. */
        tui_fill(t, y, x, COLS, base);
        return;
    }
    mvwhline(stdscr, y, x, ' ' | a | COLOR_PAIR(pair), COLS - x);
    tui_out_blank(t->outl, y, x, COLS - x, a, pair);
    tui_mark(t, y, x, COLS - x, fletter);
}

/* The cursor row is where the terminal's cursor is shown, at its start:
 * a mark that costs nothing to move, where a highlighted row has to be
 * sent again, to take the highlight off, each time the cursor leaves it
 * (bench/run, section 5, 100 MB at 100x30: 269 bytes per step down at
 * the bottom highlighted, 127 with the terminal's cursor; less 127).
 * Screen readers and input methods follow that cursor too.
 * --cursor-row highlight draws the row in the theme's cursor look.  In a
 * dump the row's letters are 'c' (but matches) either way. */
void tui_draw_rows(tui *t)
{
    int cur = lec_view_cursor_row(t->v);
    int n = t->rows < LINES ? t->rows : LINES;
    int highlight = t->o->cursor_row == LEC_CURSOR_ROW_HIGHLIGHT;
    for (int y = 0; y < n; y++) {
        int kind = lec_view_row(t->v, y, &t->line);
        unsigned base = highlight && y == cur ? LOOK_CURSOR : 0, last = 0;
        int x = 0;
        if (kind != LEC_ROW_END)
            for (size_t k = 0; k < t->line.nseg; k++) {
                const lec_seg *g = &t->line.seg[k];
                x = tui_text(t, y, x, COLS, g->s, g->n, g->attr | base);
                if (g->n) last = g->attr;
            }
        fill_row(t, y, x, base, last);
        if (y == cur) cursor_letters(t, y);
    }
    if (!highlight && cur >= 0 && cur < n) tui_show_cursor(t, cur, 0);
}

void tui_message(tui *t, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lec_buf_reset(&t->msg);
    lec_buf_vprintf(&t->msg, fmt, ap);
    va_end(ap);
    t->msg_error = error;
}

/* s[0..n) into out, cut to `room` cells; when cut, it ends on "…",
 * never silently. */
static void cut_ellipsis(tui *t, const char *s, size_t n, int room, lec_buf *out)
{
    size_t keep = tui_cut(t, s, n, room, NULL);
    if (keep < n) {
        static const char ell[] = "\u2026";
        int ew = (int)lec_str_width(ell, sizeof ell - 1, t->ambi);
        keep = tui_cut(t, s, n, room - ew, NULL);
        lec_buf_put(out, s, keep);
        if (room >= ew) lec_buf_puts(out, ell);
    } else {
        lec_buf_put(out, s, keep);
    }
}

void tui_draw_status(tui *t)
{
    if (LINES < 2) return;
    int y = LINES - 1;
    lec_buf right = LEC_BUF_INIT, left = LEC_BUF_INIT;
    lec_buf count = LEC_BUF_INIT;
    tui_search_count(t, &count);
    size_t k, total;
    lec_view_search_state(t->v, &k, &total);

    /* With a search: the matches in the current section ("3/45 (7 here)"),
     * before the first section the count alone; once all are counted. */
    int counted = !tui_search_looking(t) && (lec_view_search_progress(t->v) & LEC_VS_TOTAL);
    uint32_t here_node = total && counted ? lec_view_current(t->v) : 0;
    size_t here = here_node ? lec_view_hits(t->v, here_node) : 0;

    /* The right part, shortened from the least useful piece. */
    const char *help = "F1 help";
    /* The current node's address, what --print takes. */
    lec_buf addr = LEC_BUF_INIT;
    lec_view_address(t->v, &addr);
    /* Dropped in turn: the help key, the count here, how far in, the
     * address, the search's count. */
    for (int drop = 0; drop < 6; drop++) {
        lec_buf_reset(&right);
        lec_keys_pending(&t->ks, &right);
        if (t->mark_key) lec_buf_putc(&right, (char)t->mark_key);
        if (right.len) lec_buf_puts(&right, "  ");
        if (count.len && drop < 5) lec_buf_puts(&right, count.data);
        if (count.len && drop < 5 && here_node && drop < 2) lec_buf_printf(&right, " (%zu here)", here);
        if (count.len && drop < 5) lec_buf_puts(&right, "  ");
        if (addr.len && drop < 4) lec_buf_printf(&right, "%s  ", addr.data);
        /* A percentage of the first part would mislead. */
        if (drop < 3 && t->later) lec_buf_puts(&right, "reading  ");
        else if (drop < 3) lec_buf_printf(&right, "%d%%  ", lec_view_percent(t->v));
        if (drop < 1) lec_buf_puts(&right, help);
        while (right.len && right.data[right.len - 1] == ' ')
            right.data[--right.len] = 0;
        /* The count in the section only where the breadcrumb keeps room. */
        if ((int)right.len + (total && drop < 2 && here_node ? 32 : 14) <= COLS) break;
    }
    int rw = (int)lec_str_width(right.data ? right.data : "", right.len, t->ambi);
    int room = COLS - rw - 3;
    if (room < 0) room = 0;

    lec_buf_free(&addr);
    unsigned look = LOOK_STATUS;
    if (t->msg.len) {
        if (t->msg_error) look |= LOOK_ERROR;
        cut_ellipsis(t, t->msg.data, t->msg.len, room, &left);
    } else if (room > 0) {
        lec_view_breadcrumb(t->v, room, &left);
        if (!left.len) { /* before the first section: the document */
            const char *title = lec_doc_meta_get(t->doc, "title");
            if (!title || !*title) title = lec_doc_name(t->doc);
            lec_buf_put(&left, title, tui_cut(t, title, strlen(title), room, NULL));
        }
    }
    int x = tui_text(t, y, 0, COLS, " ", 1, LOOK_STATUS);
    x = tui_text(t, y, x, COLS - rw - 1, left.data ? left.data : "", left.len, look);
    tui_fill(t, y, x, COLS, LOOK_STATUS);
    if (rw && rw < COLS) tui_text(t, y, COLS - rw - 1, COLS, right.data, right.len, LOOK_STATUS);
    lec_buf_free(&right);
    lec_buf_free(&left);
    lec_buf_free(&count);
}

void tui_status_line(tui *t, const char *left, const char *right)
{
    if (LINES < 2) return;
    int y = LINES - 1;
    int rw = (int)lec_str_width(right, strlen(right), t->ambi);
    if (rw + 4 > COLS) rw = 0;
    lec_buf l = LEC_BUF_INIT;
    cut_ellipsis(t, left, strlen(left), COLS - rw - 3, &l);
    int x = tui_text(t, y, 0, COLS, " ", 1, LOOK_STATUS);
    x = tui_text(t, y, x, COLS - rw - 2, l.data ? l.data : "", l.len, LOOK_STATUS);
    lec_buf_free(&l);
    tui_fill(t, y, x, COLS, LOOK_STATUS);
    if (rw) tui_text(t, y, COLS - rw - 1, COLS, right, strlen(right), LOOK_STATUS);
}

void tui_refresh(tui *t, int cy, int cx)
{
    tui_out_flush(t->outl, cy, cy >= 0 && cx >= COLS ? COLS - 1 : cx);
}
