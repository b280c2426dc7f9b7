/*
 * fuzz_addr.c - fuzzed addresses ("2.4", "二/四是", "引言", anything) on a
 * fixed speech written for this target: lec_addr_resolve from the root
 * and from every node, and :addr in the browser's view.
 *
 * Checked: a node found is a real node other than the root, and its own
 * dotted address (lec_addr_of) leads back to it; a failed look-up always
 * suggests the nearest addresses; an address that resolves from the root
 * is found by :addr too; wherever :addr leaves the cursor, it is on the
 * document.
 */
#include "fuzz.h"

#include "lectern/addr.h"
#include "lectern/doc.h"
#include "lectern/view.h"

/* Every numbering family the outline knows, nested several deep, with an
 * unnumbered heading (named by its title), a numbered list, a quote and
 * the traps (一、二线, 第一次) that must not become points. */
static const char speech[] = "---\n"
                             "title: 在全市河湖治理工作会议上的讲话\n"
                             "date: 2026-05-12\n"
                             "---\n"
                             "\n"
                             "# 在全市河湖治理工作会议上的讲话\n"
                             "\n"
                             "同志们：\n"
                             "\n"
                             "今天的会议主要讲三件事。\n"
                             "\n"
                             "## 引言\n"
                             "\n"
                             "去年汛期，我们第一次做到了全市河道无一处漫堤。\n"
                             "\n"
                             "## 一、认清形势\n"
                             "\n"
                             "一是成绩来之不易。河长制全面落地，水质稳步好转。\n"
                             "\n"
                             "二是问题依然突出。与一、二线城市相比，我们的管网还很薄弱。\n"
                             "\n"
                             "三是任务更加艰巨。\n"
                             "\n"
                             "## 二、突出重点\n"
                             "\n"
                             "### （一）治污\n"
                             "\n"
                             "1. 排口整治。年底前完成全部排口的排查。\n"
                             "2. 管网改造。重点做好两件事：\n"
                             "\n"
                             "   （1）雨污分流。老城区先行。\n"
                             "\n"
                             "   （2）截污纳管。\n"
                             "\n"
                             "   ①沿河截污；\n"
                             "\n"
                             "   ②小区纳管。\n"
                             "\n"
                             "3. 面源防治。\n"
                             "\n"
                             "### （二）护岸\n"
                             "\n"
                             "第一，守住岸线。\n"
                             "\n"
                             "第二，修复生态。\n"
                             "\n"
                             "> 一条河就是一座城的记忆。\n"
                             "\n"
                             "### （三）兴水\n"
                             "\n"
                             "首先，算好水账。其次，用好水权。最后，管好水价。\n"
                             "\n"
                             "## 三、压实责任\n"
                             "\n"
                             "其一，明确分工。\n"
                             "\n"
                             "其二，严格考核。\n"
                             "\n"
                             "## 结语\n"
                             "\n"
                             "让每一条河都清起来、活起来、美起来。\n";

static lec_doc *doc;

static const lec_doc *the_doc(void)
{
    if (!doc) {
        /* Built once and kept: the document never changes. */
        doc = lec_doc_new(lec_xstrndup(speech, sizeof speech - 1), sizeof speech - 1, "fuzz.md");
        FUZZ_CHECK(lec_doc_node_count(doc) > 20);
    }
    return doc;
}

/* A node found is a real node whose address leads back to it. */
static void check_found(const lec_doc *d, uint32_t id)
{
    size_t count = lec_doc_node_count(d);
    FUZZ_CHECK(id > 0 && id < count);
    lec_buf a = LEC_BUF_INIT;
    lec_addr_of(d, id, &a);
    FUZZ_CHECK(a.len > 0);
    FUZZ_CHECK(lec_addr_resolve(d, a.data, 0, NULL) == id);
    lec_buf_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const lec_doc *d = the_doc();
    /* An address is a C string: it ends at a NUL. */
    char *addr = fuzz_copy(data, size > 256 ? 256 : size);
    size_t count = lec_doc_node_count(d);

    lec_buf near = LEC_BUF_INIT;
    uint32_t from_root = lec_addr_resolve(d, addr, 0, &near);
    if (from_root != LEC_NONE)
        check_found(d, from_root);
    else
        FUZZ_CHECK(near.len > 0);
    for (uint32_t base = 1; base < count; base++) {
        lec_buf_reset(&near);
        uint32_t id = lec_addr_resolve(d, addr, base, &near);
        if (id != LEC_NONE)
            check_found(d, id);
        else
            FUZZ_CHECK(near.len > 0);
    }
    lec_buf_free(&near);

    /* :addr in the browser, from the top and then from where it led. */
    lec_view *v = lec_view_new(d, 40, 12, 1);
    for (int round = 0; round < 2; round++) {
        lec_buf err = LEC_BUF_INIT;
        int ok = lec_view_goto(v, addr, &err);
        if (from_root != LEC_NONE && round == 0) FUZZ_CHECK(ok);
        if (!ok) FUZZ_CHECK(err.len > 0);
        lec_buf_free(&err);
        FUZZ_CHECK(lec_view_current(v) < count);
        lec_line l = LEC_LINE_INIT;
        FUZZ_CHECK(lec_view_row(v, lec_view_cursor_row(v), &l) != LEC_ROW_END);
        lec_line_free(&l);
    }
    lec_view_free(v);
    free(addr);
    return 0;
}
