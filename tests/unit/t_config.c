/*
 * t_config.c - the configuration file and LECTERN: every directive
 * (each option by its command-line name, color, bind, unbind, comments),
 * every error, each reported with its line while the other lines still
 * apply, and the order settings apply in (the last one wins: the file,
 * then LECTERN, then the command line, main.c's order, here by calling
 * the parsers in it).
 */
#include "lectern/config.h"
#include "lectern/keys.h"
#include "lectern/options.h"
#include "lectern/theme.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>

/* Parses text into a fresh s; returns the errors ("" when none; caller
 * frees with free()). */
static char *parse(const char *text, lec_settings *s)
{
    lec_buf errs = LEC_BUF_INIT;
    lec_settings_init(s);
    int n = lec_config_parse(text, strlen(text), s, &errs);
    int lines = 0;
    for (size_t i = 0; i < errs.len; i++) lines += errs.data[i] == '\n';
    if (lines != n) ok(0, "the error count (%d) is the lines of errors (%d)", n, lines);
    lec_buf_puts(&errs, "");
    return lec_buf_detach(&errs, NULL);
}

static void test_directives(void)
{
    lec_settings s;
    char *e = parse("# my settings\n"
                    "\n"
                    "   # indented comment\n"
                    "ambiwidth 2\n"
                    "width 100\n"
                    "mouse on\n"
                    "theme light\n"
                    "color heading 25 default bold\n"
                    "colour match black bright-yellow\n"
                    "color cursor reverse\n"
                    "bind x quit\n"
                    "bind <C-f> page-down\n"
                    "unbind Q\n",
                    &s);
    is_str(e, "", "a file of every directive: no error");
    free(e);
    is_int(s.ambi, 2, "ambiwidth 2");
    is_int(s.width, 100, "width 100");
    is_int(s.mouse, 1, "mouse on");
    is_int(s.theme, LEC_THEME_LIGHT, "theme light");
    ok((s.color_set >> LEC_EL_HEADING & 1) && s.colors[LEC_EL_HEADING].fg == 25 &&
           s.colors[LEC_EL_HEADING].bg == -1 && s.colors[LEC_EL_HEADING].attrs == LEC_S_BOLD,
       "color heading 25 default bold");
    ok(s.colors[LEC_EL_MATCH].fg == 0 && s.colors[LEC_EL_MATCH].bg == 11,
       "colour (British) match black bright-yellow");
    ok(s.colors[LEC_EL_CURSOR].fg == -1 && s.colors[LEC_EL_CURSOR].attrs == LEC_S_REVERSE,
       "color cursor reverse: colours left out are the terminal's");
    ok(!(s.color_set >> LEC_EL_CODE & 1), "code keeps the theme's");
    is_int((long)s.nbinds, 3, "three bindings, in order");
    ok(s.binds[0].nkeys == 1 && s.binds[0].keys[0] == 'x' && s.binds[0].req == LEC_REQ_QUIT &&
           s.binds[0].line == 11,
       "bind x quit, line 11");
    ok(s.binds[1].keys[0] == LEC_KEY_CTRL('f') && s.binds[1].req == LEC_REQ_PAGE_DOWN,
       "bind <C-f> page-down");
    ok(s.binds[2].keys[0] == 'Q' && s.binds[2].req == LEC_REQ_NONE, "unbind Q");
    lec_settings_free(&s);

    e = parse("mouse\nmouse off\nmouse\r\n", &s);
    is_str(e, "", "an on/off option alone is on; CR LF line ends");
    is_int(s.mouse, 1, "the last line wins");
    free(e);
    lec_settings_free(&s);
    e = parse("bind zz fold-all", &s);
    is_str(e, "", "a last line without a line end");
    ok(s.nbinds == 1 && s.binds[0].nkeys == 2, "a sequence of two keys");
    free(e);
    lec_settings_free(&s);
}

