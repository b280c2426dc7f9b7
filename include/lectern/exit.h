/*
 * exit.h - lectern's exit statuses, the one list (README.md and lectern(1)
 * document them).  A signal ends the program by the signal (128 + its
 * number), never with one of these.
 */
#ifndef LECTERN_EXIT_H
#define LECTERN_EXIT_H

enum {
    LEC_EXIT_OK = 0,
    LEC_EXIT_NOTFOUND = 1, /* --print: no node has that address */
    LEC_EXIT_INPUT = 2,    /* the input cannot be used */
    LEC_EXIT_RAW = 3,      /* --print to a terminal would write control characters */
    LEC_EXIT_USAGE = 64,   /* bad command line (EX_USAGE) */
    LEC_EXIT_OOM = 70,     /* out of memory (EX_SOFTWARE) */
    LEC_EXIT_WRITE = 74,   /* writing standard output failed (EX_IOERR) */
};

#endif
