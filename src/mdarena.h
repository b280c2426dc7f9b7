/*
 * mdarena.h - bump allocation for cmark's trees, one arena per parse
 * (src/mdarena.c).
 *
 * Internal to the library: mdparse.c gives each lec_md an arena and
 * makes it current around the cmark calls that allocate its tree.
 *
 * cmark's allocator callbacks get no context, so every block they hand
 * out starts with a small header saying where it came from: the current
 * arena of the calling thread (a pointer bump; free is a no-op), a block
 * of its own for a large one (freed at once when cmark frees or grows
 * it), or the heap when no arena is current (cmark allocates after the
 * parse too: a literal is made a C string on first use).  Memory comes
 * from lectern's allocators: out of memory is lec_oom() (util.h).
 */
#ifndef LECTERN_MDARENA_H
#define LECTERN_MDARENA_H

#include <cmark.h>

typedef struct lec_mdarena lec_mdarena;

/* The allocator to give cmark_parser_new_with_mem (and nothing else):
 * calloc comes from the thread's current arena, or the heap; realloc of
 * arena memory stays in its arena; free of small arena memory does
 * nothing. */
extern cmark_mem lec_mdarena_mem;

/* A new, empty arena; release with lec_mdarena_free on the same thread. */
lec_mdarena *lec_mdarena_new(void);
/* Releases all that was allocated in the arena (NULL: nothing).  The
 * tree allocated in it must not be used after. */
void lec_mdarena_free(lec_mdarena *a);

/* Makes `a` (NULL: none, the heap) the calling thread's current arena
 * and returns the one that was, to be restored with the same call. */
lec_mdarena *lec_mdarena_use(lec_mdarena *a);

/* `key` names the arena for lec_mdarena_find (mdparse.c: the root of the
 * tree it holds). */
void lec_mdarena_set_key(lec_mdarena *a, const void *key);
/* The live arena made on the calling thread with this key, or NULL. */
lec_mdarena *lec_mdarena_find(const void *key);

/* True when no memory that cmark took from the heap (outside any arena)
 * is live, in any thread: a tree made in an arena then holds nothing
 * else, and releasing its arena frees all of it without walking it with
 * cmark_node_free. */
int lec_mdarena_heap_idle(void);

#endif
