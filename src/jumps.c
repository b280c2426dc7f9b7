/*
 * jumps.c - the jump list and the marks (jumps.h), vim's rules: a jump
 * appends the place it leaves, dropping an older entry for the same
 * place; Ctrl-O at the end of the list records where it starts from.
 */
#include "lectern/jumps.h"

#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>

struct lec_jumps {
    lec_vpos list[LEC_JUMPS_MAX];
    int n;   /* entries */
    int at;  /* the current entry; n: past the end */
    lec_vpos last; /* where '' goes */
    int has_last;
    lec_vpos marks[LEC_MARKS];
    unsigned set; /* bit k: marks[k] is set */
};

lec_jumps *lec_jumps_new(void)
{
    return lec_xcalloc(1, sizeof(lec_jumps));
}

void lec_jumps_free(lec_jumps *j)
{
    free(j);
}

/* The same place: the same row of the same paragraph (where on the
 * screen it was does not matter). */
static int same(lec_vpos a, lec_vpos b)
{
    return a.src == b.src && a.chr == b.chr;
}

/* Appends p, dropping an older entry for the same place and, when the
 * list is full, the oldest. */
static void append(lec_jumps *j, lec_vpos p)
{
    for (int i = 0; i < j->n; i++) {
        if (!same(j->list[i], p)) continue;
        memmove(&j->list[i], &j->list[i + 1], (size_t)(j->n - i - 1) * sizeof *j->list);
        j->n--;
        break;
    }
    if (j->n == LEC_JUMPS_MAX) {
        memmove(&j->list[0], &j->list[1], (size_t)(j->n - 1) * sizeof *j->list);
        j->n--;
    }
    j->list[j->n++] = p;
}

void lec_jumps_push(lec_jumps *j, lec_vpos from)
{
    append(j, from);
    j->at = j->n;
    j->last = from;
    j->has_last = 1;
}

int lec_jumps_back(lec_jumps *j, lec_vpos here, lec_vpos *to)
{
    if (j->n == 0) return 0;
    if (j->at >= j->n) {
        /* Leaving the end: here is the place Ctrl-I comes back to. */
        append(j, here);
        j->at = j->n - 1;
    }
    if (j->at == 0) return 0;
    *to = j->list[--j->at];
    return 1;
}

int lec_jumps_forward(lec_jumps *j, lec_vpos *to)
{
    if (j->at + 1 >= j->n) return 0;
    *to = j->list[++j->at];
    return 1;
}

int lec_jumps_last(lec_jumps *j, lec_vpos here, lec_vpos *to)
{
    if (!j->has_last) return 0;
    *to = j->last;
    lec_jumps_push(j, here);
    return 1;
}

int lec_jumps_mark(lec_jumps *j, int letter, lec_vpos at)
{
    if (letter < 'a' || letter > 'z') return 0;
    j->marks[letter - 'a'] = at;
    j->set |= 1u << (letter - 'a');
    return 1;
}

int lec_jumps_mark_get(const lec_jumps *j, int letter, lec_vpos *out)
{
    if (letter < 'a' || letter > 'z' || !(j->set & (1u << (letter - 'a')))) return 0;
    *out = j->marks[letter - 'a'];
    return 1;
}
