/*
 * savefile.h - a file replaced whole or not at all (the state files).
 */
#ifndef LECTERN_SAVEFILE_H
#define LECTERN_SAVEFILE_H

#include <stddef.h>

/* Replaces the file at path with data[0..len): written to a temporary
 * file beside it (mode 0600), synced, then renamed over it.  The signals
 * that end the program are held from the temporary file's creation to the
 * rename, so that a hang-up while saving (a closed SSH connection or tmux
 * pane) ends the program after the rename, never leaving the temporary
 * file behind.  Returns 0, or the errno of what failed (the temporary file
 * is then removed and path is as it was). */
int lec_save_file(const char *path, const char *data, size_t len);

#endif
