/*
 * fuse.h - where a heading ends when the line break after it was lost.
 *
 * Scraped speeches often read "一、落实层级责任，不断强化海关惩治和预防腐败
 * 体系共建体制海关是国家进出境监督管理机关，…": the heading 一、落实…共建体制
 * runs straight into its body 海关是…  This module finds the cut, looking
 * at all the sibling headings together (they are written in parallel), at
 * the words headings end with and bodies begin with, and at a term of the
 * heading repeated as the subject of the body.
 */
#ifndef LECTERN_FUSE_H
#define LECTERN_FUSE_H

#include <stddef.h>

typedef struct lec_fused {
    const char *s; /* the paragraph's text after the heading's marker */
    size_t len;
    /* What an earlier preview list says this heading is ("讲三个问题：一是
     * X；二是…" gives X for the first), or NULL: when the paragraph
     * begins with it, the heading ends there (LEC_CUT_SURE). */
    const char *hint;
    size_t hint_len;
} lec_fused;

/* How sure a cut is. */
enum {
    LEC_CUT_WHOLE = 0,   /* the whole paragraph is the heading (no body) */
    LEC_CUT_RUNIN = 1,   /* a sentence end close after the marker: the heading
                            is that first sentence, its punctuation included */
    LEC_CUT_SURE = 2,    /* a fused heading, cut where the cues agree */
    LEC_CUT_UNSURE = 3,  /* a fused heading, cut at the best guess */
};

/* For n sibling headings (same marker family, same parent, in order),
 * fills cut[i] with the byte offset in h[i].s where heading i ends and its
 * body begins (always at a character boundary, 0 < cut <= len), and
 * how[i] with one of the LEC_CUT_* values.
 *
 * Rules, in order:
 *  - a paragraph that begins with its hint (a preview list's item) and
 *    goes on past it is cut after it (LEC_CUT_SURE);
 *  - a paragraph of at most 40 characters with no sentence end before its
 *    last character is all heading (LEC_CUT_WHOLE);
 *  - when 。！？ (or their ASCII forms, or ；) comes within the first 40
 *    characters and text follows, the heading is that first sentence
 *    (LEC_CUT_RUNIN) -- unless most of its neighbouring siblings are
 *    fused: siblings are written alike, so it is scored as fused too and
 *    stays run-in only when no cut before that sentence end scores;
 *  - otherwise the heading is fused: every cut between the 4th and the
 *    60th character (and before the first sentence end) is scored:
 *      + the characters before it end a heading (体制 机制 体系 建设 工作 能力
 *        水平 作用 责任 格局 环境 任务 问题 质量 保障 发展 管理 制度 意识 领导 …);
 *      + the text after it begins a body (近年来 多年来 今年以来 当前 目前 长期
 *        以来 随着 为了 我们 各级 要 必须 坚持 党的十八大以来, a year such as
 *        2005年, …);
 *      + a 2-4 character term of the heading before the cut reappears right
 *        after it as the subject of the body (海关…共建体制|海关是);
 *      + parallel siblings: the cut leaves this heading in the same shape
 *        as its siblings (they share a long common run such as
 *        "海关惩治和预防腐败体系" and end the same few characters after it;
 *        they end with the same heading word);
 *      + the text after it opens as a body does in ways a heading never
 *        begins (a time clause 改革开放以来， 在…中，, the speaker 我多次
 *        强调, a quoted couplet or sentence): a strong cue;
 *    the best cut wins when it is LEC_CUT_SURE: its score reaches the bar
 *    with cues of two kinds, or a strong opener stands there and no
 *    earlier cut rivals it.  A guess is never taken (a heading cut in the
 *    wrong place is worse than none): otherwise the heading is the
 *    paragraph's first sentence, as for a run-in heading (quotes kept
 *    whole), and LEC_CUT_UNSURE (the caller says so in a comment). */
void lec_fuse_split(const lec_fused *h, size_t n, size_t *cut, int *how);

#endif
