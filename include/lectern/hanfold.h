/*
 * hanfold.h - Simplified and Traditional characters as one, from OpenCC's
 * tables.
 *
 * Every ideograph belongs to a class of the characters OpenCC converts
 * it to or from, one character at a time (發 髮 发; 臺 颱 檯 台; 後 后;
 * 乾 幹 干), and folds to one member of its class, the one OpenCC's
 * Traditional-to-Simplified conversion gives most members (发, 台, 后, 干).
 * A character OpenCC does not convert is its own class.  The fold maps
 * one character to one character, so a match in folded text covers the
 * same characters of the text as written.  Conversions of words (软件 and
 * 軟體) are no part of it: they change the number of characters.
 *
 * The classes are made once per process, from OpenCC's converters t2s and
 * s2t (Debian: libopencc-data and libopencc1.1), which takes about a
 * tenth of a second; lec_hanfold_prepare starts that early on a thread
 * of its own.  Without OpenCC's data every character folds to itself and
 * lec_hanfold_error says why.  Pure: no curses, no output.
 */
#ifndef LECTERN_HANFOLD_H
#define LECTERN_HANFOLD_H

#include <stdint.h>

/* Makes the classes, once; any later call (from any thread) returns at
 * once, or waits for the one that is making them. */
void lec_hanfold_init(void);
/* Starts lec_hanfold_init on a thread of its own and returns at once (or
 * makes the classes here when no thread can be started). */
void lec_hanfold_prepare(void);
/* Waits for the thread lec_hanfold_prepare started, if any: the program
 * must not leave while it works (OpenCC's C++ objects are destroyed at
 * exit, under it: ThreadSanitizer saw it). */
void lec_hanfold_settle(void);

/* Nonzero once the classes are made (never waits): a browser can leave
 * a search for later instead of waiting on the first keystroke. */
int lec_hanfold_ready(void);

/* The character cp folds to: itself, or another member of its class.
 * Calls lec_hanfold_init. */
int32_t lec_hanfold(int32_t cp);

/* The fold of U+3400..U+9FFF as a table, for loops that cannot afford a
 * call per character: entry cp - LEC_HANFOLD_LO is 0 when cp folds to
 * itself, LEC_HANFOLD_FAR when it folds to a character above U+FFFF (ask
 * lec_hanfold), else the character it folds to (U+3400..U+FFFF: three
 * bytes in UTF-8, as cp).  Calls lec_hanfold_init; the table is the
 * module's and never changes. */
enum { LEC_HANFOLD_LO = 0x3400, LEC_HANFOLD_HI = 0x9FFF, LEC_HANFOLD_FAR = 0xFFFF };
const uint16_t *lec_hanfold_table(void);

/* How many characters fold to another one (0 without OpenCC). */
unsigned lec_hanfold_count(void);
/* NULL, or why OpenCC's tables could not be read (every character then
 * folds to itself).  Static text. */
const char *lec_hanfold_error(void);

#endif
