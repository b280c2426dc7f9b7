/*
 * clip.h - a section to the terminal's clipboard: the OSC 52 sequence
 * (ESC ] 52 ; c ; base64 BEL), which the terminal, not the host, acts on,
 * so it works over SSH and, with tmux's set-clipboard on, through tmux.
 *
 * Terminals drop a sequence that is too long for them, silently.  Limits
 * found: hterm (ChromeOS Secure Shell) sends at most 100 000 bytes of
 * sequence (its osc52.sh, OSC_52_MAX_SEQUENCE); tmux drops any escape
 * sequence over 1 MiB (INPUT_BUF_LIMIT in input.c; input-buffer-size
 * since 3.5); xterm took 1 000 000 bytes of text in a test (kitty issue
 * 3031), when its allowWindowOps and disallowedWindowOps resources let
 * it set the selection at all; kitty refuses escape codes above its limit
 * (kitty issues 3031, 3937: chunk with its extension instead); foot,
 * WezTerm, iTerm2 (with "Applications in terminal may access
 * clipboard") and Windows Terminal (microsoft/terminal PR 5823) take it;
 * Termux stops near 6 KB (termux-app issue 5324), Tabby near 1 KB (Tabby
 * issue 6001), mosh at its own cap.  lectern sends up to LEC_OSC52_MAX
 * bytes of sequence, the smallest limit of the common terminals, and
 * above it says so instead (p or | then carry any size).
 */
#ifndef LECTERN_CLIP_H
#define LECTERN_CLIP_H

#include <stddef.h>

#include "lectern/doc.h"
#include "lectern/util.h"

/* The longest sequence lectern sends: some 74 000 bytes of text, 24 000
 * Chinese characters. */
enum { LEC_OSC52_MAX = 100000 };

/* Appends the base64 (RFC 4648, with padding) of s[0..n) to out. */
void lec_base64(const char *s, size_t n, lec_buf *out);
/* The length of the OSC 52 sequence for n bytes of text. */
size_t lec_osc52_size(size_t n);
/* Appends the OSC 52 sequence that puts s[0..n) on the clipboard. */
void lec_osc52(const char *s, size_t n, lec_buf *out);

/* What y and Y copy of node (0: the whole document): its Markdown source,
 * byte for byte, as --print prints it; or with `plain` its text wrapped
 * at width cells, as --print --plain (and P) print it.  Appends to out.
 * A text that would be over `max` bytes is not made: returns 0 and
 * leaves out as it was (max 0: no limit); else 1. */
int lec_clip_text(const lec_doc *doc, uint32_t node, int plain, int width, int ambi, size_t max,
                  lec_buf *out);

#endif
