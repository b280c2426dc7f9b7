/*
 * head.h - the head of a speech or report scraped from a news site: the
 * few lines before the body that carry its title, author, source, date,
 * occasion and speaker.
 *
 *     胡玉敏 党风廉政建设是海关工作的永恒主题          (NBSP between name and title)
 *     来源:人民网 更新时间:2012-04-14
 *     在…研讨会上的讲话
 *     海关总署党组成员、中纪委驻署纪检组组长 胡玉敏
 *     各位领导、同志们:                              <- the body begins here
 *
 * Pure functions over UTF-8 lines; no allocation except the meta list.
 */
#ifndef LECTERN_HEAD_H
#define LECTERN_HEAD_H

#include <stddef.h>

#include "lectern/frontmatter.h"

/* A line of text, without its line ending, trimmed of leading and
 * trailing white space (ASCII, U+3000, NBSP). */
typedef struct lec_head_line {
    const char *s;
    size_t len;
} lec_head_line;

/* Reads the head from the first non-blank lines of a document (lines[0]
 * is the first one; at most 12 are looked at).  Returns how many of them
 * belong to the head (0 when the document starts with its body).  Appends
 * what it recognises to *meta, with these keys, each at most once:
 *   title     the title line, without an author name in front of it
 *             ("胡玉敏 题目" / "胡玉敏：题目" give author 胡玉敏) or a date and
 *             occasion fused after it ("政府工作报告——2024年3月5日在…会议上")
 *   author    that name; else the speaker's name
 *   source    from 来源：X (also 来源: with an ASCII colon)
 *   date      from 更新时间： 发布时间： 日期： 时间：, a bare date line
 *             ("2012-04-14", "2024年3月5日", "（2018年1月2日）"), or a date
 *             in the title or occasion line
 *   occasion  "在…上的讲话/报告/致辞/发言" (leading —— and brackets removed)
 *   speaker   a short line "职务 姓名" ending in a 2-4 character name after
 *             a space (spaces collapsed to one ASCII space)
 * The head ends before the first line that is a salutation (同志们： 各位代表：
 * …), begins with a numbering marker, has a sentence end (。！？, or ! ? .
 * ending the line, but not "S." or "D.C."), ends with a clause mark
 * (，；、： , ; :) or is longer than 60 characters.  A line of the head that
 * says none of these things is still part of the head when it is short
 * (it stays in the text, the caller keeps every line), but the head never
 * spans more than 8 lines; when no such end is found within them (or the
 * text ends), the head stops after the last line that said something.
 * *title_line (when not NULL) receives the index of the title line, or
 * -1. */
size_t lec_head_parse(const lec_head_line *lines, size_t n, lec_meta_list *meta, int *title_line);

/* Nonzero when the line is a salutation that opens a speech's body:
 * short (at most 30 characters; 80 for English), ends with ：or : (or ！
 * for 同志们！; , for English), and names an audience (同志们 代表 朋友们
 * 女士们 先生们 来宾 各位 领导 老师 同学 …, nothing else: 领导讲话： is not one;
 * or English "Mr." "fellow citizens" "Ladies and gentlemen"). */
int lec_head_is_salutation(const char *s, size_t len);

#endif
