/*
 * t_jumps.c - the jump list and the marks (jumps.h): vim's order of
 * Ctrl-O and Ctrl-I, '' back and forth, marks by letter; and the OSC 52
 * sequence (clip.h).
 */
#include "../tap.h"
#include "lectern/clip.h"
#include "lectern/jumps.h"

#include <stdlib.h>

static lec_vpos at(uint32_t src)
{
    lec_vpos p = {src, 0, 3};
    return p;
}

static void test_jumps(void)
{
    lec_jumps *j = lec_jumps_new();
    lec_vpos to = at(999);
    ok(!lec_jumps_back(j, at(1), &to), "Ctrl-O with no jumps: nowhere to go");
    ok(!lec_jumps_last(j, at(1), &to), "'' before any jump: nowhere");
    /* Jumps from 10 to 20, from 20 to 30, from 30 to 40. */
    lec_jumps_push(j, at(10));
    lec_jumps_push(j, at(20));
    lec_jumps_push(j, at(30));
    ok(lec_jumps_back(j, at(40), &to) && to.src == 30, "Ctrl-O at 40: back to 30");
    ok(lec_jumps_back(j, at(30), &to) && to.src == 20, "Ctrl-O again: 20");
    ok(lec_jumps_back(j, at(20), &to) && to.src == 10, "and 10");
    ok(!lec_jumps_back(j, at(10), &to), "nothing before the first");
    ok(lec_jumps_forward(j, &to) && to.src == 20, "Ctrl-I: 20");
    ok(lec_jumps_forward(j, &to) && to.src == 30, "Ctrl-I: 30");
    ok(lec_jumps_forward(j, &to) && to.src == 40, "Ctrl-I: back to where Ctrl-O began");
    ok(!lec_jumps_forward(j, &to), "nothing after it");
    is_int(to.screen_row, 3, "a place keeps its screen row");

    /* '' goes back to where the last jump started, and back again. */
    lec_jumps_push(j, at(40)); /* from 40 to 50 */
    ok(lec_jumps_last(j, at(50), &to) && to.src == 40, "'' at 50: 40");
    ok(lec_jumps_last(j, at(40), &to) && to.src == 50, "'' again: 50");
    ok(lec_jumps_last(j, at(50), &to) && to.src == 40, "and 40 again");

    /* The same place is in the list once. */
    lec_jumps *k = lec_jumps_new();
    lec_jumps_push(k, at(1));
    lec_jumps_push(k, at(2));
    lec_jumps_push(k, at(1));
    ok(lec_jumps_back(k, at(3), &to) && to.src == 1, "Ctrl-O: the latest jump from 1");
    ok(lec_jumps_back(k, at(1), &to) && to.src == 2, "then 2");
    ok(!lec_jumps_back(k, at(2), &to), "and 1 is not there twice");
    lec_jumps_free(k);

    /* Only the latest LEC_JUMPS_MAX are kept. */
    k = lec_jumps_new();
    for (uint32_t i = 0; i < LEC_JUMPS_MAX + 50; i++) lec_jumps_push(k, at(i));
    int n = 0;
    while (lec_jumps_back(k, at(100000), &to)) n++;
    is_int(n, LEC_JUMPS_MAX - 1, "the list keeps the latest %d (where Ctrl-O began among them)",
           LEC_JUMPS_MAX);
    is_int(to.src, 51, "the oldest dropped first");
    lec_jumps_free(k);

    /* Marks. */
    ok(lec_jumps_mark(j, 'a', at(77)), "m a");
    ok(!lec_jumps_mark(j, 'A', at(1)) && !lec_jumps_mark(j, '1', at(1)), "only a to z");
    ok(lec_jumps_mark_get(j, 'a', &to) && to.src == 77, "' a");
    ok(!lec_jumps_mark_get(j, 'b', &to), "' b: not set");
    lec_jumps_mark(j, 'a', at(88));
    ok(lec_jumps_mark_get(j, 'a', &to) && to.src == 88, "m a again moves it");
    lec_jumps_free(j);
}

/* Decodes base64 (for the check). */
static size_t unbase64(const char *s, char *out)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = 0;
    unsigned v = 0;
    int bits = 0;
    for (; *s && *s != '='; s++) {
        const char *p = strchr(t, *s);
        if (!p) break;
        v = v << 6 | (unsigned)(p - t);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (char)(v >> bits & 255);
        }
    }
    return n;
}

static void test_osc52(void)
{
    lec_buf b = LEC_BUF_INIT;
    lec_base64("", 0, &b);
    is_str(b.data, "", "base64 of nothing");
    static const struct {
        const char *in, *out;
    } rfc[] = {{"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
               {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (size_t i = 0; i < sizeof rfc / sizeof *rfc; i++) {
        lec_buf_reset(&b);
        lec_base64(rfc[i].in, strlen(rfc[i].in), &b);
        is_str(b.data, rfc[i].out, "base64 of %s (RFC 4648)", rfc[i].in);
    }
    /* Every byte value, Chinese text and controls: the payload decodes
     * to exactly the bytes, and the sequence holds nothing else. */
    char all[300], back[300];
    for (int i = 0; i < 256; i++) all[i] = (char)i;
    memcpy(all + 256, "二、狠抓\033]0;x\a\n", 16);
    lec_buf_reset(&b);
    lec_osc52(all, 272, &b);
    ok(b.len == lec_osc52_size(272), "lec_osc52_size is the sequence's length");
    ok(!strncmp(b.data, "\033]52;c;", 7) && b.data[b.len - 1] == '\a', "ESC ] 52 ; c ; ... BEL");
    int clean = 1;
    for (size_t i = 7; i + 1 < b.len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", b.data[i]))
            clean = 0;
    ok(clean, "the payload is base64 alone: no document byte reaches the terminal");
    b.data[b.len - 1] = 0;
    size_t n = unbase64(b.data + 7, back);
    ok(n == 272 && memcmp(back, all, 272) == 0, "it decodes to exactly the bytes given");
    lec_buf_free(&b);
    ok(lec_osc52_size(74000) < LEC_OSC52_MAX && lec_osc52_size(75000) > LEC_OSC52_MAX,
       "the limit is some 74 000 bytes of text");
}

int main(void)
{
    test_jumps();
    test_osc52();
    return tap_done();
}