static void test_errors(void)
{
    lec_settings s;
    char *e = parse("ambiwidth 3\n"               /* 1 */
                    "colr heading red\n"          /* 2 */
                    "width\n"                     /* 3 */
                    "width 80 90\n"               /* 4 */
                    "mouse yes\n"                 /* 5 */
                    "theme sepia\n"               /* 6 */
                    "color titel red\n"           /* 7 */
                    "color heading bleu\n"        /* 8 */
                    "color heading red blue green\n" /* 9 */
                    "color heading bold red\n"    /* 10 */
                    "color heading\n"             /* 11 */
                    "bind x\n"                    /* 12 */
                    "bind x quitt\n"              /* 13 */
                    "bind <Foo> quit\n"           /* 14 */
                    "bind abcde quit\n"           /* 15 */
                    "unbind\n"                    /* 16 */
                    "ambiwidth \xff\n"            /* 17 */
                    "width 1 2 3 4 5 6 7 8 9\n"   /* 18 */
                    "bind \x1b[A quit x\n"        /* 19 */
                    "width 60\n",                 /* 20: still applies */
                    &s);
    is_str(e,
           "1: ambiwidth wants 1 or 2, not '3'\n"
           "2: 'colr' is not a setting (an option such as ambiwidth, or color, bind, unbind)\n"
           "3: width wants a number from 1 to 10000\n"
           "4: width takes one value\n"
           "5: mouse wants on or off, not 'yes'\n"
           "6: theme wants auto, dark, light or mono, not 'sepia'\n"
           "7: color: 'titel' is not an element (heading, marker, code, match, cursor, ...: "
           "see lectern(1))\n"
           "8: color heading: 'bleu' is not a colour (a name, 0-255 or default) or an attribute "
           "(bold underline reverse italic dim)\n"
           "9: color heading: 'green' is not an attribute (bold underline reverse italic dim)\n"
           "10: color heading: 'red' is not an attribute (bold underline reverse italic dim)\n"
           "11: color wants an element and its colours or attributes (color heading 25 default "
           "bold)\n"
           "12: bind wants keys and an action (bind x quit)\n"
           "13: bind x: 'quitt' is not an action (lectern --keys lists them)\n"
           "14: bind '<Foo>': a key in <...> that lectern does not know (<Tab> <C-l> <F1> "
           "<lt>...: see lectern --keys)\n"
           "15: bind 'abcde': at most 4 keys\n"
           "16: unbind wants the keys (unbind Q)\n"
           "17: not UTF-8\n"
           "18: too many words\n"
           "19: bind wants keys and an action (bind x quit)\n",
           "every error, with its line");
    free(e);
    is_int(s.width, 60, "the lines after errors still apply");
    is_int(s.ambi, 1, "a line in error changes nothing");
    ok(s.color_set == 0 && s.nbinds == 0, "no colour and no binding from lines in error");
    lec_settings_free(&s);

    e = parse("bind \x1b[A quit\n", &s);
    is_str(e, "", "an escape byte is a key like any other");
    free(e);
    lec_settings_free(&s);
    e = parse("color \x1b]0;x\x07 red\n", &s);
    ok(strchr(e, 0x1b) == NULL && strchr(e, 0x07) == NULL && strstr(e, "'?]0;x?'"),
       "a message never carries the file's control characters: %s", e);
    free(e);
    lec_settings_free(&s);
}

/* The LECTERN variable, and the order of the three. */
static void test_precedence(void)
{
    lec_settings s;
    lec_buf errs = LEC_BUF_INIT;
    char *e = parse("width 30\nambiwidth 2\ntheme light\nmouse on\n", &s);
    free(e);
    int n = lec_options_words(&s, "  --width=40 --theme mono --no-mouse\t--bogus --ambiwidth=9 "
                                  "--width",
                              &errs);
    is_int(n, 3, "LECTERN: three words in error");
    is_str(errs.data,
           "'--bogus' is not an option that can be set here\n"
           "--ambiwidth wants 1 or 2, not '9'\n"
           "--width wants a number from 1 to 10000\n",
           "each said once");
    is_int(s.width, 40, "LECTERN's width over the file's");
    is_int(s.theme, LEC_THEME_MONO, "--theme mono (a value as the next word)");
    is_int(s.mouse, 0, "--no-mouse");
    is_int(s.ambi, 2, "the file's ambiwidth stays where LECTERN's is wrong");
    lec_buf_reset(&errs);
    /* The command line last (main.c does it through getopt and the same
     * table). */
    const lec_option *o = lec_option_find("width", 5);
    ok(o && lec_option_set(&s, o, "50", "--", &errs) == 0 && s.width == 50,
       "the command line's width over LECTERN's");
    ok(lec_option_set(&s, o, "0", "--", &errs) == -1, "--width 0 is refused");
    is_str(errs.data, "--width wants a number from 1 to 10000, not '0'", "as the command line says it");
    is_int(lec_options_words(&s, "toc --toc --print=1", &errs), 3,
           "LECTERN takes no mode and no word without --");
    ok(lec_option_find("theme", 5) && !lec_option_find("them", 4), "options by their whole name");
    lec_buf_free(&errs);
    lec_settings_free(&s);
}

int main(void)
{
    test_directives();
    test_errors();
    test_precedence();
    return tap_done();
}
