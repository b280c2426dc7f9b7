/*
 * t_headers.c - every public header at once (issue 12.16): two modules
 * once gave the same name to different types (lec_line in head.h and
 * view.h), and a file that included both did not compile.  This test
 * fails by not compiling.  Also: the exit statuses are one list.
 */
#include "../tap.h"

#include "lectern/addr.h"
#include "lectern/bytes.h"
#include "lectern/caption.h"
#include "lectern/chunk.h"
#include "lectern/clip.h"
#include "lectern/convert.h"
#include "lectern/doc.h"
#include "lectern/emit.h"
#include "lectern/exit.h"
#include "lectern/frontmatter.h"
#include "lectern/furniture.h"
#include "lectern/fuse.h"
#include "lectern/hanfold.h"
#include "lectern/head.h"
#include "lectern/history.h"
#include "lectern/jumps.h"
#include "lectern/keys.h"
#include "lectern/later.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/marker.h"
#include "lectern/mdparse.h"
#include "lectern/outline.h"
#include "lectern/place.h"
#include "lectern/plain.h"
#include "lectern/refs.h"
#include "lectern/render.h"
#include "lectern/savefile.h"
#include "lectern/search.h"
#include "lectern/table.h"
#include "lectern/textseg.h"
#include "lectern/thread.h"
#include "lectern/tui.h"
#include "lectern/utf8.h"
#include "lectern/util.h"
#include "lectern/view.h"
#include "lectern/wrap.h"

int main(void)
{
    lec_head_line h = {"x", 1};
    lec_line row = {0};
    ok(h.len == 1 && row.nseg == 0, "head.h's and view.h's line types live side by side");
    /* The statuses README.md and lectern(1) document. */
    ok(LEC_EXIT_OK == 0 && LEC_EXIT_NOTFOUND == 1 && LEC_EXIT_INPUT == 2 && LEC_EXIT_RAW == 3 &&
           LEC_EXIT_USAGE == 64 && LEC_EXIT_OOM == 70 && LEC_EXIT_WRITE == 74,
       "the exit statuses are the documented ones");
    return tap_done();
}
