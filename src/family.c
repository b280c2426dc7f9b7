/*
 * family.c - what is known of each numbering family apart from its
 * markers (marker.c): its rank among the levels of a text, whether it
 * numbers the whole document, and its name in --dump and the tests.
 */
#include "lectern/marker.h"

int lec_family_rank(lec_family f)
{
    static const int rank[LEC_FAM_COUNT] = {
        [LEC_FAM_NONE] = 990,      [LEC_FAM_PART] = 10,       [LEC_FAM_SUBPART] = 15,
        [LEC_FAM_CHAPTER] = 20,    [LEC_FAM_SECTION] = 30,    [LEC_FAM_EN_SECTION] = 30,
        [LEC_FAM_ARTICLE] = 40,    [LEC_FAM_EN_ARTICLE] = 40, [LEC_FAM_QUESTION] = 50,
        [LEC_FAM_ROMAN] = 50,      [LEC_FAM_CN] = 50,         [LEC_FAM_CN_PAREN] = 60,
        [LEC_FAM_NUM] = 70,        [LEC_FAM_NUM_PAREN] = 80,  [LEC_FAM_NUM_RPAREN] = 80,
        [LEC_FAM_CIRCLED] = 90,    [LEC_FAM_SHI] = 100,       [LEC_FAM_YAO] = 100,
        [LEC_FAM_DI] = 100,        [LEC_FAM_QI] = 100,        [LEC_FAM_SEQ] = 100,
        [LEC_FAM_EN] = 100,        [LEC_FAM_LIST] = 110,
    };

    return (int)f >= 0 && (int)f < LEC_FAM_COUNT ? rank[f] : 990;
}

int lec_family_document_wide(lec_family f)
{
    switch (f) {
    case LEC_FAM_PART:
    case LEC_FAM_SUBPART:
    case LEC_FAM_CHAPTER:
    case LEC_FAM_SECTION:
    case LEC_FAM_ARTICLE:
    case LEC_FAM_EN_ARTICLE:
    case LEC_FAM_EN_SECTION:
        return 1;
    default:
        return 0;
    }
}

const char *lec_family_name(lec_family f)
{
    static const char *const name[LEC_FAM_COUNT] = {
        [LEC_FAM_NONE] = "none",
        [LEC_FAM_PART] = "part",
        [LEC_FAM_SUBPART] = "subpart",
        [LEC_FAM_EN_ARTICLE] = "en-article",
        [LEC_FAM_EN_SECTION] = "en-section",
        [LEC_FAM_CHAPTER] = "chapter",
        [LEC_FAM_SECTION] = "section",
        [LEC_FAM_ARTICLE] = "article",
        [LEC_FAM_QUESTION] = "question",
        [LEC_FAM_ROMAN] = "roman",
        [LEC_FAM_CN] = "cn",
        [LEC_FAM_CN_PAREN] = "cn-paren",
        [LEC_FAM_NUM] = "num",
        [LEC_FAM_NUM_PAREN] = "num-paren",
        [LEC_FAM_NUM_RPAREN] = "num-rparen",
        [LEC_FAM_CIRCLED] = "circled",
        [LEC_FAM_SHI] = "shi",
        [LEC_FAM_YAO] = "yao",
        [LEC_FAM_DI] = "di",
        [LEC_FAM_QI] = "qi",
        [LEC_FAM_SEQ] = "seq",
        [LEC_FAM_EN] = "en",
        [LEC_FAM_LIST] = "list",
    };

    return (int)f >= 0 && (int)f < LEC_FAM_COUNT ? name[f] : "none";
}
