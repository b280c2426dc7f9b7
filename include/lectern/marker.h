/*
 * marker.h - recognising numbering markers: 一、 （一） 1. （1） ① 一是 第一，
 * 第一部分 First, I. and the rest of the families of Chinese and English
 * speeches (see ../shared/docs/chinese-text.md, section 1).
 *
 * Pure functions over UTF-8 text.  A scan only says "this text begins with
 * a marker of family F and ordinal N"; whether it really numbers a point is
 * decided later by sequence validation (outline.h), which sees its
 * neighbours.  The guards here are the ones a single position can decide:
 * 一、二线城市, 1.5亿, 3.5%, 一是一, 第一次, 第一书记, 其一生 never scan as markers.
 */
#ifndef LECTERN_MARKER_H
#define LECTERN_MARKER_H

#include <stddef.h>

typedef enum lec_family {
    LEC_FAM_NONE = 0,
    LEC_FAM_PART,       /* 第一部分 第一篇 第一编 */
    LEC_FAM_SUBPART,    /* 第一分编 */
    LEC_FAM_CHAPTER,    /* 第一章 */
    LEC_FAM_SECTION,    /* 第一节 */
    LEC_FAM_ARTICLE,    /* 第一条  第十七条之一 */
    LEC_FAM_EN_ARTICLE, /* Article 12  ARTICLE IV */
    LEC_FAM_EN_SECTION, /* Section 5  SEC. 2. */
    LEC_FAM_QUESTION,   /* 第一个问题：  第一个方面， */
    LEC_FAM_ROMAN,      /* I.  II.  IV. */
    LEC_FAM_CN,         /* 一、 (also 一． 一.) */
    LEC_FAM_CN_PAREN,   /* （一） (一) ㈠ */
    LEC_FAM_NUM,        /* 1.  1、  １．  ⒈ */
    LEC_FAM_NUM_PAREN,  /* （1） (1) ⑴ */
    LEC_FAM_NUM_RPAREN, /* 1） 1) */
    LEC_FAM_CIRCLED,    /* ① ㉑ ㊱ */
    LEC_FAM_SHI,        /* 一是 */
    LEC_FAM_YAO,        /* 一要 */
    LEC_FAM_DI,         /* 第一，  第一、  第一： */
    LEC_FAM_QI,         /* 其一， */
    LEC_FAM_SEQ,        /* 首先， 其次， 再次， 最后， (only as a set) */
    LEC_FAM_EN,         /* First, Second, ... Tenth,  Firstly,  Finally, */
    LEC_FAM_LIST,       /* an item of a Markdown ordered list (set by the caller) */
    LEC_FAM_COUNT
} lec_family;

/* Where the text comes from; decides which families may start there. */
enum {
    LEC_MARK_BLOCK = 0,   /* start of a paragraph or list item: every family */
    LEC_MARK_HEADING = 1, /* start of a heading's text: every family */
    LEC_MARK_INLINE = 2,  /* after a clause boundary (。；！？：) inside a paragraph:
                             only run-in families (SHI YAO DI QI SEQ EN CN_PAREN
                             NUM_PAREN CIRCLED) */
};

typedef struct lec_marker {
    lec_family family;
    int ordinal; /* 1, 2, ...; 0 means "the last one" (最后, Finally) */
    size_t skip; /* bytes of white space (ASCII, U+3000, NBSP, ZWSP, BOM) before it */
    size_t len;  /* bytes of the marker as written, with the punctuation that
                    belongs to it: "一、" "（一）" "1." "第一，" "第一个问题：" "一是" "First," */
    size_t title; /* offset (from the start of the text) where the title begins:
                     after the marker, white space and stray separators (、，,.) */
    int sub;      /* an inserted article's second number: 2 in 第十七条之二, else 0 */
    int apart;    /* nonzero when white space, punctuation or the end of the text
                     follows the marker (第三条　本法…, not the reference 第三条规定…) */
} lec_marker;

/* Scans the start of s[0..n) for a marker.  Returns 1 and fills *m when one
 * is found, 0 otherwise (then *m is zeroed). */
int lec_marker_scan(const char *s, size_t n, int ctx, lec_marker *m);

/* A bare numeral 一 二 … 十二 at the start of s (after white space), as
 * excerpt compilations (摘编) number their parts right after an excerpt's
 * citation: followed by the end, a blank or an ideograph it makes no word
 * with (not 一些 一切 三个 二十 …).  Fills *m as lec_marker_scan does (family
 * LEC_FAM_CN, marker = the numeral).  Only the caller knows whether the
 * place allows one; lec_marker_scan never gives it, but in a heading
 * (LEC_MARK_HEADING) it reads "一" alone or "一 标题" as this marker. */
int lec_marker_bare(const char *s, size_t n, lec_marker *m);

/* 1 when no text that begins with s[0..n), whatever follows, scans as a
 * marker in LEC_MARK_BLOCK (lec_marker_scan gives 0); 0 when it cannot
 * tell.  It tells from the first character after the white space when no
 * family begins with it ("the", "我们"; not "第", "一", "("), or from a
 * first Latin word that ends inside s and that no family begins with
 * ("The ", not "First ", "Sec " nor "The" that may go on).  So scan.c
 * passes over a paragraph whose markup comes after its start without
 * parsing it. */
int lec_marker_never(const char *s, size_t n);

/* Value of the Chinese numeral at the start of s (一 二 … 十 百 零 〇 两 and
 * combinations such as 十二, 二十, 二十三, 一百零五, 一千二百六十) and its length in bytes in
 * *used; -1 (and *used = 0) when s does not start with one. */
int lec_cn_number(const char *s, size_t n, size_t *used);

/* Length in bytes of a point's lead sentence in s[0..n): up to (not
 * including) the first 。；！？： or their ASCII forms ; ! ? : (':' not between
 * two digits), or ". " after a letter (English).  Stops at a newline too.
 * Returns n when there is no terminator. */
size_t lec_lead_sentence(const char *s, size_t n);

/* Nesting rank of a family: a point may hold points of families with a
 * greater rank only.  Follows GB/T 9704 and the divisions of a law (编 >
 * 分编 > 章 > 节 > 条 > 一、 > （一） > 1. > （1） > ①), with the run-in
 * enumerations (一是 一要 第一， 其一 首先 First,) all at one rank below ①,
 * and Markdown list items below that.  Ranks are multiples of 10, so that
 * the outline can place a document's own divisions between two of them
 * (outline.c); Section ranks with 节 and Article with 条. */
int lec_family_rank(lec_family f);

/* Nonzero when a title written after marker m[0..n) needs a space: the
 * marker ends in a letter (一是, 第三条) or in ASCII (1. First, I.), not in
 * Chinese punctuation, which has its own room (一、 （一） 第一，). */
int lec_marker_spaced(const char *m, size_t n);

/* Nonzero for the families whose numbers run through a whole document
 * rather than restarting under each parent: the divisions of a law (编 分编
 * 章 节 条) and Article, Section. */
int lec_family_document_wide(lec_family f);

/* A short ASCII name for messages and tests: "cn", "cn-paren", "shi" ... */
const char *lec_family_name(lec_family f);

#endif
