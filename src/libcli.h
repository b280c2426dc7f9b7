/*
 * libcli.h - the library on the command line (libcli.c): --list, --grep,
 * and making the library the browser opens.
 */
#ifndef LECTERN_LIBCLI_H
#define LECTERN_LIBCLI_H

#include "lectern/library.h"

/* A library of paths[0..n), its metadata read (with the cache) when
 * load is nonzero (else the browser reads it: lec_lib_load_start).  What
 * cannot be added is said on standard error and counts in *errors. */
lec_lib *lec_cli_library(char *const *paths, int n, lec_from from, int load, int *errors);
/* Reads the metadata of l (lec_lib_load, with the cache) on as many
 * threads as lec_cli_threads says; a note of the cache on stderr. */
void lec_cli_load(lec_lib *l);
/* Worker threads for the library: the processors, at most 4. */
int lec_cli_threads(void);

/* --list: one document a line, TSV; returns the exit status (0, or 2
 * when something could not be read). */
int lec_cli_list(char *const *paths, int n, lec_from from);
/* Writes the list of an open library (the browser's fallback without a
 * terminal); returns the number of documents that could not be read. */
int lec_cli_write_list(const lec_lib *l);

/* --grep: one hit a line, TSV, the pattern read as flags say (search.h:
 * LEC_SEARCH_REGEX, LEC_SEARCH_NO_HANFOLD); returns 0 when something was
 * found, 1 when nothing was, 2 on an error (as grep). */
int lec_cli_grep(const char *pattern, unsigned flags, char *const *paths, int n, lec_from from);

#endif
