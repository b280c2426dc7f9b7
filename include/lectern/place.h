/*
 * place.h - where the reader left each file, and the marks set in it,
 * kept from one run to the next in $XDG_STATE_HOME/lectern/places
 * (~/.local/state/lectern/places when XDG_STATE_HOME is not set).
 *
 * Use: when a document opens, lec_place_recall(dir, path, doc, &p,
 * &notice) and, when it returns 1, put the view at p.pos (lec_view_seek)
 * and set the marks; when the reader leaves, lec_place_remember(dir,
 * path, doc, &p, &notice) with p.pos from lec_view_tell.  dir comes from
 * lec_place_dir(); NULL (no HOME) turns both into no-ops.
 *
 * The file is one line a file, the latest first, at most LEC_PLACES_MAX.
 * A place is kept as a source offset and, for a file edited since (its
 * size or time changed), as the section it was in (its address, marker
 * and title) and the distance into it, so that it maps back to the same
 * section when that still exists.  Writing merges with what the file
 * holds at that moment under a lock (flock on places.lock), into a
 * temporary file renamed over the old one: two lecterns closing at once
 * lose neither entry, and a crash never leaves half a file.  A damaged or
 * unreadable file is ignored with one notice, never an error.
 */
#ifndef LECTERN_PLACE_H
#define LECTERN_PLACE_H

#include <stdint.h>

#include "lectern/doc.h"
#include "lectern/jumps.h"
#include "lectern/util.h"
#include "lectern/view.h"

enum { LEC_PLACES_MAX = 1000 };

typedef struct lec_place {
    lec_vpos pos;                /* the cursor */
    lec_vpos marks[LEC_MARKS];   /* marks 'a'..'z' */
    uint32_t marks_set;          /* bit k: marks[k] is set */
    int moved;                   /* recall: the file changed since; mapped by sections */
    /* The file as it was when recalled (lec_place_recall notes it, and
     * lec_place_remember keeps it with the place): its size and time. */
    int64_t size, mtime_ns;
    int known;                   /* size and mtime_ns are set */
} lec_place;

/* $XDG_STATE_HOME/lectern when XDG_STATE_HOME is an absolute path, else
 * $HOME/.local/state/lectern; NULL when neither is set.  Caller frees
 * with free(). */
char *lec_place_dir(void);

/* Where the reader left the file at path (made absolute, links
 * resolved), mapped onto doc, the document as it is now.  *out is
 * emptied and gets the file's size and time in any case; returns 1 when
 * the file was found in the state (out->pos and the marks set), else 0.
 * notice (when not NULL) gets one line when the state file is damaged or
 * cannot be read ("…/places: line 3 is damaged: ignored"). */
int lec_place_recall(const char *dir, const char *path, const lec_doc *doc, lec_place *out,
                     lec_buf *notice);

/* Records p as where the reader leaves the file at path in doc (the
 * document as it was read, with p->size and p->mtime_ns from
 * lec_place_recall: the stat of the file now is taken when they are not
 * known).  The directory is made when missing.  Returns 0, or -1 and one
 * line in notice when the state cannot be written. */
int lec_place_remember(const char *dir, const char *path, const lec_doc *doc, const lec_place *p,
                       lec_buf *notice);

/* The marks of j into p and back (the browser's jump list keeps them). */
void lec_place_from_jumps(lec_place *p, const lec_jumps *j);
void lec_place_to_jumps(const lec_place *p, lec_jumps *j);

#endif
