/*
 * addr.h - addresses of nodes: "2.4" (positions among siblings, as --toc
 * shows them) or a path of markers "二/四是", "2/4".
 */
#ifndef LECTERN_ADDR_H
#define LECTERN_ADDR_H

#include <stdint.h>

#include "lectern/doc.h"
#include "lectern/util.h"

/* Finds the node addr names, looking from node `base` (0: the root).
 * Returns its id, or LEC_NONE when there is none; then, when near is not
 * NULL, appends to it a short list of the nearest existing addresses with
 * their markers and titles ("2.4 四是…, 3 三、…"). */
uint32_t lec_addr_resolve(const lec_doc *doc, const char *addr, uint32_t base, lec_buf *near);

/* The bytes of the source addr names, into [*start, *end): a node's
 * range (lec_node_range), or for a dotted address whose last step is 0
 * ("0", "2.0") the part of the node before it ("2": section 2's heading
 * and lead text, up to its first child; "0" alone: what comes before the
 * first top-level node, the preamble).  Returns 1, or 0 when there is no
 * such node, with near filled as lec_addr_resolve does. */
int lec_addr_range(const lec_doc *doc, const char *addr, lec_buf *near, size_t *start, size_t *end);

/* Appends the dotted address of node id ("2.4"; "" for the root). */
void lec_addr_of(const lec_doc *doc, uint32_t id, lec_buf *out);

#endif
