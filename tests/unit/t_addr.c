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
    /* Typed through an input method: NFKC first. */
    check("３．４", "四是|同步落实");
    check("3．4", "四是|同步落实");
    check("二／四是", "四是|同步落实");
    check("三／（一）／２", "2、|应用系统");
    check("三/（１）", "（一）|信息化");
    /* A leading dot: from the base (the root here). */
    check(".3", "二、|狠抓同步");
    check("./二/四是", "四是|同步落实");
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

    /* A heading and a list item answer the same marker: the heading. */
    static const char both[] = "## 一、甲\n\n正文。\n\n## 二、乙\n\n- （一）列表项。\n- （二）又一项。\n\n"
                               "### （一）标题\n\n正文。\n\n### （二）标题二\n\n正文。\n";
    doc = lec_doc_new(strdup(both), strlen(both), "both.md");
    check("二/（一）", "（一）|标题");
    check("二/2", "（二）|标题二");
    check("2.1", "（一）|列表项");
    check("2.2", "（二）|又一项");
    lec_doc_free(doc);

    /* A law written for this test: two H1s (code, book), articles
     * numbered through chapters and sections. */
    static const char law[] = "# 某法典\n\n# 第二编\n\n"
                              "## 第一章 总则\n\n第一条 甲。\n\n第二条 乙。\n\n"
                              "## 第二章 分则\n\n### 第一节 登记\n\n第三条 丙：\n\n（一）子；\n\n"
                              "（二）丑。\n\n第三条之一 丙一。\n\n### 第二节 变更\n\n第四条 丁。\n";
    doc = lec_doc_new(strdup(law), strlen(law), "law.md");
    check("第三条", "第三条|丙：");
    check("第二章/第一节/第三条", "第三条|丙：");
    check("第二章/第三条", "第三条|丙：");
    check("第二编/第二章/第二节/第四条", "第四条|丁");
    check("第三条之一", "第三条之一|丙一");
    check("第三条/（二）", "（二）|丑。");
    check("2.2.1.1", "第三条|丙：");
    check("2.2.1.2", "第三条之一|丙一");
    check("第五条", "none: 1 某法典 … 2 第二编");
    check("第一章/第四条", "none: 2.1.1 第一条甲 … 2.1.2 第二条乙, 2.1 第一章总则");
    lec_doc_free(doc);
    return tap_done();
}
