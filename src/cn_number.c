/*
 * cn_number.c - the value of a Chinese numeral (十二, 二十三, 一百零五) at
 * the start of a text, as the marker families and 第…条 read it.
 *
 * Kept apart from marker.c, which recognises the markers themselves: this
 * reader knows nothing of families.  Reads never look past n; a bad byte
 * reads as no numeral character.
 */
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <stdint.h>

/* Code point at s[i..n), its length in *len; -1 at the end (len 0) or for
 * a malformed sequence, which matches no numeral character. */
static inline long cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    int32_t cp;
    if (i >= n) {
        *len = 0;
        return -1;
    }
    *len = (size_t)lec_utf8_decode_strict(s + i, n - i, &cp);
    return cp;
}

/* What cp is in a Chinese numeral: its digit (零 〇 0, 一 1 … 九 9, 两 2),
 * 10, 100 or 1000 for 十 百 千, else -1.  One look in a table indexed by a
 * multiplicative hash of cp (the fifteen characters take fifteen slots of
 * 32): a chain of compares for each character of each numeral read was a
 * twentieth of a cold --list.  A slot holds its value + 1 (0: empty). */
static int numeral(long cp)
{
    static const struct {
        int32_t cp;
        int16_t value1;
    } slot[32] = {
        [3] = {0x5341, 11},   /* 十 */
        [5] = {0x4E03, 8},    /* 七 */
        [6] = {0x5343, 1001}, /* 千 */
        [8] = {0x516B, 9},    /* 八 */
        [10] = {0x4E94, 6},   /* 五 */
        [11] = {0x516D, 7},   /* 六 */
        [12] = {0x4E24, 3},   /* 两 */
        [13] = {0x3007, 1},   /* 〇 */
        [14] = {0x767E, 101}, /* 百 */
        [15] = {0x4E09, 4},   /* 三 */
        [16] = {0x4E00, 2},   /* 一 */
        [25] = {0x96F6, 1},   /* 零 */
        [26] = {0x56DB, 5},   /* 四 */
        [28] = {0x4E8C, 3},   /* 二 */
        [29] = {0x4E5D, 10},  /* 九 */
    };
    uint32_t h = (uint32_t)cp * 0x8D88348Bu >> 27;
    return slot[h].cp == cp ? slot[h].value1 - 1 : -1;
}

int lec_cn_number(const char *s, size_t n, size_t *used)
{
    size_t i = 0, good = 0, len;
    long total = 0, cp;
    int cur = -1;     /* a digit not yet multiplied by a unit */
    int unit = 10000; /* the last unit taken: units must fall */
    int zero = 0;     /* 零 after 千 or 百: the next digit skips a place */
    int d;

    for (;;) {
        cp = cp_at(s, n, i, &len);
        d = numeral(cp);
        if (d == 0) {
            if (i == 0) { /* a lone 零 or 〇 */
                *used = len;
                return 0;
            }
            /* 一百零五, 一千零五十: after 千 or 百, once; this also stops
             * 二〇二四 (a year spelt digit by digit) */
            if (cur >= 0 || unit > 1000 || unit == 10 || zero) break;
            zero = 1;
            i += len; /* not "good" until a digit follows */
        } else if (d > 0 && d < 10) {
            if (cur >= 0) break; /* 一二 is two numbers */
            cur = d;
            i += len;
            good = i;
        } else if (d == 10) { /* 十 */
            /* 十 alone leads (十二); after 百 it needs a digit (一百一十) */
            if (unit <= 10 || (cur < 0 && i != 0)) break;
            total += (cur < 0 ? 1 : cur) * 10;
            cur = -1, unit = 10;
            i += len;
            good = i;
        } else if (d == 100 || d == 1000) { /* 百 千 */
            int u = d;
            if (cur < 0 || unit <= u || zero) break;
            total += cur * u;
            cur = -1, unit = u;
            i += len;
            good = i;
        } else {
            break;
        }
    }
    if (good == 0) {
        *used = 0;
        return -1;
    }
    if (cur >= 0) {
        /* 一百零五 = 105, but colloquial 一百五 = 150 */
        if (zero || unit == 10000 || unit == 10)
            total += cur;
        else
            total += cur * (unit / 10);
    }
    *used = good;
    return (int)total;
}
