/*
 * t_addr.c - addresses: dotted positions and marker paths.
 */
#include "../tap.h"
#include "lectern/addr.h"
#include "lectern/doc.h"

#include <stdlib.h>

static const char md[] = "# 标题\n\n"
                         "## 引言\n\n"
                         "## 一、落实责任\n\n"
                         "## 二、狠抓同步\n\n"
                         "一是同步推进。\n\n二是同步防控。\n\n三是同步斗争。\n\n四是同步落实。\n\n"
                         "## 三、注重创新\n\n"
                         "### （一）信息化\n\n1、建设平台。\n\n2、应用系统。\n\n"
                         "### （二）共建\n";

static lec_doc *doc;

/* "marker|title" of what addr resolves to, or "none: <near>". */
static char *resolve(const char *addr)
{
    lec_buf near = LEC_BUF_INIT, out = LEC_BUF_INIT;
    uint32_t id = lec_addr_resolve(doc, addr, 0, &near);
    if (id == LEC_NONE) {
        lec_buf_printf(&out, "none: %s", near.data ? near.data : "");
    } else {
        size_t ml, tl;
        const char *m = lec_node_marker(doc, id, &ml), *t = lec_node_title(doc, id, &tl);
        lec_buf_printf(&out, "%.*s|%.*s", (int)ml, m, (int)tl, t);
    }
    lec_buf_free(&near);
    return lec_buf_detach(&out, NULL);
}

static void check(const char *addr, const char *want)
{
    char *got = resolve(addr);
    is_str(got, want, "address '%s'", addr);
    free(got);
}

static void check_addr_of(uint32_t id, const char *want)
{
    lec_buf b = LEC_BUF_INIT;
    lec_addr_of(doc, id, &b);
    is_str(b.data ? b.data : "", want, "address of node %u", id);
    lec_buf_free(&b);
}

int main(void)
{
    doc = lec_doc_new(strdup(md), strlen(md), "a.md");

    check("1", "|引言");
    check("3", "二、|狠抓同步");
    check("3.4", "四是|同步落实");
    check("4.1.2", "2、|应用系统");
    check("二/四是", "四是|同步落实");
    check("二/四", "四是|同步落实");
    check("2/4", "四是|同步落实");
    check("2", "一、|落实责任");
    check("三/一/2", "2、|应用系统");
    check("三/（二）", "（二）|共建");
    check("三/(二)", "（二）|共建");
    check("３/一/２、", "2、|应用系统");
    check("引言", "|引言");
    check("三/信息", "（一）|信息化");
    check("结语", "none: 1 引言 … 4 三、注重创新");

    /* Unknown addresses name what exists near them. */
    check("3.9", "none: 3.1 一是同步推进 … 3.4 四是同步落实, 3 二、狠抓同步");
    check("9", "none: 1 引言 … 4 三、注重创新");
    check("二/九是", "none: 3.1 一是同步推进 … 3.4 四是同步落实, 3 二、狠抓同步");
    check("2.1", "none: 2 一、落实责任");
    check("", "none: 1 引言 … 4 三、注重创新");
    check("0", "none: 1 引言 … 4 三、注重创新");
    check("3..1", "none: 3.1 一是同步推进 … 3.4 四是同步落实, 3 二、狠抓同步");

    check_addr_of(1, "1");
    check_addr_of(5, "3.2");
    check_addr_of(lec_doc_node_count(doc) - 1, "4.2");
    check_addr_of(0, "");

    lec_buf near = LEC_BUF_INIT;
    uint32_t sec = lec_addr_resolve(doc, "3", 0, NULL);
    uint32_t rel = lec_addr_resolve(doc, "4", sec, &near);
    size_t tl;
    const char *t = rel == LEC_NONE ? "" : lec_node_title(doc, rel, &tl);
    ok(rel != LEC_NONE && strncmp(t, "同步落实", 12) == 0, "relative address: point 4 of section 3");
    lec_buf_free(&near);

    lec_doc_free(doc);
    return tap_done();
}
