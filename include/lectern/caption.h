/*
 * caption.h - photo captions pasted into the running text of a scraped
 * news page.
 *
 * A page's photos lose their place when the text is copied, and their
 * captions end up inside the speech, often with no line break on either
 * side:
 *
 *     …坚定文化自信。2020年9月22日，…主持召开座谈会。 新华社记者 张三/摄一、充分认识…
 *                   |<------------- caption ------------------------------>|
 *
 * A credit ends a caption: 新华社记者 张三/摄, 张三 摄, （新华社记者 张三 摄）,
 * 新华社发 张三/摄, 新华社发.  The caption begins at a sentence start before
 * it that opens as captions do (a date with its day, 这是, 图为), at most a
 * few sentences back; with no such opening, the last sentence when it
 * tells of a photo (考察 出席 看望 …), else the credit alone.
 *
 * Pure functions over UTF-8 text; nothing is allocated.
 */
#ifndef LECTERN_CAPTION_H
#define LECTERN_CAPTION_H

#include <stddef.h>

typedef struct lec_caption {
    size_t start; /* first byte of the caption (of its credit when nothing else is one) */
    size_t end;   /* the byte after the credit */
} lec_caption;

/* Finds the first caption of the paragraph s[0..n) whose credit ends
 * after offset from; returns 1 and fills *c, or 0 when there is none.
 * Captions never reach back before from, so calling again with from =
 * c->end walks a paragraph's captions in order. */
int lec_caption_next(const char *s, size_t n, size_t from, lec_caption *c);

#endif
