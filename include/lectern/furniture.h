/*
 * furniture.h - what a scraped record says about itself outside a head:
 * its dateline, its newspaper footer, the note after ※, and a title run
 * into its byline.
 *
 * Records copied from a news site often have no title line: the title
 * runs into the byline and the body ("构建…体系 为…提供保障习近平2018年1月，
 * 我在…"), and what a head would say stands elsewhere:
 *
 *     新华社北京8月24日电 / （新华社北京8月24日电）   place and date
 *     《 人民日报 》（ 2020年08月25日 02 版）        source and date
 *     ※这是习近平总书记2020年9月28日在…时的讲话。   speaker, date, occasion
 *
 * These become metadata; the text keeps them as they are.  Pure
 * functions over UTF-8 text.
 */
#ifndef LECTERN_FURNITURE_H
#define LECTERN_FURNITURE_H

#include <stddef.h>

#include "lectern/frontmatter.h"

/* Reads the furniture of text[0..len) (the record's paragraphs one after
 * another; first is the length of its first paragraph) into *meta, adding
 * only keys it does not have yet:
 *   source    the paper of a footer 《 X 》（ date NN 版）
 *   date      the date of a ※ note, else of a dateline (the year from a
 *             footer), else of a footer; as YYYY-MM-DD when the year is
 *             known
 *   place     the place of a dateline
 *   speaker, author   the name a ※ note gives (…这是习近平总书记…)
 *   occasion  what a ※ note says the speech was given at (在X上的讲话,
 *             在X时的讲话: X)
 *   title     when the first paragraph begins with a title run into the
 *             byline: the text before ※NAME, or before the note's speaker
 *             name, when it is 6 to 60 characters with no sentence mark */
void lec_furniture_read(const char *text, size_t len, size_t first, lec_meta_list *meta);

#endif
