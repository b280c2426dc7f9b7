/*
 * t_frontmatter.c - the metadata block at the top of a document.
 */
#include "../tap.h"
#include "lectern/frontmatter.h"

static void test_basic(void)
{
    const char *s = "---\ntitle: 在全县大会上的讲话\nauthor: \"沈知言\"\ndate：2026-03-18\n---\n# 正文\n";
    lec_meta_list m = {0};
    size_t bs, be;
    size_t n = lec_frontmatter_parse(s, strlen(s), &m, &bs, &be);
    is_int(n, strlen("---\ntitle: 在全县大会上的讲话\nauthor: \"沈知言\"\ndate：2026-03-18\n---\n"),
           "block length covers the closing fence");
    is_int(m.count, 3, "three entries");
    is_str(lec_meta_get(&m, "title"), "在全县大会上的讲话", "title");
    is_str(lec_meta_get(&m, "author"), "沈知言", "quotes removed");
    is_str(lec_meta_get(&m, "date"), "2026-03-18", "full-width colon accepted");
    is_int(bs, 4, "body starts after the opening fence");
    is_int(be, n - 4, "body ends before the closing fence");
    is_str(lec_meta_get(&m, "speaker"), NULL, "absent key");
    lec_meta_free(&m);
}

static void test_crlf_and_dots(void)
{
    const char *s = "---\r\nsource: 人民网\r\noccasion: 在…上的讲话\r\n...\r\nbody";
    lec_meta_list m = {0};
    size_t n = lec_frontmatter_parse(s, strlen(s), &m, NULL, NULL);
    is_int(n, strlen(s) - 4, "CRLF block with a '...' closing fence");
    is_str(lec_meta_get(&m, "source"), "人民网", "no carriage return in values");
    is_str(lec_meta_get(&m, "occasion"), "在…上的讲话", "second value");
    lec_meta_free(&m);
}

static void test_not_front_matter(void)
{
    lec_meta_list m = {0};
    const char *unclosed = "---\ntitle: x\n\nSome text\n";
    is_int(lec_frontmatter_parse(unclosed, strlen(unclosed), &m, NULL, NULL), 0,
           "never closed: not front matter");
    const char *rule = "text\n---\n";
    is_int(lec_frontmatter_parse(rule, strlen(rule), &m, NULL, NULL), 0, "must start the file");
    const char *only = "---\n";
    is_int(lec_frontmatter_parse(only, strlen(only), &m, NULL, NULL), 0, "a lone fence");
    /* CommonMark's example 96: a setext heading between rules. */
    const char *setext = "---\nFoo\n---\nBar\n---\n";
    is_int(lec_frontmatter_parse(setext, strlen(setext), &m, NULL, NULL), 0,
           "no key: value line: not front matter (12.12)");
    const char *empty = "---\n---\n# T\n";
    is_int(lec_frontmatter_parse(empty, strlen(empty), &m, NULL, NULL), 0,
           "nothing between the fences: not front matter");
    const char *junk = "---\n- a\n  b\n...\n";
    is_int(lec_frontmatter_parse(junk, strlen(junk), &m, NULL, NULL), 0,
           "only lines that are no pair: not front matter");
    is_int(m.count, 0, "nothing recorded");
    lec_meta_free(&m);
}

static void test_continuation_and_junk(void)
{
    const char *s = "---\ntitle: 一个很长的\n  标题\n- not a pair\nspeaker: 县长 张三\n---\n";
    lec_meta_list m = {0};
    size_t n = lec_frontmatter_parse(s, strlen(s), &m, NULL, NULL);
    is_int(n, strlen(s), "whole block");
    is_str(lec_meta_get(&m, "title"), "一个很长的 标题", "indented line continues the value");
    is_str(lec_meta_get(&m, "speaker"), "县长 张三", "value with a space");
    is_int(m.count, 2, "the line that is no pair is not an entry");
    lec_meta_set(&m, "title", 5, "新", 3, 1);
    is_str(lec_meta_get(&m, "title"), "新", "replace");
    is_int(m.count, 2, "replace adds nothing");
    lec_meta_free(&m);
}

int main(void)
{
    test_basic();
    test_crlf_and_dots();
    test_not_front_matter();
    test_continuation_and_junk();
    return tap_done();
}
